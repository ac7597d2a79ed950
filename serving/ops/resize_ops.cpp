// ResizeBilinear, ResizeBicubic and ResizeArea (float output) and ResizeNearestNeighbor (input
// dtype) on NHWC images, with TensorFlow's align_corners / half_pixel_centers coordinate mappings.

#include <algorithm>
#include <array>
#include <cmath>
#include <limits>

#include "serving/ops/op_util.h"

namespace tfsk::serving::ops {
namespace {

struct ResizeArgs {
  std::int64_t n = 0, in_h = 0, in_w = 0, c = 0, out_h = 0, out_w = 0;
  float scale_h = 0, scale_w = 0;
  bool half_pixel = false;
  bool align_corners = false;
};

/// in/out, or (in-1)/(out-1) when aligning corners (TensorFlow's CalculateResizeScale).
float ResizeScale(std::int64_t in, std::int64_t out, bool align_corners) {
  return (align_corners && out > 1) ? static_cast<float>(in - 1) / static_cast<float>(out - 1)
                                    : static_cast<float>(in) / static_cast<float>(out);
}

StatusOr<ResizeArgs> ReadArgs(const OpContext& ctx) {
  TFSK_RETURN_IF_ERROR(CheckNumInputs(ctx, 2));
  const Tensor& x = ctx.input(0);
  const Tensor& size = ctx.input(1);
  if (x.rank() != 4) return InvalidArgument("input must be 4-dimensional" + ShapeString(x.shape()));
  if (size.rank() != 1)
    return InvalidArgument("shape_t must be 1-dimensional" + ShapeString(size.shape()));
  if (size.num_elements() != 2) {
    return InvalidArgument("shape_t must have two elements" + ShapeString(size.shape()));
  }
  if (size.dtype() != DataType::kInt32) {
    return InvalidArgument(ctx.node.op + " size must be int32, got " + DataTypeName(size.dtype()));
  }
  ResizeArgs a;
  a.align_corners = ctx.node.BoolOr("align_corners", false);
  a.half_pixel = ctx.node.BoolOr("half_pixel_centers", false);
  if (a.align_corners && a.half_pixel) {
    return InvalidArgument("If half_pixel_centers is True, align_corners must be False.");
  }
  a.n = x.dim(0);
  a.in_h = x.dim(1);
  a.in_w = x.dim(2);
  a.c = x.dim(3);
  a.out_h = size.flat<std::int32_t>()[0];
  a.out_w = size.flat<std::int32_t>()[1];
  if (a.out_h <= 0 || a.out_w <= 0) return InvalidArgument("output dimensions must be positive");
  if (x.num_elements() == 0 && a.n > 0) {
    return InvalidArgument("input image must be of non-zero size, got " + ShapeString(x.shape()));
  }
  a.scale_h = ResizeScale(a.in_h, a.out_h, a.align_corners);
  a.scale_w = ResizeScale(a.in_w, a.out_w, a.align_corners);
  return a;
}

/// One output coordinate's two source indices and the weight of the upper one.
struct Tap {
  std::int64_t lo = 0, hi = 0;
  float lerp = 0;
};

std::vector<Tap> BilinearTaps(std::int64_t out, std::int64_t in, float scale, bool half_pixel) {
  std::vector<Tap> taps(static_cast<std::size_t>(out));
  for (std::int64_t o = 0; o < out; ++o) {
    const float pos =
        half_pixel ? (static_cast<float>(o) + 0.5f) * scale - 0.5f : static_cast<float>(o) * scale;
    const float base = std::floor(pos);
    Tap& t = taps[static_cast<std::size_t>(o)];
    t.lo = std::max<std::int64_t>(static_cast<std::int64_t>(base), 0);
    t.hi = std::min<std::int64_t>(static_cast<std::int64_t>(std::ceil(pos)), in - 1);
    t.lerp = pos - base;
  }
  return taps;
}

Status ResizeBilinear(OpContext& ctx) {
  TFSK_ASSIGN_OR_RETURN(ResizeArgs a, ReadArgs(ctx));
  const Tensor& x = ctx.input(0);
  const auto ys = BilinearTaps(a.out_h, a.in_h, a.scale_h, a.half_pixel);
  const auto xs = BilinearTaps(a.out_w, a.in_w, a.scale_w, a.half_pixel);
  return DispatchNumeric(x.dtype(), ctx.node.op, [&]<typename T>() -> Status {
    Tensor out(DataType::kFloat, {a.n, a.out_h, a.out_w, a.c});
    auto src = x.flat<T>();
    auto dst = out.flat<float>();
    const auto at = [&](std::int64_t b, std::int64_t y, std::int64_t xx, std::int64_t ch) {
      return static_cast<float>(
          src[static_cast<std::size_t>(((b * a.in_h + y) * a.in_w + xx) * a.c + ch)]);
    };
    std::size_t pos = 0;
    for (std::int64_t b = 0; b < a.n; ++b) {
      for (const Tap& ty : ys) {
        for (const Tap& tx : xs) {
          for (std::int64_t ch = 0; ch < a.c; ++ch) {
            const float tl = at(b, ty.lo, tx.lo, ch), tr = at(b, ty.lo, tx.hi, ch);
            const float bl = at(b, ty.hi, tx.lo, ch), br = at(b, ty.hi, tx.hi, ch);
            const float top = tl + (tr - tl) * tx.lerp;
            const float bottom = bl + (br - bl) * tx.lerp;
            dst[pos++] = top + (bottom - top) * ty.lerp;
          }
        }
      }
    }
    ctx.outputs.push_back(std::move(out));
    return OkStatus();
  });
}

std::vector<std::int64_t> NearestIndices(std::int64_t out, std::int64_t in, float scale,
                                         const ResizeArgs& a) {
  std::vector<std::int64_t> idx(static_cast<std::size_t>(out));
  for (std::int64_t o = 0; o < out; ++o) {
    const float pos =
        a.half_pixel ? (static_cast<float>(o) + 0.5f) * scale : static_cast<float>(o) * scale;
    std::int64_t i = static_cast<std::int64_t>(a.align_corners ? std::round(pos) : std::floor(pos));
    i = std::min(i, in - 1);
    if (a.half_pixel) i = std::max<std::int64_t>(i, 0);
    idx[static_cast<std::size_t>(o)] = i;
  }
  return idx;
}

Status ResizeNearestNeighbor(OpContext& ctx) {
  TFSK_ASSIGN_OR_RETURN(ResizeArgs a, ReadArgs(ctx));
  const Tensor& x = ctx.input(0);
  const auto ys = NearestIndices(a.out_h, a.in_h, a.scale_h, a);
  const auto xs = NearestIndices(a.out_w, a.in_w, a.scale_w, a);
  return DispatchNumeric(x.dtype(), ctx.node.op, [&]<typename T>() -> Status {
    Tensor out(x.dtype(), {a.n, a.out_h, a.out_w, a.c});
    auto src = x.flat<T>();
    auto dst = out.flat<T>();
    std::size_t pos = 0;
    for (std::int64_t b = 0; b < a.n; ++b) {
      for (std::int64_t y : ys) {
        for (std::int64_t xx : xs) {
          auto from =
              src.begin() + static_cast<std::ptrdiff_t>(((b * a.in_h + y) * a.in_w + xx) * a.c);
          std::copy(from, from + static_cast<std::ptrdiff_t>(a.c),
                    dst.begin() + static_cast<std::ptrdiff_t>(pos));
          pos += static_cast<std::size_t>(a.c);
        }
      }
    }
    ctx.outputs.push_back(std::move(out));
    return OkStatus();
  });
}

/// One output coordinate's four source indices (clamped to the image) and their weights.
struct CubicTap {
  std::array<std::int64_t, 4> index{};
  std::array<float, 4> weight{};
};

/// TensorFlow's bicubic weights: the cubic convolution kernel sampled into a 1024-entry table
/// (the kernel is evaluated at the nearest table point, not at the exact offset, which TF's
/// results carry). Legacy mode uses a = -0.75 and repeats edge pixels; half_pixel_centers uses
/// Keys' a = -0.5, gives taps outside the image weight 0 and renormalizes the rest.
class CubicTable {
 public:
  static constexpr std::int64_t kSize = 1024;

