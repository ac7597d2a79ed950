// QuantizeAndDequantizeV2 / V3 / V4 (tf.quantization.quantize_and_dequantize(_v2)): the
// quantize-dequantize ("QDQ") pairs that quantization toolkits for TensorRT leave in a float
// model. Each value is scaled onto the integer grid of num_bits (signed or not, narrow or not),
// rounded and scaled back; per tensor, or per slice along `axis`. The range is the min/max inputs
// when range_given, else the data's own min and max. Float arithmetic and rounding follow
// TensorFlow's functor (its half-to-even and half-up rounding formulas), so answers match it.

#include <cmath>
#include <limits>

#include "serving/ops/op_util.h"

namespace tfsk::serving::ops {
namespace {

struct QdqArgs {
  bool signed_input = true;
  std::int64_t num_bits = 8;
  bool range_given = false;
  bool half_up = false;  // round_mode HALF_UP; HALF_TO_EVEN otherwise
  bool narrow_range = false;
  std::int64_t axis = -1;
};

template <typename T>
T RoundHalfToEven(T x) {
  const T r = std::floor(x + T(0.5));
  if (r - x == T(0.5)) return T(2) * std::floor(T(0.5) * x + T(0.5));
  return r;
}

/// Scales [min, max] onto the integer grid without moving 0, widening the side that does not
/// decide the scale (TensorFlow's ComputeQuantizationRange); returns scale and inverse.
template <typename T>
void QuantizationRange(const QdqArgs& a, T& min, T& max, T& scale, T& inverse) {
  const std::int64_t half = std::int64_t{1} << (a.num_bits - 1);
  const std::int64_t qmin = a.signed_input ? (a.narrow_range ? -half + 1 : -half) : 0;
  const std::int64_t qmax = a.signed_input ? half - 1 : (std::int64_t{1} << a.num_bits) - 1;
  const T from_min =
      static_cast<T>(qmin) * min > 0 ? static_cast<T>(qmin) / min : std::numeric_limits<T>::max();
  const T from_max =
      static_cast<T>(qmax) * max > 0 ? static_cast<T>(qmax) / max : std::numeric_limits<T>::max();
  if (from_min < from_max) {
    scale = from_min;
    inverse = min / static_cast<T>(qmin);
    max = static_cast<T>(qmax) * inverse;
  } else {
    scale = from_max;
    inverse = max / static_cast<T>(qmax);
    min = static_cast<T>(qmin) * inverse;
  }
}

template <typename T>
Status Run(OpContext& ctx, const QdqArgs& a) {
  const Tensor& x = ctx.input(0);
  if (a.axis < -1)
    return InvalidArgument("Axis must be at least -1. Found " + std::to_string(a.axis));
  if (a.axis != -1 && a.axis >= x.rank()) {
    return InvalidArgument("Shape must be at least rank " + std::to_string(a.axis + 1) +
                           " but is rank " + std::to_string(x.rank()));
  }
  // One range per index along `axis` (one for the whole tensor without an axis); element `at`
  // belongs to channel at / inner % depth, inner being the size of the dims after `axis`.
  const std::int64_t depth = a.axis == -1 ? 1 : x.dim(static_cast<int>(a.axis));
  std::int64_t inner = 1;
  for (int d = static_cast<int>(a.axis) + 1; a.axis != -1 && d < x.rank(); ++d) inner *= x.dim(d);
  const auto channel = [&](std::size_t at) {
    return depth == 1 ? 0 : at / static_cast<std::size_t>(inner) % static_cast<std::size_t>(depth);
  };
  auto src = x.flat<T>();
  const auto channels = static_cast<std::size_t>(depth);
  std::vector<T> mins(channels), maxs(channels);
  if (a.range_given) {
    const Tensor &lo = ctx.input(1), &hi = ctx.input(2);
    if (lo.dtype() != x.dtype() || hi.dtype() != x.dtype())
      return InvalidArgument("input_min and input_max must have the input's dtype");
    if (lo.num_elements() != depth || hi.num_elements() != depth) {
      const Tensor& bad = lo.num_elements() != depth ? lo : hi;
      return InvalidArgument(std::string(&bad == &lo ? "input_min" : "input_max") +
                             "_tensor has incorrect size, was " +
                             std::to_string(bad.num_elements()) + " expected " +
                             std::to_string(depth) + " to match dim " + std::to_string(a.axis) +
                             " of the input " + ShapeString(bad.shape()));
    }
    std::copy(lo.flat<T>().begin(), lo.flat<T>().end(), mins.begin());
    std::copy(hi.flat<T>().begin(), hi.flat<T>().end(), maxs.begin());
    if (a.axis == -1 && mins[0] > maxs[0]) {
      return InvalidArgument("Invalid range: input_min " + FloatText(static_cast<float>(mins[0])) +
                             " > input_max " + FloatText(static_cast<float>(maxs[0])));
    }
  } else {
    std::fill(mins.begin(), mins.end(), std::numeric_limits<T>::max());
    std::fill(maxs.begin(), maxs.end(), std::numeric_limits<T>::lowest());
    for (std::size_t at = 0; at < src.size(); ++at) {
      const std::size_t c = channel(at);
      mins[c] = std::min(mins[c], src[at]);
      maxs[c] = std::max(maxs[c], src[at]);
    }
  }
  // After this, mins/maxs hold each channel's widened range.
  std::vector<T> scales(channels), inverses(channels);
  for (std::size_t c = 0; c < channels; ++c) {
    QuantizationRange(a, mins[c], maxs[c], scales[c], inverses[c]);
  }
  Tensor out(x.dtype(), x.shape());
  auto dst = out.flat<T>();
  for (std::size_t at = 0; at < src.size(); ++at) {
    const std::size_t c = channel(at);
    // Given ranges clamp first (the scaled value must fit the integer type).
    const T v = a.range_given ? std::max(std::min(src[at], maxs[c]), mins[c]) : src[at];
    const T scaled = v * scales[c];
    const T q = a.half_up ? std::floor(scaled + T(0.5)) : RoundHalfToEven(scaled);
    dst[at] = q * inverses[c];
  }
  ctx.outputs.push_back(std::move(out));
  return OkStatus();
}

StatusOr<QdqArgs> ReadArgs(const OpContext& ctx, bool bits_from_input) {
  QdqArgs a;
  a.signed_input = ctx.node.BoolOr("signed_input", true);
  a.range_given = ctx.node.BoolOr("range_given", false);
  a.narrow_range = ctx.node.BoolOr("narrow_range", false);
  a.axis = ctx.node.IntOr("axis", -1);
  if (bits_from_input) {
    TFSK_ASSIGN_OR_RETURN(std::vector<std::int64_t> bits, IndexValues(ctx.input(3), "num_bits"));
    if (bits.size() != 1) return InvalidArgument("num_bits must be a scalar");
    a.num_bits = bits[0];
  } else {
    a.num_bits = ctx.node.IntOr("num_bits", 8);
    const std::string mode = ctx.node.StringOr("round_mode", "HALF_TO_EVEN");
    if (mode != "HALF_TO_EVEN" && mode != "HALF_UP") {
      return InvalidArgument("Round mode string must be 'HALF_UP' or 'HALF_TO_EVEN', is '" + mode +
                             "'");
    }
    a.half_up = mode == "HALF_UP";
  }
  if (a.num_bits <= 0 || a.num_bits >= (a.signed_input ? 62 : 63)) {
    return InvalidArgument("num_bits is out of range: " + std::to_string(a.num_bits) +
                           " with signed_input_ " + (a.signed_input ? "1" : "0"));
  }
  return a;
}

Status QuantizeAndDequantize(OpContext& ctx) {
  const bool v3 = ctx.node.op == "QuantizeAndDequantizeV3";
  TFSK_RETURN_IF_ERROR(CheckNumInputs(ctx, v3 ? 4 : 3));
  TFSK_ASSIGN_OR_RETURN(QdqArgs a, ReadArgs(ctx, v3));
  return DispatchFloat(ctx.input(0).dtype(), ctx.node.op,
                       [&]<typename T>() -> Status { return Run<T>(ctx, a); });
}

}  // namespace

void RegisterQuantizeDequantizeOps(KernelRegistry& r) {
  for (const char* op :
       {"QuantizeAndDequantizeV2", "QuantizeAndDequantizeV3", "QuantizeAndDequantizeV4"}) {
    r.Register({op, &QuantizeAndDequantize, {}});
  }
}

}  // namespace tfsk::serving::ops
