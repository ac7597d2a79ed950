// Elementwise arithmetic: binary ops with numpy broadcasting (Add, AddV2, Sub, Mul, Div, RealDiv,
// FloorDiv, FloorMod, Maximum, Minimum, Pow, SquaredDifference, DivNoNan), AddN and unary math.

#include <cmath>
#include <type_traits>

#include "serving/ops/binary_op.h"
#include "serving/ops/unary_op.h"

namespace tfsk::serving::ops {
namespace {

struct AddOp {
  template <class T> static T Apply(const T& a, const T& b) { return a + b; }
  template <class A, class B> static auto Expr(const A& a, const B& b) { return a + b; }
};
struct SubOp {
  template <class T> static T Apply(const T& a, const T& b) { return a - b; }
  template <class A, class B> static auto Expr(const A& a, const B& b) { return a - b; }
};
struct MulOp {
  template <class T> static T Apply(const T& a, const T& b) { return a * b; }
  template <class A, class B> static auto Expr(const A& a, const B& b) { return a * b; }
};
struct DivOp {
  template <class T> static T Apply(const T& a, const T& b) { return a / b; }
  template <class A, class B> static auto Expr(const A& a, const B& b) { return a / b; }
};
struct FloorDivOp {
  template <class T> static T Apply(const T& a, const T& b) {
    if constexpr (std::is_floating_point_v<T>) {
      return std::floor(a / b);
    } else {
      // C++ truncates; floor differs when the signs differ and there is a remainder.
      T q = static_cast<T>(a / b);
      if ((a % b != 0) && ((a < 0) != (b < 0))) --q;
      return q;
    }
  }
  template <class A, class B> static auto Expr(const A& a, const B& b) {
    return a.binaryExpr(b, [](auto x, auto y) { return Apply(x, y); });
  }
};
struct FloorModOp {
  template <class T> static T Apply(const T& a, const T& b) {
    if constexpr (std::is_floating_point_v<T>) {
      T r = std::fmod(a, b);
      if (r != 0 && ((r < 0) != (b < 0))) r += b;
      return r;
    } else {
      T r = static_cast<T>(a % b);
      if (r != 0 && ((r < 0) != (b < 0))) r = static_cast<T>(r + b);
      return r;
    }
  }
  template <class A, class B> static auto Expr(const A& a, const B& b) {
    return a.binaryExpr(b, [](auto x, auto y) { return Apply(x, y); });
  }
};
struct MaxOp {
  template <class T> static T Apply(const T& a, const T& b) { return a > b ? a : b; }
  template <class A, class B> static auto Expr(const A& a, const B& b) { return a.max(b); }
};
struct MinOp {
  template <class T> static T Apply(const T& a, const T& b) { return a < b ? a : b; }
  template <class A, class B> static auto Expr(const A& a, const B& b) { return a.min(b); }
};
struct PowOp {
  template <class T> static T Apply(const T& a, const T& b) {
    return static_cast<T>(std::pow(a, b));
  }
  template <class A, class B> static auto Expr(const A& a, const B& b) {
    return a.binaryExpr(b, [](auto x, auto y) { return Apply(x, y); });
  }
};
struct SquaredDifferenceOp {
  template <class T> static T Apply(const T& a, const T& b) { return (a - b) * (a - b); }
  template <class A, class B> static auto Expr(const A& a, const B& b) { return (a - b).square(); }
};
// Ops defined by their scalar rule only: Eigen applies Apply to each element pair.
template <class Self>
struct ByScalarRule {
  template <class A, class B> static auto Expr(const A& a, const B& b) {
    return a.binaryExpr(b, [](auto x, auto y) { return Self::Apply(x, y); });
  }
};
struct MulNoNanOp : ByScalarRule<MulNoNanOp> {  // 0 wherever y is 0, even if x is inf or NaN
  template <class T> static T Apply(const T& a, const T& b) { return b == T(0) ? T(0) : a * b; }
};
struct XlogyOp : ByScalarRule<XlogyOp> {  // x * log(y), 0 where x is 0
  template <class T> static T Apply(const T& a, const T& b) {
    return a == T(0) ? T(0) : a * std::log(b);
  }
};
struct XdivyOp : ByScalarRule<XdivyOp> {  // x / y, 0 where x is 0
  template <class T> static T Apply(const T& a, const T& b) { return a == T(0) ? T(0) : a / b; }
};
struct DivNoNanOp : ByScalarRule<DivNoNanOp> {
  template <class T> static T Apply(const T& a, const T& b) { return b == T(0) ? T(0) : a / b; }
};

template <typename Op, bool kStrings, bool kIntZeroCheck>
Status Binary(OpContext& ctx) {
  TFSK_RETURN_IF_ERROR(CheckNumInputs(ctx, 2));
  const DataType dt = ctx.input(0).dtype();
  if constexpr (kStrings) {
    if (dt == DataType::kString) return RunBinary<std::string, std::string, Op>(ctx);
  }
  if constexpr (kIntZeroCheck) TFSK_RETURN_IF_ERROR(CheckNoIntegerZero(ctx));
  return DispatchNumeric(dt, ctx.node.op,
                         [&]<typename T>() { return RunBinary<T, T, Op>(ctx); });
}

Status AddN(OpContext& ctx) {
  if (ctx.num_inputs() == 0) return InvalidArgument("AddN expects at least one input");
  const Tensor& first = ctx.input(0);
  for (int i = 1; i < ctx.num_inputs(); ++i) {
    if (ctx.input(i).shape() != first.shape() || ctx.input(i).dtype() != first.dtype()) {
      return InvalidArgument("AddN inputs must have the same shape and type: " +
                             ShapeString(first.shape()) + " vs. " + ShapeString(ctx.input(i).shape()));
    }
  }
  return DispatchNumeric(first.dtype(), ctx.node.op, [&]<typename T>() -> Status {
    Tensor out(first.dtype(), first.shape());
    auto o = MutableArrayOf<T>(out);
    o = ArrayOf<T>(first);
    for (int i = 1; i < ctx.num_inputs(); ++i) o += ArrayOf<T>(ctx.input(i));
    ctx.outputs.push_back(std::move(out));
    return OkStatus();
  });
}

/// Unary math valid for every numeric type.
template <typename F>
Status NumericUnary(OpContext& ctx, F f) {
  TFSK_RETURN_IF_ERROR(CheckNumInputs(ctx, 1));
  const Tensor& x = ctx.input(0);
  return DispatchNumeric(x.dtype(), ctx.node.op, [&]<typename T>() -> Status {
    Tensor out(x.dtype(), x.shape());
    MutableArrayOf<T>(out) = f(ArrayOf<T>(x));
    ctx.outputs.push_back(std::move(out));
    return OkStatus();
  });
}

#define TFSK_FLOAT_UNARY(NAME, EXPR)                                           \
  Status NAME(OpContext& ctx) {                                               \
    return FloatUnary(ctx, [](const auto& x) { return (EXPR); });             \
  }
#define TFSK_NUMERIC_UNARY(NAME, EXPR)                                         \
  Status NAME(OpContext& ctx) {                                               \
    return NumericUnary(ctx, [](const auto& x) { return (EXPR); });           \
  }

TFSK_NUMERIC_UNARY(Neg, -x)
TFSK_NUMERIC_UNARY(Abs, x.abs())
TFSK_NUMERIC_UNARY(Square, x.square())
TFSK_NUMERIC_UNARY(Sign, x.sign())
TFSK_FLOAT_UNARY(Sqrt, x.sqrt())
TFSK_FLOAT_UNARY(Rsqrt, x.rsqrt())
TFSK_FLOAT_UNARY(Exp, x.exp())
TFSK_FLOAT_UNARY(Log, x.log())
TFSK_FLOAT_UNARY(Log1p, x.log1p())
TFSK_FLOAT_UNARY(Floor, x.floor())
TFSK_FLOAT_UNARY(Ceil, x.ceil())
TFSK_FLOAT_UNARY(Round, x.rint())  // TF rounds half to even
TFSK_FLOAT_UNARY(Reciprocal, x.inverse())
TFSK_FLOAT_UNARY(Erf, x.unaryExpr([](auto v) { return std::erf(v); }))
TFSK_FLOAT_UNARY(Erfc, x.unaryExpr([](auto v) { return std::erfc(v); }))

#undef TFSK_FLOAT_UNARY
#undef TFSK_NUMERIC_UNARY

}  // namespace

void RegisterMathOps(KernelRegistry& r) {
  r.Register({"Add", &Binary<AddOp, true, false>, {}});
  r.Register({"AddV2", &Binary<AddOp, true, false>, {}});
  r.Register({"Sub", &Binary<SubOp, false, false>, {}});
  r.Register({"Mul", &Binary<MulOp, false, false>, {}});
  r.Register({"Div", &Binary<DivOp, false, true>, {}});
  r.Register({"RealDiv", &Binary<DivOp, false, true>, {}});
  r.Register({"FloorDiv", &Binary<FloorDivOp, false, true>, {}});
  r.Register({"FloorMod", &Binary<FloorModOp, false, true>, {}});
  r.Register({"Maximum", &Binary<MaxOp, false, false>, {}});
  r.Register({"Minimum", &Binary<MinOp, false, false>, {}});
  r.Register({"Pow", &Binary<PowOp, false, false>, {}});
  r.Register({"SquaredDifference", &Binary<SquaredDifferenceOp, false, false>, {}});
  r.Register({"DivNoNan", &FloatBinary<DivNoNanOp>, {}});
  r.Register({"MulNoNan", &FloatBinary<MulNoNanOp>, {}});
  r.Register({"Xlogy", &FloatBinary<XlogyOp>, {}});
  r.Register({"Xdivy", &FloatBinary<XdivyOp>, {}});
  r.Register({"AddN", &AddN, {}});
  r.Register({"Neg", &Neg, {}});
  r.Register({"Abs", &Abs, {}});
  r.Register({"Square", &Square, {}});
  r.Register({"Sign", &Sign, {}});
  r.Register({"Sqrt", &Sqrt, {}});
  r.Register({"Rsqrt", &Rsqrt, {}});
  r.Register({"Exp", &Exp, {}});
  r.Register({"Log", &Log, {}});
  r.Register({"Log1p", &Log1p, {}});
  r.Register({"Floor", &Floor, {}});
  r.Register({"Ceil", &Ceil, {}});
  r.Register({"Round", &Round, {}});
  r.Register({"Rint", &Round, {}});  // the same: round half to even
  r.Register({"Reciprocal", &Reciprocal, {}});
  r.Register({"Inv", &Reciprocal, {}});
  r.Register({"Erf", &Erf, {}});
  r.Register({"Erfc", &Erfc, {}});
}

}  // namespace tfsk::serving::ops
