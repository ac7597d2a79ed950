// Conv2D (NHWC; VALID/SAME/EXPLICIT padding, strides, dilations, groups) via im2col + Eigen
// GEMM, and MaxPool/AvgPool (NHWC).

#include <Eigen/Core>
#include <limits>

#include "serving/ops/conv_util.h"

namespace tfsk::serving::ops {
namespace {

Status Conv2D(OpContext& ctx) {
  TFSK_RETURN_IF_ERROR(CheckConv2DOperands(ctx));
  const Tensor& x = ctx.input(0);
  const Tensor& f = ctx.input(1);
  const std::int64_t n = x.dim(0), h = x.dim(1), w = x.dim(2), c = x.dim(3);
  const std::int64_t kh = f.dim(0), kw = f.dim(1), fc = f.dim(2), oc = f.dim(3);
  if (fc <= 0 || c % fc != 0) {
    return InvalidArgument("input depth must be evenly divisible by filter depth: " +
                           std::to_string(c) + " vs " + std::to_string(fc));
  }
  // Grouped convolution (Keras Conv2D groups > 1): input channels [g*fc, (g+1)*fc) feed
  // output channels [g*oc/G, (g+1)*oc/G).
  const std::int64_t groups = c / fc;
  if (oc % groups != 0) {
    return InvalidArgument("output depth must be evenly divisible by number of groups: " + std::to_string(oc) +
                           " vs " + std::to_string(groups));
  }
  TFSK_ASSIGN_OR_RETURN(const WindowTaps taps, ConvTaps(ctx.node, h, w, kh, kw));
  const Window& wy = taps.wy;
  const Window& wx = taps.wx;
  return DispatchFloat(x.dtype(), ctx.node.op, [&]<typename T>() -> Status {
    Tensor out(x.dtype(), {n, wy.out, wx.out, oc});
    const std::int64_t rows = n * wy.out * wx.out;
    const std::int64_t cols = kh * kw * fc;
    const std::int64_t group_oc = oc / groups;
    if (rows == 0 || oc == 0) {
      ctx.outputs.push_back(std::move(out));
      return OkStatus();
    }
    using Mat = Eigen::Matrix<T, Eigen::Dynamic, Eigen::Dynamic, Eigen::RowMajor>;
    // im2col: one row per output pixel holding its receptive field (zeros where padded), in
    // the filter's (kh, kw, c) order, so the convolution is a single GEMM with the filter
    // (one per group).
    Mat patches(rows, cols);
    Eigen::Map<const Mat> filter(f.flat<T>().data(), cols, oc);
    Eigen::Map<Mat> result(out.flat<T>().data(), rows, oc);
    for (std::int64_t g = 0; g < groups; ++g) {
      patches.setZero();
      const T* in = x.flat<T>().data() + g * fc;
      std::int64_t row = 0;
      for (std::int64_t b = 0; b < n; ++b) {
        for (std::int64_t oy = 0; oy < wy.out; ++oy) {
          for (std::int64_t ox = 0; ox < wx.out; ++ox, ++row) {
            T* dst = patches.data() + row * cols;
            taps.ForEach(oy, ox, [&](std::int64_t ky, std::int64_t kx, std::int64_t iy,
                                     std::int64_t ix) {
              const T* src = in + ((b * h + iy) * w + ix) * c;
              std::copy(src, src + fc, dst + (ky * kw + kx) * fc);
            });
          }
        }
      }
      result.middleCols(g * group_oc, group_oc).noalias() =
          patches * filter.middleCols(g * group_oc, group_oc);
    }
    ctx.outputs.push_back(std::move(out));
    return OkStatus();
  });
}

// MaxPoolV2's ksize or strides input: 4 int32 values, NHWC.
StatusOr<std::pair<std::int64_t, std::int64_t>> PoolInput(const OpContext& ctx, int i,
                                                          const char* name) {
  const Tensor& t = ctx.input(i);
  if (t.dtype() != DataType::kInt32 || t.rank() != 1) {
    return InvalidArgument(std::string(name) + " must be a 1-D int32 tensor, got " +
                           DataTypeName(t.dtype()) + " " + ShapeString(t.shape()));
  }
  const auto v = t.flat<std::int32_t>();
  const std::vector<std::int64_t> dims(v.begin(), v.end());
  return SpatialPairOf(dims, std::string(name) + " input");
}

// MaxPool / AvgPool take ksize and strides as attrs; MaxPoolV2 as inputs 1 and 2 (Keras exports
// it when the window is computed, and older graphs freeze it so).
template <bool kMax, bool kWindowInputs = false>
Status Pool(OpContext& ctx) {
  TFSK_RETURN_IF_ERROR(CheckNumInputs(ctx, kWindowInputs ? 3 : 1));
  TFSK_RETURN_IF_ERROR(CheckNhwc(ctx));
  const Tensor& x = ctx.input(0);
  if (x.rank() != 4) return InvalidArgument("input must be 4-dimensional: " + ShapeString(x.shape()));
  std::pair<std::int64_t, std::int64_t> k;
  std::pair<std::int64_t, std::int64_t> s;
  if constexpr (kWindowInputs) {
    TFSK_ASSIGN_OR_RETURN(k, PoolInput(ctx, 1, "ksize"));
    TFSK_ASSIGN_OR_RETURN(s, PoolInput(ctx, 2, "strides"));
  } else {
    TFSK_ASSIGN_OR_RETURN(k, SpatialPair(ctx.node, "ksize", 0));
    TFSK_ASSIGN_OR_RETURN(s, SpatialPair(ctx.node, "strides", 0));
  }
  if (k.first <= 0 || k.second <= 0 || s.first <= 0 || s.second <= 0) {
    return InvalidArgument("ksize and strides must be positive, got ksize " +
                           std::to_string(k.first) + "x" + std::to_string(k.second) +
                           ", strides " + std::to_string(s.first) + "x" +
                           std::to_string(s.second));
  }
  TFSK_ASSIGN_OR_RETURN(std::string padding, ctx.node.GetString("padding"));
  const std::int64_t n = x.dim(0), h = x.dim(1), w = x.dim(2), c = x.dim(3);
  TFSK_ASSIGN_OR_RETURN(Window wy, WindowFor(h, k.first, s.first, 1, padding, 0, 0));
  TFSK_ASSIGN_OR_RETURN(Window wx, WindowFor(w, k.second, s.second, 1, padding, 0, 0));
  const WindowTaps taps{h, w, k.first, k.second, s, {1, 1}, wy, wx};
  return DispatchFloat(x.dtype(), ctx.node.op, [&]<typename T>() -> Status {
    Tensor out(x.dtype(), {n, wy.out, wx.out, c});
    const T* in = x.flat<T>().data();
    T* o = out.flat<T>().data();
    using Vec = Eigen::Array<T, Eigen::Dynamic, 1>;
    for (std::int64_t b = 0; b < n; ++b) {
      for (std::int64_t oy = 0; oy < wy.out; ++oy) {
        for (std::int64_t ox = 0; ox < wx.out; ++ox) {
          Eigen::Map<Vec> acc(o + ((b * wy.out + oy) * wx.out + ox) * c, c);
          acc.setConstant(kMax ? std::numeric_limits<T>::lowest() : T(0));
          std::int64_t count = 0;  // AvgPool divides by the in-bounds window size only
          taps.ForEach(oy, ox, [&](std::int64_t, std::int64_t, std::int64_t iy, std::int64_t ix) {
            Eigen::Map<const Vec> v(in + ((b * h + iy) * w + ix) * c, c);
            if constexpr (kMax) acc = acc.max(v);
            else acc += v;
            ++count;
          });
          if constexpr (!kMax) {
            if (count > 0) acc /= static_cast<T>(count);
          }
        }
      }
    }
    ctx.outputs.push_back(std::move(out));
    return OkStatus();
  });
}

}  // namespace

void RegisterConvOps(KernelRegistry& r) {
  r.Register({"Conv2D", &Conv2D, {"strides", "padding"}});
  r.Register({"MaxPool", &Pool<true>, {"ksize", "strides", "padding"}});
  r.Register({"MaxPoolV2", &Pool<true, true>, {"padding"}});
  r.Register({"AvgPool", &Pool<false>, {"ksize", "strides", "padding"}});
}

}  // namespace tfsk::serving::ops
