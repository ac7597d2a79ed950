// Comparisons (Equal, NotEqual, Less, LessEqual, Greater, GreaterEqual) and logical ops, with
// numpy broadcasting. Outputs are DT_BOOL.

#include "serving/ops/binary_op.h"

namespace tfsk::serving::ops {
namespace {

#define TFSK_COMPARE_OP(NAME, OPERATOR)                                                   \
  struct NAME {                                                                           \
    template <class T> static bool Apply(const T& a, const T& b) { return a OPERATOR b; } \
    template <class A, class B> static auto Expr(const A& a, const B& b) {                \
      return a OPERATOR b;                                                                \
    }                                                                                     \
  };
TFSK_COMPARE_OP(EqualOp, ==)
TFSK_COMPARE_OP(NotEqualOp, !=)
TFSK_COMPARE_OP(LessOp, <)
TFSK_COMPARE_OP(LessEqualOp, <=)
TFSK_COMPARE_OP(GreaterOp, >)
TFSK_COMPARE_OP(GreaterEqualOp, >=)
TFSK_COMPARE_OP(LogicalAndOp, &&)
TFSK_COMPARE_OP(LogicalOrOp, ||)
#undef TFSK_COMPARE_OP

/// Equality also works on strings and bools.
template <typename Op>
Status Equality(OpContext& ctx) {
  TFSK_RETURN_IF_ERROR(CheckNumInputs(ctx, 2));
  const DataType dt = ctx.input(0).dtype();
  if (dt == DataType::kString) return RunBinary<std::string, bool, Op>(ctx);
  return DispatchNumericOrBool(dt, ctx.node.op,
                               [&]<typename T>() { return RunBinary<T, bool, Op>(ctx); });
}

template <typename Op>
Status Ordering(OpContext& ctx) {
  TFSK_RETURN_IF_ERROR(CheckNumInputs(ctx, 2));
  return DispatchNumeric(ctx.input(0).dtype(), ctx.node.op,
                         [&]<typename T>() { return RunBinary<T, bool, Op>(ctx); });
}

template <typename Op>
Status Logical(OpContext& ctx) {
  TFSK_RETURN_IF_ERROR(CheckNumInputs(ctx, 2));
  if (ctx.input(0).dtype() != DataType::kBool) {
    return InvalidArgument(ctx.node.op + " expects bool inputs, got " +
                           DataTypeName(ctx.input(0).dtype()));
  }
  return RunBinary<bool, bool, Op>(ctx);
}

Status LogicalNot(OpContext& ctx) {
  TFSK_RETURN_IF_ERROR(CheckNumInputs(ctx, 1));
  const Tensor& x = ctx.input(0);
  if (x.dtype() != DataType::kBool) {
    return InvalidArgument("LogicalNot expects a bool input, got " + DataTypeName(x.dtype()));
  }
  Tensor out(DataType::kBool, x.shape());
  MutableArrayOf<bool>(out) = !ArrayOf<bool>(x);
  ctx.outputs.push_back(std::move(out));
  return OkStatus();
}

}  // namespace

void RegisterCompareOps(KernelRegistry& r) {
  r.Register({"Equal", &Equality<EqualOp>, {}});
  r.Register({"NotEqual", &Equality<NotEqualOp>, {}});
  r.Register({"Less", &Ordering<LessOp>, {}});
  r.Register({"LessEqual", &Ordering<LessEqualOp>, {}});
  r.Register({"Greater", &Ordering<GreaterOp>, {}});
  r.Register({"GreaterEqual", &Ordering<GreaterEqualOp>, {}});
  r.Register({"LogicalAnd", &Logical<LogicalAndOp>, {}});
  r.Register({"LogicalOr", &Logical<LogicalOrOp>, {}});
  r.Register({"LogicalNot", &LogicalNot, {}});
}

}  // namespace tfsk::serving::ops
