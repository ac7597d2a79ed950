// DrawBoundingBoxes / DrawBoundingBoxesV2 (tf.image.draw_bounding_boxes): copies float NHWC
// images (1, 3 or 4 channels) and draws each box's one-pixel outline in a colour taken round-robin
// from `colors` (V2; empty means the default table) or TensorFlow's default table. Box corners
// are (y_min, x_min, y_max, x_max) in [0, 1], scaled by (size - 1) and truncated; edges outside
// the image are not drawn, inverted boxes and boxes wholly outside are skipped.

#include <algorithm>
#include <array>

#include "serving/ops/op_util.h"

namespace tfsk::serving::ops {
namespace {

/// TensorFlow's default colours (RGBA): yellow, blue, red, lime, purple, olive, maroon, navy,
/// aqua, fuchsia. A grey image draws every box at 1.
std::vector<std::vector<float>> DefaultColors(std::int64_t depth) {
  std::vector<std::vector<float>> table{
      {1, 1, 0, 1},       {0, 0, 1, 1},    {1, 0, 0, 1},    {0, 1, 0, 1}, {0.5f, 0, 0.5f, 1},
      {0.5f, 0.5f, 0, 1}, {0.5f, 0, 0, 1}, {0, 0, 0.5f, 1}, {0, 1, 1, 1}, {1, 0, 1, 1}};
  if (depth == 1) {
    for (auto& c : table) c[0] = 1;
  }
  return table;
}

StatusOr<std::vector<std::vector<float>>> ReadColors(const OpContext& ctx, std::int64_t depth) {
  if (ctx.num_inputs() < 3) return DefaultColors(depth);
  const Tensor& colors = ctx.input(2);
  if (colors.rank() != 2)
    return InvalidArgument("colors must be a 2-D matrix" + ShapeString(colors.shape()));
  if (colors.dim(1) < depth) {
    return InvalidArgument("colors must have equal or more channels than the image provided: " +
                           ShapeString(colors.shape()));
  }
  if (colors.num_elements() == 0) return DefaultColors(depth);
  if (colors.dtype() != DataType::kFloat)
    return InvalidArgument("colors must be float, got " + DataTypeName(colors.dtype()));
  std::vector<std::vector<float>> table;
  const float* v = colors.flat<float>().data();
  for (std::int64_t i = 0; i < colors.dim(0); ++i) {
    table.emplace_back(v + i * colors.dim(1), v + i * colors.dim(1) + depth);
  }
  return table;
}

Status DrawBoundingBoxes(OpContext& ctx) {
  const bool v2 = ctx.node.op == "DrawBoundingBoxesV2";
  TFSK_RETURN_IF_ERROR(CheckNumInputs(ctx, v2 ? 3 : 2));
  const Tensor& images = ctx.input(0);
  const Tensor& boxes = ctx.input(1);
  if (images.rank() != 4) return InvalidArgument("The rank of the images should be 4");
  if (boxes.rank() != 3) return InvalidArgument("The rank of the boxes tensor should be 3");
  if (images.dim(0) != boxes.dim(0)) return InvalidArgument("The batch sizes should be the same");
  const std::int64_t batch = images.dim(0), height = images.dim(1), width = images.dim(2);
  const std::int64_t depth = images.dim(3);
  if (depth != 1 && depth != 3 && depth != 4)
    return InvalidArgument("Channel depth should be either 1 (GRY), 3 (RGB), or 4 (RGBA)");
  if (boxes.dim(2) != 4) {
    return InvalidArgument("The size of the third dimension of the box must be 4. Received: " +
                           std::to_string(boxes.dim(2)));
  }
  if (images.dtype() != DataType::kFloat || boxes.dtype() != DataType::kFloat) {
    return Unimplemented("No kernel for op " + ctx.node.op + " with images " +
                         DataTypeName(images.dtype()) + " and boxes " +
                         DataTypeName(boxes.dtype()) + " (float only)");
  }
  TFSK_ASSIGN_OR_RETURN(auto colors, ReadColors(ctx, depth));
  Tensor out(DataType::kFloat, images.shape());
  const float* src = images.flat<float>().data();
  float* canvas = out.flat<float>().data();
  std::copy(src, src + images.num_elements(), canvas);
  const float* box = boxes.flat<float>().data();
  const auto paint = [&](std::int64_t b, std::int64_t y, std::int64_t x, const auto& color) {
    float* px = canvas + ((b * height + y) * width + x) * depth;
    for (std::int64_t c = 0; c < depth; ++c) px[c] = color[static_cast<std::size_t>(c)];
  };
  // Float times (size - 1), truncated, as TensorFlow converts.
  const auto scaled = [](float v, std::int64_t size) {
    return static_cast<std::int64_t>(v * static_cast<float>(size - 1));
  };
  for (std::int64_t b = 0; b < batch; ++b) {
    for (std::int64_t i = 0; i < boxes.dim(1); ++i) {
      const float* bx = box + (b * boxes.dim(1) + i) * 4;
      const auto& color = colors[static_cast<std::size_t>(i) % colors.size()];
      const std::int64_t top = scaled(bx[0], height), bottom = scaled(bx[2], height);
      const std::int64_t left = scaled(bx[1], width), right = scaled(bx[3], width);
      if (top > bottom || left > right) continue;                               // inverted
      if (top >= height || bottom < 0 || left >= width || right < 0) continue;  // outside
      const std::int64_t y0 = std::max<std::int64_t>(top, 0);
      const std::int64_t y1 = std::min(bottom, height - 1);
      const std::int64_t x0 = std::max<std::int64_t>(left, 0);
      const std::int64_t x1 = std::min(right, width - 1);
      for (std::int64_t x = x0; x <= x1; ++x) {
        if (top >= 0) paint(b, top, x, color);
        if (bottom < height) paint(b, bottom, x, color);
      }
      for (std::int64_t y = y0; y <= y1; ++y) {
        if (left >= 0) paint(b, y, left, color);
        if (right < width) paint(b, y, right, color);
      }
    }
  }
  ctx.outputs.push_back(std::move(out));
  return OkStatus();
}

}  // namespace

void RegisterDrawBoxesOps(KernelRegistry& r) {
  r.Register({"DrawBoundingBoxes", &DrawBoundingBoxes, {}});
  r.Register({"DrawBoundingBoxesV2", &DrawBoundingBoxes, {}});
}

}  // namespace tfsk::serving::ops
