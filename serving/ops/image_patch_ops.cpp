// ExtractImagePatches (tf.image.extract_patches): every ksize window of an NHWC image, taps
// `rates` apart, windows `strides` apart, laid out along the depth of the output as
// [patch row, patch column, channel]; taps in SAME padding are 0.

#include <algorithm>

#include "serving/ops/conv_util.h"

namespace tfsk::serving::ops {
namespace {

/// One of the 4-element attrs [1, rows, cols, 1], with TensorFlow's ParseAttributeVec4 checks.
StatusOr<std::pair<std::int64_t, std::int64_t>> Vec4(const NodeInfo& node, const char* name) {
  TFSK_ASSIGN_OR_RETURN(auto v, node.GetIntList(name));
  if (v.size() != 4) {
    return InvalidArgument(std::string(name) + " must have 4 elements, got " +
                           std::to_string(v.size()));
  }
  if (v[0] != 1 || v[3] != 1)
    return Unimplemented("Only support " + std::string(name) + " across space.");
  if (v[1] < 1 || v[2] < 1) return OutOfRange(std::string(name) + " is out of range.");
  return std::pair{v[1], v[2]};
}

Status ExtractImagePatches(OpContext& ctx) {
  TFSK_RETURN_IF_ERROR(CheckNumInputs(ctx, 1));
  TFSK_ASSIGN_OR_RETURN(auto k, Vec4(ctx.node, "ksizes"));
  TFSK_ASSIGN_OR_RETURN(auto s, Vec4(ctx.node, "strides"));
  TFSK_ASSIGN_OR_RETURN(auto rate, Vec4(ctx.node, "rates"));
  TFSK_ASSIGN_OR_RETURN(std::string padding, ctx.node.GetString("padding"));
  if (padding != "VALID" && padding != "SAME") {
    return InvalidArgument("padding must be VALID or SAME, got " + padding);
  }
  const Tensor& x = ctx.input(0);
  if (x.rank() != 4) return InvalidArgument("input must be 4-dimensional" + ShapeString(x.shape()));
  const std::int64_t n = x.dim(0), h = x.dim(1), w = x.dim(2), c = x.dim(3);
  TFSK_ASSIGN_OR_RETURN(Window wy, WindowFor(h, k.first, s.first, rate.first, padding, 0, 0));
  TFSK_ASSIGN_OR_RETURN(Window wx, WindowFor(w, k.second, s.second, rate.second, padding, 0, 0));
  const WindowTaps taps{h, w, k.first, k.second, s, rate, wy, wx};
  const std::int64_t depth = k.first * k.second * c;
  return DispatchNumeric(x.dtype(), ctx.node.op, [&]<typename T>() -> Status {
    Tensor out(x.dtype(), {n, wy.out, wx.out, depth});
    const T* in = x.flat<T>().data();
    T* o = out.flat<T>().data();
    std::fill(o, o + out.num_elements(), T{});  // padding taps stay 0
    for (std::int64_t b = 0; b < n; ++b) {
      for (std::int64_t oy = 0; oy < wy.out; ++oy) {
        for (std::int64_t ox = 0; ox < wx.out; ++ox) {
          T* patch = o + ((b * wy.out + oy) * wx.out + ox) * depth;
          taps.ForEach(oy, ox,
                       [&](std::int64_t ky, std::int64_t kx, std::int64_t iy, std::int64_t ix) {
                         const T* from = in + ((b * h + iy) * w + ix) * c;
                         std::copy(from, from + c, patch + (ky * k.second + kx) * c);
                       });
        }
      }
    }
    ctx.outputs.push_back(std::move(out));
    return OkStatus();
  });
}

}  // namespace

void RegisterImagePatchOps(KernelRegistry& r) {
  r.Register(
      {"ExtractImagePatches", &ExtractImagePatches, {"ksizes", "strides", "rates", "padding"}});
}

}  // namespace tfsk::serving::ops
