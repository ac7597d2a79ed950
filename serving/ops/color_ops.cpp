// Colour-space kernels with TensorFlow's CPU formulas: RGBToHSV / HSVToRGB (float, double; any
// rank, 3 channels last) and the float adjustments AdjustHue, AdjustSaturation (through HSV, as
// tf.image.adjust_hue/_saturation run them) and AdjustContrastv2 ((x - mean) * factor + mean,
// the mean over height and width per image and channel).

#include <algorithm>
#include <cmath>

#include "serving/ops/op_util.h"

namespace tfsk::serving::ops {
namespace {

/// The last dim must be 3; TensorFlow's RGBToHSV/HSVToRGB checks and texts.
Status CheckRgb(const Tensor& x) {
  if (x.rank() < 1) return InvalidArgument("input must be at least 1D" + ShapeString(x.shape()));
  const std::int64_t channels = x.dim(x.rank() - 1);
  if (channels != 3) {
    return FailedPrecondition("input must have 3 channels but input only has " +
                              std::to_string(channels) + " channels.");
  }
  return OkStatus();
}

Status RgbToHsv(OpContext& ctx) {
  TFSK_RETURN_IF_ERROR(CheckNumInputs(ctx, 1));
  const Tensor& x = ctx.input(0);
  TFSK_RETURN_IF_ERROR(CheckRgb(x));
  return DispatchFloat(x.dtype(), ctx.node.op, [&]<typename T>() -> Status {
    Tensor out(x.dtype(), x.shape());
    const T* in = x.flat<T>().data();
    T* o = out.flat<T>().data();
    for (std::int64_t i = 0; i < x.num_elements(); i += 3) {
      const T r = in[i], g = in[i + 1], b = in[i + 2];
      const T v = std::max({r, g, b});
      const T range = v - std::min({r, g, b});
      const T norm = (T(1) / range) * (T(1) / T(6));
      T h = r == v ? norm * (g - b)
                   : (g == v ? norm * (b - r) + T(2) / T(6) : norm * (r - g) + T(4) / T(6));
      if (!(range > T(0))) h = 0;  // grey: hue 0 (norm was inf)
      if (h < T(0)) h += T(1);
      o[i] = h;
      o[i + 1] = v > T(0) ? range / v : T(0);
      o[i + 2] = v;
    }
    ctx.outputs.push_back(std::move(out));
    return OkStatus();
  });
}

Status HsvToRgb(OpContext& ctx) {
  TFSK_RETURN_IF_ERROR(CheckNumInputs(ctx, 1));
  const Tensor& x = ctx.input(0);
  TFSK_RETURN_IF_ERROR(CheckRgb(x));
  return DispatchFloat(x.dtype(), ctx.node.op, [&]<typename T>() -> Status {
    Tensor out(x.dtype(), x.shape());
    const T* in = x.flat<T>().data();
    T* o = out.flat<T>().data();
    const auto unit = [](T v) { return std::min(std::max(v, T(0)), T(1)); };
    for (std::int64_t i = 0; i < x.num_elements(); i += 3) {
      const T dh = in[i] * T(6), s = in[i + 1], v = in[i + 2];
      const T one_s = T(1) - s;
      o[i] = (one_s + s * unit(std::abs(dh - T(3)) - T(1))) * v;
      o[i + 1] = (one_s + s * unit(T(2) - std::abs(dh - T(2)))) * v;
      o[i + 2] = (one_s + s * unit(T(2) - std::abs(dh - T(4)))) * v;
    }
    ctx.outputs.push_back(std::move(out));
    return OkStatus();
  });
}

/// The checks AdjustHue, AdjustSaturation and AdjustContrastv2 share: a float image of rank >= 3
/// and a scalar float `what`; returns that scalar.
StatusOr<float> ReadAdjustArgs(const OpContext& ctx, const char* what, bool needs_rgb) {
  TFSK_RETURN_IF_ERROR(CheckNumInputs(ctx, 2));
  const Tensor& x = ctx.input(0);
  const Tensor& factor = ctx.input(1);
  if (x.rank() < 3)
    return InvalidArgument("input must be at least 3-D, got shape" + ShapeString(x.shape()));
  if (factor.rank() != 0) {
    return InvalidArgument(std::string(what) + " must be scalar: " + ShapeString(factor.shape()));
  }
  if (needs_rgb && x.dim(x.rank() - 1) != 3) {
    return InvalidArgument("input must have 3 channels but instead has " +
                           std::to_string(x.dim(x.rank() - 1)) + " channels.");
  }
  // TensorFlow registers these for float only on CPU.
  if (x.dtype() != DataType::kFloat || factor.dtype() != DataType::kFloat) {
    return Unimplemented("No kernel for op " + ctx.node.op + " with dtype " +
                         DataTypeName(x.dtype()) + " and " + what + " " +
                         DataTypeName(factor.dtype()) + " (float only, as TensorFlow on CPU)");
  }
  return factor.flat<float>()[0];
}

/// Hue in [0, 6) and the min/max of an RGB triple (TensorFlow's rgb_to_hv_range): the hue
/// category is the order of the three components, the fraction the middle one's position.
void RgbToHueRange(const float* p, float& h, float& lo, float& hi) {
  const float r = p[0], g = p[1], b = p[2];
  float mid = 0;
  int category = 0;
  if (r < g) {
    if (b < r) {
      hi = g, mid = r, lo = b, category = 1;
    } else if (b > g) {
      hi = b, mid = g, lo = r, category = 3;
    } else {
      hi = g, mid = b, lo = r, category = 2;
    }
  } else {
    if (b < g) {
      hi = r, mid = g, lo = b, category = 0;
    } else if (b > r) {
      hi = b, mid = r, lo = g, category = 4;
    } else {
      hi = r, mid = b, lo = g, category = 5;
    }
  }
  if (hi == lo) {
    h = 0;
    return;
  }
  const float ratio = (mid - lo) / (hi - lo);
  h = static_cast<float>(category) + ((category & 1) == 0 ? ratio : 1 - ratio);
}

void HueRangeToRgb(float h, float lo, float hi, float* q) {
  const int category = static_cast<int>(h);
  float ratio = h - static_cast<float>(category);
  if ((category & 1) != 0) ratio = 1 - ratio;
  const float mid = lo + ratio * (hi - lo);
  switch (category) {
    case 0:
      q[0] = hi, q[1] = mid, q[2] = lo;
      break;
    case 1:
      q[0] = mid, q[1] = hi, q[2] = lo;
      break;
    case 2:
      q[0] = lo, q[1] = hi, q[2] = mid;
      break;
    case 3:
      q[0] = lo, q[1] = mid, q[2] = hi;
      break;
    case 4:
      q[0] = mid, q[1] = lo, q[2] = hi;
      break;
    default:
      q[0] = hi, q[1] = lo, q[2] = mid;
      break;
  }
}

Status AdjustHue(OpContext& ctx) {
  TFSK_ASSIGN_OR_RETURN(float delta, ReadAdjustArgs(ctx, "delta", true));
  const Tensor& x = ctx.input(0);
  Tensor out(DataType::kFloat, x.shape());
  const float* in = x.flat<float>().data();
  float* o = out.flat<float>().data();
  for (std::int64_t i = 0; i < x.num_elements(); i += 3) {
    float h = 0, lo = 0, hi = 0;
    RgbToHueRange(in + i, h, lo, hi);
    h += delta * 6;
    // Back into [0, 6) by steps: h is near the range, so this beats fmod.
    while (h < 0) h += 6;
    while (h >= 6) h -= 6;
    HueRangeToRgb(h, lo, hi, o + i);
  }
  ctx.outputs.push_back(std::move(out));
  return OkStatus();
}

Status AdjustSaturation(OpContext& ctx) {
  TFSK_ASSIGN_OR_RETURN(float scale, ReadAdjustArgs(ctx, "scale", true));
  const Tensor& x = ctx.input(0);
  Tensor out(DataType::kFloat, x.shape());
  const float* in = x.flat<float>().data();
  float* o = out.flat<float>().data();
  for (std::int64_t i = 0; i < x.num_elements(); i += 3) {
    // RGB -> HSV (TensorFlow's scalar rgb_to_hsv), scale S, HSV -> RGB by Wikipedia's chroma
    // construction (its hsv_to_rgb) — not HSVToRGB's formula, so rounding matches TF's op.
    const float r = in[i], g = in[i + 1], b = in[i + 2];
    const float v = std::max(r, std::max(g, b));
    const float range = v - std::min(r, std::min(g, b));
    float s = v > 0 ? range / v : 0;
    const float norm = 1.0f / (6.0f * range);
    // TensorFlow adds the double constants 2/6 and 4/6, so those sums round from double.
    float h = r == v ? norm * (g - b)
                     : static_cast<float>(g == v ? norm * (b - r) + 2.0 / 6.0
                                                 : norm * (r - g) + 4.0 / 6.0);
    if (range <= 0) h = 0;
    if (h < 0) h += 1;
    s = std::min(1.0f, std::max(0.0f, s * scale));
    const float chroma = s * v;
    const float m = v - chroma;
    const float dh = h * 6;
    float wrapped = dh;  // dh mod 2, in (0, 2)
    while (wrapped <= 0) wrapped += 2.0f;
    while (wrapped >= 2.0f) wrapped -= 2.0f;
    const float x2 = chroma * (1 - std::abs(wrapped - 1));
    float rgb[3] = {0, 0, 0};
    switch (static_cast<int>(dh)) {
      case 0:
        rgb[0] = chroma, rgb[1] = x2;
        break;
      case 1:
        rgb[0] = x2, rgb[1] = chroma;
        break;
      case 2:
        rgb[1] = chroma, rgb[2] = x2;
        break;
      case 3:
        rgb[1] = x2, rgb[2] = chroma;
        break;
      case 4:
        rgb[0] = x2, rgb[2] = chroma;
        break;
      case 5:
        rgb[0] = chroma, rgb[2] = x2;
        break;
      default:
        break;
    }
    for (int k = 0; k < 3; ++k) o[i + k] = rgb[k] + m;
  }
  ctx.outputs.push_back(std::move(out));
  return OkStatus();
}

Status AdjustContrastv2(OpContext& ctx) {
  TFSK_ASSIGN_OR_RETURN(float factor, ReadAdjustArgs(ctx, "contrast_factor", false));
  const Tensor& x = ctx.input(0);
  const int rank = x.rank();
  const std::int64_t h = x.dim(rank - 3), w = x.dim(rank - 2), c = x.dim(rank - 1);
  Tensor out(DataType::kFloat, x.shape());
  const std::int64_t image = h * w * c;
  if (image == 0) {
    ctx.outputs.push_back(std::move(out));
    return OkStatus();
  }
  const float* in = x.flat<float>().data();
  float* o = out.flat<float>().data();
  std::vector<float> mean(static_cast<std::size_t>(c));
  for (std::int64_t b = 0; b < x.num_elements() / image; ++b) {
    const float* px = in + b * image;
    std::fill(mean.begin(), mean.end(), 0.0f);
    for (std::int64_t i = 0; i < h * w; ++i) {
      for (std::int64_t ch = 0; ch < c; ++ch) mean[static_cast<std::size_t>(ch)] += px[i * c + ch];
    }
    for (float& m : mean) m /= static_cast<float>(h * w);
    for (std::int64_t i = 0; i < image; ++i) {
      const float m = mean[static_cast<std::size_t>(i % c)];
      o[b * image + i] = (px[i] - m) * factor + m;
    }
  }
  ctx.outputs.push_back(std::move(out));
  return OkStatus();
}

}  // namespace

void RegisterColorOps(KernelRegistry& r) {
  r.Register({"RGBToHSV", &RgbToHsv, {}});
  r.Register({"HSVToRGB", &HsvToRgb, {}});
  r.Register({"AdjustHue", &AdjustHue, {}});
  r.Register({"AdjustSaturation", &AdjustSaturation, {}});
  r.Register({"AdjustContrastv2", &AdjustContrastv2, {}});
}

}  // namespace tfsk::serving::ops
