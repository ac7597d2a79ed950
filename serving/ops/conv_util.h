#pragma once
// Windowing shared by the convolution and pooling kernels (NHWC): output sizes and padding
// as TensorFlow computes them, and the 4-element spatial attrs.

#include <cstdint>
#include <span>
#include <string>
#include <utility>

#include "serving/ops/op_util.h"

namespace tfsk::serving::ops {

/// Output size and leading pad of one spatial dim, TensorFlow's GetWindowedOutputSize.
struct Window {
  std::int64_t out = 0;
  std::int64_t pad_before = 0;
};

/// Where the taps of a 2-D window fall in an h x w input: the walk shared by every NHWC
/// convolution and pooling kernel.
struct WindowTaps {
  std::int64_t h = 0, w = 0;    // input height and width
  std::int64_t kh = 0, kw = 0;  // taps per dim
  std::pair<std::int64_t, std::int64_t> strides{1, 1};
  std::pair<std::int64_t, std::int64_t> dilations{1, 1};
  Window wy, wx;

  /// Calls f(ky, kx, iy, ix) for each tap of output (oy, ox) that lands inside the input
  /// (padding taps are skipped), rows first.
  template <typename F>
  void ForEach(std::int64_t oy, std::int64_t ox, F&& f) const {
    for (std::int64_t ky = 0; ky < kh; ++ky) {
      const std::int64_t iy = oy * strides.first + ky * dilations.first - wy.pad_before;
      if (iy < 0 || iy >= h) continue;
      for (std::int64_t kx = 0; kx < kw; ++kx) {
        const std::int64_t ix = ox * strides.second + kx * dilations.second - wx.pad_before;
        if (ix < 0 || ix >= w) continue;
        f(ky, kx, iy, ix);
      }
    }
  }
};

/// The window of one spatial dim of size `in` for a kernel of `k` taps; `padding` is
/// VALID, SAME or EXPLICIT (then `explicit_before`/`explicit_after` apply).
StatusOr<Window> WindowFor(std::int64_t in, std::int64_t k, std::int64_t stride,
                           std::int64_t dilation, const std::string& padding,
                           std::int64_t explicit_before, std::int64_t explicit_after);

/// Reads a 4-element NHWC list attr (strides, dilations, ksize) into (h, w); a missing attr
/// gives (fallback, fallback) when fallback > 0 and NotFound otherwise. Values other than 1 in
/// the batch and depth slots are Unimplemented.
StatusOr<std::pair<std::int64_t, std::int64_t>> SpatialPair(const NodeInfo& node, const char* attr,
                                                            std::int64_t fallback);
/// The same check for values given any other way (MaxPoolV2's ksize and strides inputs); `what`
/// names them in errors ("ksize input").
StatusOr<std::pair<std::int64_t, std::int64_t>> SpatialPairOf(std::span<const std::int64_t> v,
                                                              const std::string& what);

/// OK when the node's data_format (default NHWC) is NHWC; else TensorFlow's CPU error for Conv2D,
/// MaxPool(V2) and AvgPool, Unimplemented naming the format for the other ops.
Status CheckNhwc(const OpContext& ctx);

/// The checks every 2-D convolution of (input, filter) starts with, in TensorFlow's wording:
/// two inputs, NHWC, both of rank 4, one dtype.
Status CheckConv2DOperands(const OpContext& ctx);

/// The taps of a convolution node over an h x w input and a kh x kw filter: its `strides`
/// attr, `dilations` (default 1) and `padding` (with `explicit_paddings` when EXPLICIT).
StatusOr<WindowTaps> ConvTaps(const NodeInfo& node, std::int64_t h, std::int64_t w,
                              std::int64_t kh, std::int64_t kw);

}  // namespace tfsk::serving::ops