  explicit CubicTable(double a) {
    for (std::int64_t i = 0; i <= kSize; ++i) {
      float x = static_cast<float>(static_cast<double>(i) / kSize);
      near_[static_cast<std::size_t>(i)] =
          static_cast<float>(((a + 2) * x - (a + 3)) * x * x + 1);  // |t| <= 1
      x += 1.0f;
      far_[static_cast<std::size_t>(i)] =
          static_cast<float>(((a * x - 5 * a) * x + 8 * a) * x - 4 * a);  // 1 < |t| <= 2
    }
  }

  CubicTap Tap(std::int64_t out, float scale, std::int64_t limit, bool half_pixel) const {
    const float pos = half_pixel ? (static_cast<float>(out) + 0.5f) * scale - 0.5f
                                 : static_cast<float>(out) * scale;
    const auto base = static_cast<std::int64_t>(std::floor(pos));
    const auto offset = static_cast<std::size_t>(
        std::lrint((pos - static_cast<float>(base)) * static_cast<float>(kSize)));
    const std::size_t rest = static_cast<std::size_t>(kSize) - offset;
    CubicTap t;
    t.weight = {far_[offset], near_[offset], near_[rest], far_[rest]};
    float sum = 0;
    for (std::size_t k = 0; k < 4; ++k) {
      const std::int64_t want = base - 1 + static_cast<std::int64_t>(k);
      t.index[k] = std::clamp<std::int64_t>(want, 0, limit - 1);
      if (half_pixel && t.index[k] != want) t.weight[k] = 0;
      sum += t.weight[k];
    }
    if (half_pixel && std::abs(sum) >= 1000.0f * std::numeric_limits<float>::min()) {
      for (float& w : t.weight) w *= 1.0f / sum;
    }
    return t;
  }

