// DepthToSpace and SpaceToDepth (NHWC): moving block_size x block_size pixel blocks between
// the spatial dims and the depth dim (sub-pixel convolution upsampling and its inverse).

#include "serving/ops/op_util.h"

namespace tfsk::serving::ops {
namespace {

/// Copies between a [N, H, W, C] "space" tensor and its [N, H/b, W/b, C*b*b] "depth" form:
/// space[n, y*b+i, x*b+j, c] <-> depth[n, y, x, (i*b+j)*C + c].
template <bool kToSpace>
Status Move(OpContext& ctx) {
  TFSK_RETURN_IF_ERROR(CheckNumInputs(ctx, 1));
  const std::string format = ctx.node.StringOr("data_format", "NHWC");
  if (format != "NHWC")
    return Unimplemented(ctx.node.op + " only supports data_format NHWC on CPU, got " + format);
  const Tensor& x = ctx.input(0);
  if (x.rank() != 4)
    return InvalidArgument("Input rank should be: 4 instead of: " + std::to_string(x.rank()));
  TFSK_ASSIGN_OR_RETURN(std::int64_t b, ctx.node.GetInt("block_size"));
  if (b < 2) return InvalidArgument("Block size should be > 1, but was: " + std::to_string(b));
  const std::int64_t n = x.dim(0);
  std::int64_t h, w, c;  // of the space form
  if (kToSpace) {
    if (x.dim(3) % (b * b) != 0) {
      return InvalidArgument("Input depth dimension " + std::to_string(x.dim(3)) +
                             " should be divisible by: " + std::to_string(b * b));
    }
    h = x.dim(1) * b, w = x.dim(2) * b, c = x.dim(3) / (b * b);
  } else {
    if (x.dim(1) % b != 0 || x.dim(2) % b != 0) {
      return InvalidArgument("Image width " + std::to_string(x.dim(2)) + " and height " +
                             std::to_string(x.dim(1)) +
                             " should be divisible by block_size: " + std::to_string(b));
    }
    h = x.dim(1), w = x.dim(2), c = x.dim(3);
  }
  const Shape out_shape = kToSpace ? Shape{n, h, w, c} : Shape{n, h / b, w / b, c * b * b};
  return DispatchAll(x.dtype(), ctx.node.op, [&]<typename T>() -> Status {
    Tensor out(x.dtype(), out_shape);
    auto src = x.flat<T>();
    auto dst = out.flat<T>();
    for (std::int64_t bn = 0; bn < n; ++bn) {
      for (std::int64_t sy = 0; sy < h; ++sy) {
        for (std::int64_t sx = 0; sx < w; ++sx) {
          const std::int64_t space = ((bn * h + sy) * w + sx) * c;
          const std::int64_t depth = ((bn * (h / b) + sy / b) * (w / b) + sx / b) * (c * b * b) +
                                     ((sy % b) * b + sx % b) * c;
          for (std::int64_t ch = 0; ch < c; ++ch) {
            if (kToSpace)
              dst[static_cast<std::size_t>(space + ch)] = src[static_cast<std::size_t>(depth + ch)];
            else
              dst[static_cast<std::size_t>(depth + ch)] = src[static_cast<std::size_t>(space + ch)];
          }
        }
      }
    }
    ctx.outputs.push_back(std::move(out));
    return OkStatus();
  });
}

}  // namespace

void RegisterDepthSpaceOps(KernelRegistry& r) {
  r.Register({"DepthToSpace", &Move<true>, {"block_size"}});
  r.Register({"SpaceToDepth", &Move<false>, {"block_size"}});
}

}  // namespace tfsk::serving::ops
