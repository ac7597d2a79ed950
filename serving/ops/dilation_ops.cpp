// Dilation2D (tf.nn.dilation2d, grayscale morphological dilation, NHWC): per channel, the max over
// the filter window of input + filter, taps `rates` apart, windows `strides` apart, VALID or
// SAME; taps in the padding are skipped (an all-padding window would give the dtype's lowest).

#include <limits>

#include "serving/ops/conv_util.h"

namespace tfsk::serving::ops {
namespace {

/// strides or rates: [1, rows, cols, 1], with TensorFlow's texts.
StatusOr<std::pair<std::int64_t, std::int64_t>> SpatialAttr(const NodeInfo& node, const char* name,
                                                            const char* what) {
  TFSK_ASSIGN_OR_RETURN(auto v, node.GetIntList(name));
  if (v.size() != 4) return InvalidArgument(std::string(what) + " must specify 4 dimensions");
  if (v[0] != 1 || v[3] != 1) {
    return Unimplemented(std::string(name == std::string("rates") ? "Rate" : "Stride") +
                         " is only supported across spatial dimensions.");
  }
  return std::pair{v[1], v[2]};
}

Status Dilation2D(OpContext& ctx) {
  TFSK_RETURN_IF_ERROR(CheckNumInputs(ctx, 2));
  TFSK_ASSIGN_OR_RETURN(auto s, SpatialAttr(ctx.node, "strides", "Sliding window stride field"));
  TFSK_ASSIGN_OR_RETURN(auto rate,
                        SpatialAttr(ctx.node, "rates", "Input stride (atrous rate) field"));
  TFSK_ASSIGN_OR_RETURN(std::string padding, ctx.node.GetString("padding"));
  if (padding != "VALID" && padding != "SAME")
    return InvalidArgument("padding must be VALID or SAME, got " + padding);
  const Tensor& x = ctx.input(0);
  const Tensor& f = ctx.input(1);
  if (x.rank() != 4) return InvalidArgument("input must be 4-dimensional" + ShapeString(x.shape()));
  if (f.rank() != 3)
    return InvalidArgument("filter must be 3-dimensional: " + ShapeString(f.shape()));
  const std::int64_t n = x.dim(0), h = x.dim(1), w = x.dim(2), c = x.dim(3);
  if (f.dim(2) != c) {
    return InvalidArgument("input and filter must have the same depth: " + std::to_string(c) +
                           " vs " + std::to_string(f.dim(2)));
  }
  if (x.dtype() != f.dtype()) return InvalidArgument("Dilation2D input and filter types differ");
  const std::int64_t fh = f.dim(0), fw = f.dim(1);
  TFSK_ASSIGN_OR_RETURN(Window wy, WindowFor(h, fh, s.first, rate.first, padding, 0, 0));
  TFSK_ASSIGN_OR_RETURN(Window wx, WindowFor(w, fw, s.second, rate.second, padding, 0, 0));
  const WindowTaps taps{h, w, fh, fw, s, rate, wy, wx};
  return DispatchNumeric(x.dtype(), ctx.node.op, [&]<typename T>() -> Status {
    Tensor out(x.dtype(), {n, wy.out, wx.out, c});
    const T* in = x.flat<T>().data();
    const T* filter = f.flat<T>().data();
    T* o = out.flat<T>().data();
    for (std::int64_t b = 0; b < n; ++b) {
      for (std::int64_t oy = 0; oy < wy.out; ++oy) {
        for (std::int64_t ox = 0; ox < wx.out; ++ox) {
          T* best = o + ((b * wy.out + oy) * wx.out + ox) * c;
          for (std::int64_t ch = 0; ch < c; ++ch) best[ch] = std::numeric_limits<T>::lowest();
          taps.ForEach(oy, ox,
                       [&](std::int64_t ky, std::int64_t kx, std::int64_t iy, std::int64_t ix) {
                         const T* v = in + ((b * h + iy) * w + ix) * c;
                         const T* k = filter + (ky * fw + kx) * c;
                         for (std::int64_t ch = 0; ch < c; ++ch) {
                           const T sum = static_cast<T>(v[ch] + k[ch]);
                           if (sum > best[ch]) best[ch] = sum;
                         }
                       });
        }
      }
    }
    ctx.outputs.push_back(std::move(out));
    return OkStatus();
  });
}

}  // namespace

void RegisterDilationOps(KernelRegistry& r) {
  r.Register({"Dilation2D", &Dilation2D, {"strides", "rates", "padding"}});
}

}  // namespace tfsk::serving::ops