 private:
  std::array<float, kSize + 1> near_{}, far_{};
};

Status ResizeBicubic(OpContext& ctx) {
  TFSK_ASSIGN_OR_RETURN(ResizeArgs a, ReadArgs(ctx));
  const Tensor& x = ctx.input(0);
  static const CubicTable legacy(-0.75), keys(-0.5);
  const CubicTable& table = a.half_pixel ? keys : legacy;
  std::vector<CubicTap> ys, xs;
  for (std::int64_t o = 0; o < a.out_h; ++o)
    ys.push_back(table.Tap(o, a.scale_h, a.in_h, a.half_pixel));
  for (std::int64_t o = 0; o < a.out_w; ++o)
    xs.push_back(table.Tap(o, a.scale_w, a.in_w, a.half_pixel));
  return DispatchNumeric(x.dtype(), ctx.node.op, [&]<typename T>() -> Status {
    Tensor out(DataType::kFloat, {a.n, a.out_h, a.out_w, a.c});
    auto src = x.flat<T>();
    auto dst = out.flat<float>();
    std::size_t pos = 0;
    for (std::int64_t b = 0; b < a.n; ++b) {
      for (const CubicTap& ty : ys) {
        for (const CubicTap& tx : xs) {
          for (std::int64_t ch = 0; ch < a.c; ++ch) {
            // Columns first (along y), then across them (along x), as TensorFlow sums.
            float value = 0;
            for (std::size_t j = 0; j < 4; ++j) {
              float column = 0;
              for (std::size_t i = 0; i < 4; ++i) {
                column += static_cast<float>(src[static_cast<std::size_t>(
                              ((b * a.in_h + ty.index[i]) * a.in_w + tx.index[j]) * a.c + ch)]) *
                          ty.weight[i];
              }
              value += column * tx.weight[j];
            }
            dst[pos++] = value;
          }
        }
      }
    }
    ctx.outputs.push_back(std::move(out));
    return OkStatus();
  });
}

/// The input cells one output cell [o * scale, (o + 1) * scale) covers along an axis, with the
/// covered fraction of each (TensorFlow's ResizeArea; indices past the image are clamped later).
struct AreaSpan {
  std::int64_t start = 0;
  std::vector<float> fractions;
};

AreaSpan AreaCover(std::int64_t o, float scale) {
  const float lo = static_cast<float>(o) * scale;
  const float hi = static_cast<float>(o + 1) * scale;
  AreaSpan s;
  s.start = static_cast<std::int64_t>(std::floor(lo));
  const auto end = static_cast<std::int64_t>(std::ceil(hi));
  for (std::int64_t i = s.start; i < end; ++i) {
    const auto cell = static_cast<float>(i);
    float f = 0;
    if (cell < lo) {
      f = cell + 1 > hi ? scale : cell + 1 - lo;
    } else {
      f = cell + 1 > hi ? hi - cell : 1.0f;
    }
    s.fractions.push_back(f);
  }
  return s;
}

// Each output pixel is the area-weighted mean of the input cells under it: every covered
// fraction times 1 / (scale_h * scale_w). Upsampling covers part of one cell per pixel.
Status ResizeArea(OpContext& ctx) {
  TFSK_ASSIGN_OR_RETURN(ResizeArgs a, ReadArgs(ctx));
  const Tensor& x = ctx.input(0);
  std::vector<AreaSpan> xs;
  for (std::int64_t o = 0; o < a.out_w; ++o) xs.push_back(AreaCover(o, a.scale_w));
  const auto norm = static_cast<float>(1.0 / (a.scale_h * a.scale_w));
  const auto bound = [](std::int64_t v, std::int64_t limit) {
    return std::clamp<std::int64_t>(v, 0, limit - 1);
  };
  return DispatchNumeric(x.dtype(), ctx.node.op, [&]<typename T>() -> Status {
    Tensor out(DataType::kFloat, {a.n, a.out_h, a.out_w, a.c});
    const T* src = x.flat<T>().data();
    float* dst = out.flat<float>().data();
    for (std::int64_t b = 0; b < a.n; ++b) {
      for (std::int64_t oy = 0; oy < a.out_h; ++oy) {
        const AreaSpan ys = AreaCover(oy, a.scale_h);
        for (const AreaSpan& sx : xs) {
          for (std::int64_t ch = 0; ch < a.c; ++ch) {
            // Along x within each covered row first, then across rows, as TensorFlow sums.
            float sum = 0;
            for (std::size_t i = 0; i < ys.fractions.size(); ++i) {
              const std::int64_t y = bound(ys.start + static_cast<std::int64_t>(i), a.in_h);
              const T* row = src + (b * a.in_h + y) * a.in_w * a.c;
              float row_sum = 0;
              for (std::size_t j = 0; j < sx.fractions.size(); ++j) {
                const std::int64_t xx = bound(sx.start + static_cast<std::int64_t>(j), a.in_w);
                row_sum += static_cast<float>(row[xx * a.c + ch]) * sx.fractions[j];
              }
              sum += row_sum * ys.fractions[i];
            }
            *dst++ = sum * norm;
          }
        }
      }
    }
    ctx.outputs.push_back(std::move(out));
    return OkStatus();
  });
}

}  // namespace

void RegisterResizeOps(KernelRegistry& r) {
  r.Register({"ResizeBilinear", &ResizeBilinear, {}});
  r.Register({"ResizeNearestNeighbor", &ResizeNearestNeighbor, {}});
  r.Register({"ResizeBicubic", &ResizeBicubic, {}});
  r.Register({"ResizeArea", &ResizeArea, {}});
}

}  // namespace tfsk::serving::ops
