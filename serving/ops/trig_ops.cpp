// Float elementwise math beyond math_ops: trigonometric and hyperbolic functions and their
// inverses, Expm1, Softsign, Atan2, and the IsNan / IsInf / IsFinite predicates.

#include <cmath>

#include "serving/ops/binary_op.h"
#include "serving/ops/unary_op.h"

namespace tfsk::serving::ops {
namespace {

#define TFSK_STD_UNARY(NAME, FN)                                                       \
  Status NAME(OpContext& ctx) {                                                        \
    return FloatUnary(ctx, [](const auto& x) {                                         \
      return x.unaryExpr([](auto v) { return static_cast<decltype(v)>(std::FN(v)); }); \
    });                                                                                \
  }

TFSK_STD_UNARY(Sin, sin)
TFSK_STD_UNARY(Cos, cos)
TFSK_STD_UNARY(Tan, tan)
TFSK_STD_UNARY(Asin, asin)
TFSK_STD_UNARY(Acos, acos)
TFSK_STD_UNARY(Atan, atan)
TFSK_STD_UNARY(Sinh, sinh)
TFSK_STD_UNARY(Cosh, cosh)
TFSK_STD_UNARY(Asinh, asinh)
TFSK_STD_UNARY(Acosh, acosh)
TFSK_STD_UNARY(Atanh, atanh)
TFSK_STD_UNARY(Expm1, expm1)

#undef TFSK_STD_UNARY

Status Softsign(OpContext& ctx) {
  return FloatUnary(ctx, [](const auto& x) { return x / (x.abs() + 1); });
}

struct Atan2Op {
  template <class T>
  static T Apply(const T& y, const T& x) {
    return std::atan2(y, x);
  }
  template <class A, class B>
  static auto Expr(const A& a, const B& b) {
    return a.binaryExpr(b, [](auto y, auto x) { return Apply(y, x); });
  }
};

/// A float -> bool predicate (IsNan, IsInf, IsFinite).
template <typename P>
Status FloatPredicate(OpContext& ctx, P pred) {
  TFSK_RETURN_IF_ERROR(CheckNumInputs(ctx, 1));
  const Tensor& x = ctx.input(0);
  return DispatchFloat(x.dtype(), ctx.node.op, [&]<typename T>() -> Status {
    Tensor out(DataType::kBool, x.shape());
    auto src = x.flat<T>();
    auto dst = out.flat<bool>();
    for (std::size_t i = 0; i < src.size(); ++i) dst[i] = pred(src[i]);
    ctx.outputs.push_back(std::move(out));
    return OkStatus();
  });
}

Status IsNan(OpContext& ctx) {
  return FloatPredicate(ctx, [](auto v) { return std::isnan(v); });
}
Status IsInf(OpContext& ctx) {
  return FloatPredicate(ctx, [](auto v) { return std::isinf(v); });
}
Status IsFinite(OpContext& ctx) {
  return FloatPredicate(ctx, [](auto v) { return std::isfinite(v); });
}

}  // namespace

void RegisterTrigOps(KernelRegistry& r) {
  for (auto [name, fn] : {std::pair{"Sin", &Sin},
                          {"Cos", &Cos},
                          {"Tan", &Tan},
                          {"Asin", &Asin},
                          {"Acos", &Acos},
                          {"Atan", &Atan},
                          {"Sinh", &Sinh},
                          {"Cosh", &Cosh},
                          {"Asinh", &Asinh},
                          {"Acosh", &Acosh},
                          {"Atanh", &Atanh},
                          {"Expm1", &Expm1},
                          {"Softsign", &Softsign},
                          {"Atan2", &FloatBinary<Atan2Op>},
                          {"IsNan", &IsNan},
                          {"IsInf", &IsInf},
                          {"IsFinite", &IsFinite}}) {
    r.Register({name, fn, {}});
  }
}

}  // namespace tfsk::serving::ops
