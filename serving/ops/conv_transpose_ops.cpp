// Conv2DBackpropInput: the transposed convolution Keras' Conv2DTranspose exports (NHWC;
// VALID/SAME/EXPLICIT, strides, dilations). Computed as one GEMM (out_backprop times the
// transposed filter gives every pixel's receptive-field contributions) and a col2im
// scatter-add into the input-shaped result.

#include <Eigen/Core>

#include "serving/ops/conv_util.h"

namespace tfsk::serving::ops {
namespace {

Status Conv2DBackpropInput(OpContext& ctx) {
  TFSK_RETURN_IF_ERROR(CheckNumInputs(ctx, 3));
  TFSK_RETURN_IF_ERROR(CheckNhwc(ctx));
  const Tensor& sizes_t = ctx.input(0);
  const Tensor& f = ctx.input(1);
  const Tensor& dy = ctx.input(2);
  if (sizes_t.rank() != 1 || sizes_t.num_elements() != 4) {
    return InvalidArgument(
        "Conv2DBackpropInput: input_sizes input must be 1-dim with 4 elements, not " +
        ShapeString(sizes_t.shape()));
  }
  TFSK_ASSIGN_OR_RETURN(Shape in_shape, IndexValues(sizes_t, "input_sizes"));
  if (f.rank() != 4)
    return InvalidArgument("filter must be 4-dimensional: " + ShapeString(f.shape()));
  if (dy.rank() != 4)
    return InvalidArgument("out_backprop must be 4-dimensional: " + ShapeString(dy.shape()));
  if (f.dtype() != dy.dtype())
    return InvalidArgument("Conv2DBackpropInput filter and out_backprop types differ");
  const std::int64_t n = in_shape[0], h = in_shape[1], w = in_shape[2], c = in_shape[3];
  const std::int64_t kh = f.dim(0), kw = f.dim(1), oc = f.dim(3);
  if (n < 0 || h < 0 || w < 0 || c < 0)
    return InvalidArgument("input_sizes must be >= 0, got " + JoinInts(in_shape));
  if (f.dim(2) != c) {
    return InvalidArgument("Conv2DBackpropInput: input depth must be equal to filter depth: " +
                           std::to_string(c) + " vs " + std::to_string(f.dim(2)));
  }
  if (dy.dim(0) != n || dy.dim(3) != oc) {
    return InvalidArgument("Conv2DBackpropInput: out_backprop " + ShapeString(dy.shape()) +
                           " does not match the batch of input_sizes " + JoinInts(in_shape) +
                           " and the output depth of the filter " + ShapeString(f.shape()));
  }
  TFSK_ASSIGN_OR_RETURN(const WindowTaps taps, ConvTaps(ctx.node, h, w, kh, kw));
  const Window& wy = taps.wy;
  const Window& wx = taps.wx;
  const auto& strides = taps.strides;
  const auto& dil = taps.dilations;
  const std::int64_t dims[2][5] = {{1, h, kh, strides.first, dil.first},
                                   {2, w, kw, strides.second, dil.second}};
  const std::int64_t computed[2] = {wy.out, wx.out};
  for (int i = 0; i < 2; ++i) {
    const std::int64_t actual = dy.dim(static_cast<int>(dims[i][0]));
    if (actual != computed[i]) {
      return InvalidArgument(
          "Conv2DBackpropInput: Size of out_backprop doesn't match computed: actual = " +
          std::to_string(actual) + ", computed = " + std::to_string(computed[i]) +
          " spatial_dim: " + std::to_string(dims[i][0]) + " input: " + std::to_string(dims[i][1]) +
          " filter: " + std::to_string(dims[i][2]) + " output: " + std::to_string(actual) +
          " stride: " + std::to_string(dims[i][3]) + " dilation: " + std::to_string(dims[i][4]));
    }
  }
  return DispatchFloat(dy.dtype(), ctx.node.op, [&]<typename T>() -> Status {
    Tensor out(dy.dtype(), in_shape);
    auto o = out.flat<T>();
    std::fill(o.begin(), o.end(), T(0));
    const std::int64_t rows = n * wy.out * wx.out;
    const std::int64_t cols = kh * kw * c;
    if (rows == 0 || cols == 0 || oc == 0) {
      ctx.outputs.push_back(std::move(out));
      return OkStatus();
    }
    using Mat = Eigen::Matrix<T, Eigen::Dynamic, Eigen::Dynamic, Eigen::RowMajor>;
    Eigen::Map<const Mat> grad(dy.flat<T>().data(), rows, oc);
    Eigen::Map<const Mat> filter(f.flat<T>().data(), cols, oc);
    const Mat contrib = grad * filter.transpose();  // [pixel, (ky, kx, c)]
    std::int64_t row = 0;
    for (std::int64_t b = 0; b < n; ++b) {
      for (std::int64_t oy = 0; oy < wy.out; ++oy) {
        for (std::int64_t ox = 0; ox < wx.out; ++ox, ++row) {
          const T* src = contrib.data() + row * cols;
          taps.ForEach(oy, ox, [&](std::int64_t ky, std::int64_t kx, std::int64_t iy,
                                   std::int64_t ix) {
            T* dst = o.data() + ((b * h + iy) * w + ix) * c;
            const T* part = src + (ky * kw + kx) * c;
            for (std::int64_t ch = 0; ch < c; ++ch) dst[ch] += part[ch];
          });
        }
      }
    }
    ctx.outputs.push_back(std::move(out));
    return OkStatus();
  });
}

}  // namespace

void RegisterConvTransposeOps(KernelRegistry& r) {
  r.Register({"Conv2DBackpropInput", &Conv2DBackpropInput, {"strides", "padding"}});
}

}  // namespace tfsk::serving::ops
