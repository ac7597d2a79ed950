// Runtime checks exports keep in their graphs: EnsureShape, CheckNumerics(V2), Assert, and
// PreventGradient (an identity at inference time).

#include <cmath>
#include <sstream>

#include "serving/ops/op_util.h"

namespace tfsk::serving::ops {
namespace {

Status EnsureShape(OpContext& ctx) {
  TFSK_RETURN_IF_ERROR(CheckNumInputs(ctx, 1));
  TFSK_ASSIGN_OR_RETURN(AttrShape want, ctx.node.GetShape("shape"));
  const Shape& got = ctx.input(0).shape();
  bool ok = want.unknown_rank || want.dims.size() == got.size();
  for (std::size_t d = 0; ok && !want.unknown_rank && d < got.size(); ++d) {
    ok = want.dims[d] < 0 || want.dims[d] == got[d];
  }
  if (!ok) {
    std::string expected = "[";
    for (std::size_t d = 0; d < want.dims.size(); ++d) {
      expected +=
          (d ? "," : "") + (want.dims[d] < 0 ? std::string("?") : std::to_string(want.dims[d]));
    }
    return InvalidArgument("Shape of tensor " + ctx.node.name + " " + ShapeString(got) +
                           " is not compatible with expected shape " +
                           (want.unknown_rank ? "<unknown>" : expected + "]") + ".");
  }
  ctx.outputs.push_back(ctx.ForwardInput(0));
  return OkStatus();
}

Status CheckNumerics(OpContext& ctx) {
  TFSK_RETURN_IF_ERROR(CheckNumInputs(ctx, 1));
  const Tensor& x = ctx.input(0);
  bool nan = false, inf = false;
  TFSK_RETURN_IF_ERROR(DispatchFloat(x.dtype(), ctx.node.op, [&]<typename T>() -> Status {
    for (T v : x.flat<T>()) {
      nan = nan || std::isnan(v);
      inf = inf || std::isinf(v);
    }
    return OkStatus();
  }));
  if (nan || inf) {
    const std::string what = nan && inf ? "Inf and NaN" : (nan ? "NaN" : "Inf");
    return InvalidArgument(ctx.node.StringOr("message", "") + " : Tensor had " + what + " values");
  }
  ctx.outputs.push_back(ctx.ForwardInput(0));
  return OkStatus();
}

Status PreventGradient(OpContext& ctx) {
  TFSK_RETURN_IF_ERROR(CheckNumInputs(ctx, 1));
  ctx.outputs.push_back(ctx.ForwardInput(0));
  return OkStatus();
}

/// Up to `limit` values of t, space-separated, "..." when cut (TensorFlow's summaries).
std::string Summarize(const Tensor& t, std::int64_t limit) {
  std::ostringstream os;
  Status st = DispatchAll(t.dtype(), "Assert", [&]<typename T>() -> Status {
    auto v = t.flat<T>();
    const std::size_t n =
        std::min<std::size_t>(v.size(), static_cast<std::size_t>(std::max<std::int64_t>(limit, 0)));
    for (std::size_t i = 0; i < n; ++i) {
      if (i) os << ' ';
      if constexpr (std::is_same_v<T, std::int8_t> || std::is_same_v<T, std::uint8_t>)
        os << static_cast<int>(v[i]);
      else
        os << v[i];
    }
    if (n < v.size()) os << "...";
    return OkStatus();
  });
  if (!st.ok()) return "<" + DataTypeName(t.dtype()) + " " + ShapeString(t.shape()) + ">";
  return t.rank() == 0 ? os.str() : "[" + os.str() + "]";
}

Status Assert(OpContext& ctx) {
  if (ctx.num_inputs() < 1) return InvalidArgument("Assert expects a condition input");
  const Tensor& cond = ctx.input(0);
  if (cond.dtype() != DataType::kBool || cond.num_elements() != 1 || cond.rank() != 0) {
    return InvalidArgument("In[0] should be a scalar: " + ShapeString(cond.shape()));
  }
  if (cond.flat<bool>()[0]) return OkStatus();
  const std::int64_t summarize = ctx.node.IntOr("summarize", 3);
  std::string msg = "assertion failed: ";
  for (int i = 1; i < ctx.num_inputs(); ++i) {
    if (i > 1) msg += " ";
    msg += "[" + Summarize(ctx.input(i), summarize) + "]";
  }
  return InvalidArgument(msg);
}

}  // namespace

void RegisterCheckOps(KernelRegistry& r) {
  r.Register({"EnsureShape", &EnsureShape, {"shape"}});
  r.Register({"CheckNumerics", &CheckNumerics, {}});
  r.Register({"CheckNumericsV2", &CheckNumerics, {}});
  r.Register({"PreventGradient", &PreventGradient, {}});
  r.Register({"Assert", &Assert, {}});
}

}  // namespace tfsk::serving::ops
