// CropAndResize (tf.image.crop_and_resize): crops boxes out of a batch of NHWC images and resizes
// each crop to crop_size with bilinear or nearest sampling, as TensorFlow's CPU kernel does.
// Boxes are [y1, x1, y2, x2] in normalized coordinates (0..1 spans the image, y2 < y1 flips the
// crop, values outside [0, 1] extrapolate); samples falling outside the image take
// extrapolation_value. The output is float [num_boxes, crop_height, crop_width, depth].

#include <cmath>

#include "serving/ops/op_util.h"

namespace tfsk::serving::ops {
namespace {

struct CropArgs {
  std::int64_t batch = 0, height = 0, width = 0, depth = 0, boxes = 0;
  std::int64_t crop_h = 0, crop_w = 0;
  bool bilinear = true;
  float extrapolation = 0;
};

/// TensorFlow's argument checks, in its order and with its texts.
StatusOr<CropArgs> ReadCropArgs(const OpContext& ctx) {
  TFSK_RETURN_IF_ERROR(CheckNumInputs(ctx, 4));
  const Tensor& image = ctx.input(0);
  const Tensor& boxes = ctx.input(1);
  const Tensor& box_index = ctx.input(2);
  const Tensor& crop_size = ctx.input(3);
  CropArgs a;
  const std::string method = ctx.node.StringOr("method", "bilinear");
  if (method != "bilinear" && method != "nearest")
    return InvalidArgument("method must be 'bilinear' or 'nearest'" + method);
  a.bilinear = method == "bilinear";
  auto extrapolation = ctx.node.GetFloat("extrapolation_value");
  a.extrapolation = extrapolation.ok() ? *extrapolation : 0.0f;
  if (image.rank() != 4)
    return InvalidArgument("input image must be 4-D" + ShapeString(image.shape()));
  a.batch = image.dim(0);
  a.height = image.dim(1);
  a.width = image.dim(2);
  a.depth = image.dim(3);
  if (a.height <= 0 || a.width <= 0) return InvalidArgument("image dimensions must be positive");
  if (boxes.rank() != 2) return InvalidArgument("boxes must be 2-D" + ShapeString(boxes.shape()));
  if (box_index.rank() != 1)
    return InvalidArgument("box_index must be 1-D" + ShapeString(box_index.shape()));
  if (boxes.dtype() != DataType::kFloat)
    return InvalidArgument("boxes must be float, got " + DataTypeName(boxes.dtype()));
  if (box_index.dtype() != DataType::kInt32)
    return InvalidArgument("box_index must be int32, got " + DataTypeName(box_index.dtype()));
  if (boxes.num_elements() != 0 || box_index.num_elements() != 0) {
    a.boxes = boxes.dim(0);
    if (boxes.dim(1) != 4) return InvalidArgument("boxes must have 4 columns");
    auto b = boxes.flat<float>();
    for (std::int64_t i = 0; i < a.boxes; ++i) {
      const auto row = static_cast<std::size_t>(i * 4);
      for (std::size_t j = 0; j < 4; ++j) {
        if (!std::isfinite(b[row + j])) {
          return InvalidArgument("boxes values must be finite, received boxes[" +
                                 std::to_string(i) + "]: " + FloatText(b[row]) + ", " +
                                 FloatText(b[row + 1]) + ", " + FloatText(b[row + 2]) + ", " +
                                 FloatText(b[row + 3]));
        }
      }
    }
    if (box_index.dim(0) != a.boxes) return InvalidArgument("box_index has incompatible shape");
  }
  if (crop_size.rank() != 1)
    return InvalidArgument("crop_size must be 1-D" + ShapeString(crop_size.shape()));
  if (crop_size.dim(0) != 2)
    return InvalidArgument("crop_size must have two elements" + ShapeString(crop_size.shape()));
  TFSK_ASSIGN_OR_RETURN(auto size, IndexValues(crop_size, "crop_size"));
  a.crop_h = size[0];
  a.crop_w = size[1];
  if (a.crop_h <= 0 || a.crop_w <= 0) return InvalidArgument("crop dimensions must be positive");
  for (std::int32_t b : box_index.flat<std::int32_t>()) {
    if (b < 0 || b >= a.batch) return OutOfRange("box_index has values outside [0, batch_size)");
  }
  return a;
}

/// Source coordinate of crop position `o` along an axis of `extent` pixels for a box edge pair
/// (lo, hi): evenly spaced from lo to hi, or the box centre for a single sample.
float SourceCoord(std::int64_t o, std::int64_t crop, float lo, float hi, std::int64_t extent) {
  const auto last = static_cast<float>(extent - 1);
  if (crop <= 1) return static_cast<float>(0.5 * (lo + hi) * last);
  const float scale = (hi - lo) * last / static_cast<float>(crop - 1);
  return lo * last + static_cast<float>(o) * scale;
}

Status CropAndResize(OpContext& ctx) {
  TFSK_ASSIGN_OR_RETURN(CropArgs a, ReadCropArgs(ctx));
  const Tensor& image = ctx.input(0);
  auto boxes = ctx.input(1).flat<float>();
  auto box_index = ctx.input(2).flat<std::int32_t>();
  return DispatchNumeric(image.dtype(), ctx.node.op, [&]<typename T>() -> Status {
    Tensor out(DataType::kFloat, {a.boxes, a.crop_h, a.crop_w, a.depth});
    auto src = image.flat<T>();
    auto dst = out.flat<float>();
    const auto px = [&](std::int64_t b, std::int64_t y, std::int64_t x, std::int64_t d) {
      return static_cast<float>(
          src[static_cast<std::size_t>(((b * a.height + y) * a.width + x) * a.depth + d)]);
    };
    std::size_t pos = 0;
    for (std::int64_t i = 0; i < a.boxes; ++i) {
      const auto row = static_cast<std::size_t>(i * 4);
      const float y1 = boxes[row], x1 = boxes[row + 1], y2 = boxes[row + 2], x2 = boxes[row + 3];
      const std::int64_t b = box_index[static_cast<std::size_t>(i)];
      for (std::int64_t y = 0; y < a.crop_h; ++y) {
        const float in_y = SourceCoord(y, a.crop_h, y1, y2, a.height);
        const bool y_inside = in_y >= 0 && in_y <= static_cast<float>(a.height - 1);
        for (std::int64_t x = 0; x < a.crop_w; ++x) {
          const float in_x = SourceCoord(x, a.crop_w, x1, x2, a.width);
          if (!y_inside || in_x < 0 || in_x > static_cast<float>(a.width - 1)) {
            for (std::int64_t d = 0; d < a.depth; ++d) dst[pos++] = a.extrapolation;
            continue;
          }
          if (!a.bilinear) {
            const auto ny = static_cast<std::int64_t>(std::round(in_y));
            const auto nx = static_cast<std::int64_t>(std::round(in_x));
            for (std::int64_t d = 0; d < a.depth; ++d) dst[pos++] = px(b, ny, nx, d);
            continue;
          }
          const auto top = static_cast<std::int64_t>(std::floor(in_y));
          const auto bottom = static_cast<std::int64_t>(std::ceil(in_y));
          const auto left = static_cast<std::int64_t>(std::floor(in_x));
          const auto right = static_cast<std::int64_t>(std::ceil(in_x));
          const float y_lerp = in_y - static_cast<float>(top);
          const float x_lerp = in_x - static_cast<float>(left);
          for (std::int64_t d = 0; d < a.depth; ++d) {
            const float tl = px(b, top, left, d), tr = px(b, top, right, d);
            const float bl = px(b, bottom, left, d), br = px(b, bottom, right, d);
            const float upper = tl + (tr - tl) * x_lerp;
            const float lower = bl + (br - bl) * x_lerp;
            dst[pos++] = upper + (lower - upper) * y_lerp;
          }
        }
      }
    }
    ctx.outputs.push_back(std::move(out));
    return OkStatus();
  });
}

}  // namespace

void RegisterCropResizeOps(KernelRegistry& r) { r.Register({"CropAndResize", &CropAndResize, {}}); }

}  // namespace tfsk::serving::ops
