// DepthwiseConv2dNative (NHWC; VALID/SAME/EXPLICIT padding, strides, dilations): every input
// channel c is convolved with its own `channel_multiplier` filters, output channel c*M + m.

#include <Eigen/Core>

#include "serving/ops/conv_util.h"

namespace tfsk::serving::ops {
namespace {

Status DepthwiseConv2dNative(OpContext& ctx) {
  TFSK_RETURN_IF_ERROR(CheckConv2DOperands(ctx));
  const Tensor& x = ctx.input(0);
  const Tensor& f = ctx.input(1);
  const std::int64_t n = x.dim(0), h = x.dim(1), w = x.dim(2), c = x.dim(3);
  const std::int64_t kh = f.dim(0), kw = f.dim(1), m = f.dim(3);
  if (f.dim(2) != c) {
    return InvalidArgument("input and filter must have the same depth: " + std::to_string(c) +
                           " vs " + std::to_string(f.dim(2)));
  }
  TFSK_ASSIGN_OR_RETURN(const WindowTaps taps, ConvTaps(ctx.node, h, w, kh, kw));
  const Window& wy = taps.wy;
  const Window& wx = taps.wx;
  return DispatchFloat(x.dtype(), ctx.node.op, [&]<typename T>() -> Status {
    const std::int64_t oc = c * m;
    Tensor out(x.dtype(), {n, wy.out, wx.out, oc});
    if (out.num_elements() == 0) {
      ctx.outputs.push_back(std::move(out));
      return OkStatus();
    }
    using Vec = Eigen::Array<T, Eigen::Dynamic, 1>;
    const T* in = x.flat<T>().data();
    const T* filter = f.flat<T>().data();
    T* o = out.flat<T>().data();
    // One input pixel's C values, each repeated M times, times the tap's C*M filter values
    // accumulates the whole output pixel at once.
    Vec spread(oc);
    for (std::int64_t b = 0; b < n; ++b) {
      for (std::int64_t oy = 0; oy < wy.out; ++oy) {
        for (std::int64_t ox = 0; ox < wx.out; ++ox) {
          Eigen::Map<Vec> acc(o + ((b * wy.out + oy) * wx.out + ox) * oc, oc);
          acc.setZero();
          taps.ForEach(oy, ox, [&](std::int64_t ky, std::int64_t kx, std::int64_t iy,
                                   std::int64_t ix) {
            const T* px = in + ((b * h + iy) * w + ix) * c;
            for (std::int64_t ci = 0; ci < c; ++ci) spread.segment(ci * m, m).setConstant(px[ci]);
            acc += spread * Eigen::Map<const Vec>(filter + (ky * kw + kx) * oc, oc);
          });
        }
      }
    }
    ctx.outputs.push_back(std::move(out));
    return OkStatus();
  });
}

}  // namespace

void RegisterDepthwiseConvOps(KernelRegistry& r) {
  r.Register({"DepthwiseConv2dNative", &DepthwiseConv2dNative, {"strides", "padding"}});
}

}  // namespace tfsk::serving::ops
