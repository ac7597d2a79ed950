// ScaleAndTranslate: separable resampling of NHWC images with one of TensorFlow's sampling
// kernels (tf.image.resize with antialias=True, or the lanczos3/lanczos5/gaussian/mitchellcubic
// methods). Each output pixel centre x + 0.5 maps to the input position (x + 0.5 - t) / s; the
// kernel is stretched by 1/s when downsampling with antialias (a low-pass filter), and its
// weights over the in-bounds taps are normalized to sum to 1. Rows are resampled first, then
// columns, in float, as TensorFlow's CPU kernel does; the output is float.

#include <algorithm>
#include <cmath>
#include <limits>
#include <optional>

#include "serving/ops/op_util.h"

namespace tfsk::serving::ops {
namespace {

/// One of TensorFlow's sampling kernels (kernels/image/sampling_kernels.h): a function of the
/// distance |x| from the sample point, zero beyond `radius`.
struct SamplingKernel {
  enum class Kind { kLanczos, kGaussian, kBox, kTriangle, kKeysCubic, kMitchellCubic };
  Kind kind = Kind::kTriangle;
  float radius = 1;

  float operator()(float x) const {
    x = std::abs(x);
    switch (kind) {
      case Kind::kLanczos: {
        // The same float constant as TensorFlow, so sin(pi * k) leaves the same tiny residue.
        constexpr float kPi = 3.14159265359f;
        if (x > radius) return 0;
        if (x <= 1e-3f) return 1;  // the sin(x)/x limit
        return radius * std::sin(kPi * x) * std::sin(kPi * x / radius) / (kPi * kPi * x * x);
      }
      case Kind::kGaussian: {
        if (x >= radius) return 0;
        const float sigma = radius / 3.0f;  // three standard deviations span the radius
        return static_cast<float>(std::exp(-x * x / (2.0 * sigma * sigma)));
      }
      case Kind::kBox:
        return x < 0.5f ? 1.0f : (x == 0.5f ? 0.5f : 0.0f);
      case Kind::kTriangle:
        return x < 1.0f ? 1.0f - x : 0.0f;
      case Kind::kKeysCubic:
        if (x >= 2.0f) return 0;
        if (x >= 1.0f) return ((-0.5f * x + 2.5f) * x - 4.0f) * x + 2.0f;
        return ((1.5f * x - 2.5f) * x) * x + 1.0f;
      case Kind::kMitchellCubic:
        if (x >= 2.0f) return 0;
        if (x >= 1.0f) return (((-7.0f / 18.0f) * x + 2.0f) * x - 10.0f / 3.0f) * x + 16.0f / 9.0f;
        return (((7.0f / 6.0f) * x - 2.0f) * x) * x + 8.0f / 9.0f;
    }
    return 0;
  }
};

/// The kernel_type attr's names, as TensorFlow's SamplingKernelTypeFromString reads them.
std::optional<SamplingKernel> KernelNamed(const std::string& name) {
  using K = SamplingKernel::Kind;
  if (name == "lanczos1") return SamplingKernel{K::kLanczos, 1};
  if (name == "lanczos3") return SamplingKernel{K::kLanczos, 3};
  if (name == "lanczos5") return SamplingKernel{K::kLanczos, 5};
  if (name == "gaussian") return SamplingKernel{K::kGaussian, 1.5f};
  if (name == "box") return SamplingKernel{K::kBox, 1};
  if (name == "triangle") return SamplingKernel{K::kTriangle, 1};
  if (name == "keyscubic") return SamplingKernel{K::kKeysCubic, 2};
  if (name == "mitchellcubic") return SamplingKernel{K::kMitchellCubic, 2};
  return std::nullopt;
}

/// For each output index along one axis: the first input index it reads and `size` weights
/// (zero past the image edge, all zero when the sample point falls outside the input).
struct Spans {
  std::int64_t size = 0;
  std::vector<std::int64_t> starts;
  std::vector<float> weights;  // [output, size]
};

Spans ComputeSpans(const SamplingKernel& kernel, std::int64_t out_size, std::int64_t in_size,
                   float scale, float translate, bool antialias) {
  const auto inv_scale = static_cast<float>(1.0 / scale);
  const float inv_translate = -inv_scale * translate;
  // Downsampling with antialias widens the kernel into a low-pass filter; upsampling only
  // interpolates.
  const float kernel_scale = antialias ? std::max(inv_scale, 1.0f) : 1.0f;
  const float reach = kernel.radius * kernel_scale;
  Spans s;
  s.size = std::min<std::int64_t>(2 * static_cast<std::int64_t>(std::ceil(reach)) + 1, in_size);
  s.starts.assign(static_cast<std::size_t>(out_size), 0);
  s.weights.assign(static_cast<std::size_t>(out_size * s.size), 0.0f);
  const float one_over_kernel_scale = 1.0f / kernel_scale;
  std::vector<float> taps;
  for (std::int64_t x = 0; x < out_size; ++x) {
    const float sample = (static_cast<float>(x) + 0.5f) * inv_scale + inv_translate;
    if (sample < 0 || sample > static_cast<float>(in_size)) continue;  // an empty span
    const auto first = std::clamp<std::int64_t>(
        static_cast<std::int64_t>(std::ceil(sample - reach - 0.5f)), 0, in_size - 1);
    const auto last = std::clamp<std::int64_t>(
        static_cast<std::int64_t>(std::floor(sample + reach - 0.5f)), 0, in_size - 1);
    taps.clear();
    float total = 0;
    for (std::int64_t src = first; src <= last; ++src) {
      const float pos = static_cast<float>(src) + 0.5f - sample;
      taps.push_back(kernel(std::abs(pos * one_over_kernel_scale)));
      total += taps.back();
    }
    // Weights that sum to (almost) zero are left at zero rather than blown up.
    if (std::abs(total) >= 1000.0f * std::numeric_limits<float>::min()) {
      const float inv_total = 1.0f / total;
      float* w = s.weights.data() + x * s.size;
      for (std::size_t i = 0; i < taps.size(); ++i) w[i] = taps[i] * inv_total;
    }
    s.starts[static_cast<std::size_t>(x)] = first;
  }
  return s;
}

/// [scale or translation]: a float vector of two values (rows, columns).
StatusOr<std::pair<float, float>> PairInput(const Tensor& t) {
  if (t.rank() != 1) return InvalidArgument("t must be 1-dimensional" + ShapeString(t.shape()));
  if (t.num_elements() != 2)
    return InvalidArgument("t must have two elements" + ShapeString(t.shape()));
  if (t.dtype() != DataType::kFloat)
    return InvalidArgument("scale and translation must be float, got " + DataTypeName(t.dtype()));
  return std::pair{t.flat<float>()[0], t.flat<float>()[1]};
}

Status ScaleAndTranslate(OpContext& ctx) {
  TFSK_RETURN_IF_ERROR(CheckNumInputs(ctx, 4));
  const std::string kernel_name = ctx.node.StringOr("kernel_type", "lanczos3");
  const std::optional<SamplingKernel> kernel = KernelNamed(kernel_name);
  if (!kernel) return InvalidArgument("Unrecognized kernel type: " + kernel_name);
  const bool antialias = ctx.node.BoolOr("antialias", true);
  const Tensor& x = ctx.input(0);
  const Tensor& size = ctx.input(1);
  if (x.rank() != 4) return InvalidArgument("input must be 4-dimensional" + ShapeString(x.shape()));
  if (size.rank() != 1) {
    return InvalidArgument("output_shape_t must be 1-dimensional" + ShapeString(size.shape()));
  }
  if (size.num_elements() != 2) {
    return InvalidArgument("output_shape_t must have two elements" + ShapeString(size.shape()));
  }
  if (size.dtype() != DataType::kInt32) {
    return InvalidArgument("ScaleAndTranslate size must be int32, got " +
                           DataTypeName(size.dtype()));
  }
  const std::int64_t n = x.dim(0), in_h = x.dim(1), in_w = x.dim(2), c = x.dim(3);
  const std::int64_t out_h = size.flat<std::int32_t>()[0];
  const std::int64_t out_w = size.flat<std::int32_t>()[1];
  if (out_h <= 0 || out_w <= 0) return InvalidArgument("output dimensions must be positive");
  if (c <= 0) return InvalidArgument("image must have at least one channel");
  if (in_h <= 0 || in_w <= 0) return InvalidArgument("input image must be of non-zero size");
  TFSK_ASSIGN_OR_RETURN(auto scale, PairInput(ctx.input(2)));
  if (!(scale.first > 0 && scale.second > 0))
    return InvalidArgument("Scale must be greater than zero.");
  TFSK_ASSIGN_OR_RETURN(auto translation, PairInput(ctx.input(3)));

  const Spans rows = ComputeSpans(*kernel, out_h, in_h, scale.first, translation.first, antialias);
  const Spans cols =
      ComputeSpans(*kernel, out_w, in_w, scale.second, translation.second, antialias);
  return DispatchNumeric(x.dtype(), ctx.node.op, [&]<typename T>() -> Status {
    Tensor out(DataType::kFloat, {n, out_h, out_w, c});
    const T* src = x.flat<T>().data();
    float* dst = out.flat<float>().data();
    const std::int64_t in_row = in_w * c;
    std::vector<float> mid(static_cast<std::size_t>(out_h * in_row));  // [out_h, in_w, c]
    for (std::int64_t b = 0; b < n; ++b) {
      const T* image = src + b * in_h * in_row;
      // Rows: each output row is a weighted sum of whole input rows.
      for (std::int64_t y = 0; y < out_h; ++y) {
        float* acc = mid.data() + y * in_row;
        std::fill(acc, acc + in_row, 0.0f);
        const std::int64_t start = rows.starts[static_cast<std::size_t>(y)];
        const std::int64_t taps = std::min(start + rows.size, in_h) - start;
        for (std::int64_t k = 0; k < taps; ++k) {
          const float w = rows.weights[static_cast<std::size_t>(y * rows.size + k)];
          const T* line = image + (start + k) * in_row;
          for (std::int64_t i = 0; i < in_row; ++i) acc[i] += w * static_cast<float>(line[i]);
        }
      }
      // Columns: within each intermediate row.
      float* image_out = dst + b * out_h * out_w * c;
      for (std::int64_t y = 0; y < out_h; ++y) {
        const float* line = mid.data() + y * in_row;
        for (std::int64_t xo = 0; xo < out_w; ++xo) {
          float* pixel = image_out + (y * out_w + xo) * c;
          std::fill(pixel, pixel + c, 0.0f);
          const std::int64_t start = cols.starts[static_cast<std::size_t>(xo)];
          const std::int64_t taps = std::min(start + cols.size, in_w) - start;
          for (std::int64_t k = 0; k < taps; ++k) {
            const float w = cols.weights[static_cast<std::size_t>(xo * cols.size + k)];
            const float* from = line + (start + k) * c;
            for (std::int64_t ch = 0; ch < c; ++ch) pixel[ch] += w * from[ch];
          }
        }
      }
    }
    ctx.outputs.push_back(std::move(out));
    return OkStatus();
  });
}

}  // namespace

void RegisterScaleTranslateOps(KernelRegistry& r) {
  r.Register({"ScaleAndTranslate", &ScaleAndTranslate, {}});
}

}  // namespace tfsk::serving::ops
