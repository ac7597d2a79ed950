// FakeQuantWithMinMaxArgs / FakeQuantWithMinMaxVars / FakeQuantWithMinMaxVarsPerChannel: what
// quantization-aware training (tfmot's quantize_model) leaves in an exported float model. Each
// value is clamped to a range nudged so that 0.0 falls exactly on a quantization step, then
// rounded to one of the 2^num_bits steps. The arithmetic follows TensorFlow's CPU functor step
// by step (float throughout, the same multiply-by-inverse or divide per op), so answers match it
// bit for bit.

#include <cmath>

#include "serving/ops/op_util.h"

namespace tfsk::serving::ops {
namespace {

struct QuantRange {
  int quant_min = 0;
  int quant_max = 255;
};

StatusOr<QuantRange> ReadQuantRange(const OpContext& ctx) {
  const std::int64_t bits = ctx.node.IntOr("num_bits", 8);
  if (bits < 2 || bits > 16) return InvalidArgument("num_bits must be between 2 and 16, inclusive");
  return QuantRange{ctx.node.BoolOr("narrow_range", false) ? 1 : 0,
                    (1 << static_cast<int>(bits)) - 1};
}

// The range [min, max] moved so that real 0 maps to an integer step (zero padding must stay
// exactly 0), and the step size both ways. TensorFlow computes the inverse from the range, not
// as 1/scale, to keep its precision; so do we.
struct Nudged {
  float min, max, scale, inv_scale, quant_zero;
};

Nudged Nudge(float min, float max, QuantRange q) {
  const auto qmin = static_cast<float>(q.quant_min);
  const auto qmax = static_cast<float>(q.quant_max);
  Nudged n{};
  n.scale = (max - min) / (qmax - qmin);
  n.inv_scale = (qmax - qmin) / (max - min);
  const float zero_from_min = qmin - min / n.scale;
  float zero;
  if (zero_from_min < qmin) {
    zero = qmin;
  } else if (zero_from_min > qmax) {
    zero = qmax;
  } else {
    zero = std::round(zero_from_min);
  }
  n.min = (qmin - zero) * n.scale;
  n.max = (qmax - zero) * n.scale;
  n.quant_zero = std::floor(-n.min * n.inv_scale + 0.5f);
  return n;
}

// The Vars op divides by the scale where Args and PerChannel multiply by its inverse; the two
// can differ in the last bit, and TensorFlow's answers carry that difference.
enum class Step { kMultiplyInverse, kDivide };

float Quantize(float x, const Nudged& n, Step step) {
  const float shifted = std::max(std::min(x, n.max), n.min) - n.min;
  const float steps = step == Step::kDivide ? shifted / n.scale : shifted * n.inv_scale;
  return std::floor(steps - n.quant_zero + 0.5f) * n.scale;
}

/// x with every value fake-quantized over one range; a (0, 0) range, never trained, gives zeros
/// as in TensorFlow.
Tensor QuantizeAll(const Tensor& x, float min, float max, QuantRange q, Step step) {
  Tensor out(DataType::kFloat, x.shape());
  auto src = x.flat<float>();
  auto dst = out.flat<float>();
  if (min == 0.0f && max == 0.0f) {
    std::fill(dst.begin(), dst.end(), 0.0f);
    return out;
  }
  const Nudged n = Nudge(min, max, q);
  for (std::size_t i = 0; i < src.size(); ++i) dst[i] = Quantize(src[i], n, step);
  return out;
}

/// Inputs, min and max are all float in the op's definition.
Status CheckFloatInputs(const OpContext& ctx) {
  for (int i = 0; i < ctx.num_inputs(); ++i) {
    if (ctx.input(i).dtype() != DataType::kFloat)
      return InvalidArgument(ctx.node.op + " takes float inputs, got " +
                             DataTypeName(ctx.input(i).dtype()) + " for input " +
                             std::to_string(i));
  }
  return OkStatus();
}

Status FakeQuantWithMinMaxArgs(OpContext& ctx) {
  TFSK_RETURN_IF_ERROR(CheckNumInputs(ctx, 1));
  TFSK_RETURN_IF_ERROR(CheckFloatInputs(ctx));
  const auto attr = [&](const char* name, float fallback) {
    auto v = ctx.node.GetFloat(name);
    return v.ok() ? *v : fallback;
  };
  const float min = attr("min", -6.0f), max = attr("max", 6.0f);
  if (!(min < max)) {
    return InvalidArgument("min has to be smaller than max, was: " + FloatText(min) +
                           " >= " + FloatText(max));
  }
  TFSK_ASSIGN_OR_RETURN(QuantRange q, ReadQuantRange(ctx));
  ctx.outputs.push_back(QuantizeAll(ctx.input(0), min, max, q, Step::kMultiplyInverse));
  return OkStatus();
}

Status FakeQuantWithMinMaxVars(OpContext& ctx) {
  TFSK_RETURN_IF_ERROR(CheckNumInputs(ctx, 3));
  TFSK_RETURN_IF_ERROR(CheckFloatInputs(ctx));
  TFSK_ASSIGN_OR_RETURN(QuantRange q, ReadQuantRange(ctx));
  const Tensor &x = ctx.input(0), &min = ctx.input(1), &max = ctx.input(2);
  if (min.rank() != 0)
    return InvalidArgument("`min` must be rank 0 but is rank " + std::to_string(min.rank()));
  if (max.rank() != 0)
    return InvalidArgument("`max` must be rank 0 but is rank " + std::to_string(max.rank()));
  ctx.outputs.push_back(
      QuantizeAll(x, min.flat<float>()[0], max.flat<float>()[0], q, Step::kDivide));
  return OkStatus();
}

Status FakeQuantWithMinMaxVarsPerChannel(OpContext& ctx) {
  TFSK_RETURN_IF_ERROR(CheckNumInputs(ctx, 3));
  TFSK_RETURN_IF_ERROR(CheckFloatInputs(ctx));
  TFSK_ASSIGN_OR_RETURN(QuantRange q, ReadQuantRange(ctx));
  const Tensor &x = ctx.input(0), &min = ctx.input(1), &max = ctx.input(2);
  if (x.rank() == 0) return InvalidArgument("inputs must be at least rank 1, got a scalar");
  const std::int64_t depth = x.dim(x.rank() - 1);
  for (const auto& [t, name] : {std::pair{&min, "min"}, std::pair{&max, "max"}}) {
    if (t->rank() != 1) {
      return InvalidArgument(std::string("`") + name + "` must be rank 1 but is rank " +
                             std::to_string(t->rank()));
    }
    if (t->dim(0) != depth) {
      return InvalidArgument(std::string(name) + " has incorrect size, expected " +
                             std::to_string(depth) + " was " + std::to_string(t->dim(0)));
    }
  }
  Tensor out(DataType::kFloat, x.shape());
  auto src = x.flat<float>();
  auto dst = out.flat<float>();
  auto lo = min.flat<float>(), hi = max.flat<float>();
  const std::size_t rows = depth == 0 ? 0 : src.size() / static_cast<std::size_t>(depth);
  for (std::int64_t c = 0; c < depth; ++c) {
    const bool zero = lo[c] == 0.0f && hi[c] == 0.0f;
    const Nudged n = zero ? Nudged{} : Nudge(lo[c], hi[c], q);
    for (std::size_t r = 0; r < rows; ++r) {
      const std::size_t i = r * static_cast<std::size_t>(depth) + static_cast<std::size_t>(c);
      dst[i] = zero ? 0.0f : Quantize(src[i], n, Step::kMultiplyInverse);
    }
  }
  ctx.outputs.push_back(std::move(out));
  return OkStatus();
}

}  // namespace

void RegisterFakeQuantOps(KernelRegistry& r) {
  r.Register({"FakeQuantWithMinMaxArgs", &FakeQuantWithMinMaxArgs, {}});
  r.Register({"FakeQuantWithMinMaxVars", &FakeQuantWithMinMaxVars, {}});
  r.Register({"FakeQuantWithMinMaxVarsPerChannel", &FakeQuantWithMinMaxVarsPerChannel, {}});
}

}  // namespace tfsk::serving::ops
