// Truncating division and remainder (Mod, TruncateMod, TruncateDiv; C semantics, unlike
// FloorDiv/FloorMod) and the bitwise ops (BitwiseAnd/Or/Xor, Invert, LeftShift, RightShift).

#include <cmath>

#include "serving/ops/binary_op.h"

namespace tfsk::serving::ops {
namespace {

struct TruncModOp {
  template <class T>
  static T Apply(const T& a, const T& b) {
    if constexpr (std::is_floating_point_v<T>)
      return std::fmod(a, b);
    else
      return static_cast<T>(a % b);
  }
  template <class A, class B>
  static auto Expr(const A& a, const B& b) {
    return a.binaryExpr(b, [](auto x, auto y) { return Apply(x, y); });
  }
};
struct TruncDivOp {
  template <class T>
  static T Apply(const T& a, const T& b) {
    return static_cast<T>(a / b);
  }
  template <class A, class B>
  static auto Expr(const A& a, const B& b) {
    return a.binaryExpr(b, [](auto x, auto y) { return Apply(x, y); });
  }
};
#define TFSK_BITWISE_OP(NAME, EXPR)                                       \
  struct NAME {                                                           \
    template <class T>                                                    \
    static T Apply(const T& a, const T& b) {                              \
      return static_cast<T>(EXPR);                                        \
    }                                                                     \
    template <class A, class B>                                           \
    static auto Expr(const A& a, const B& b) {                            \
      return a.binaryExpr(b, [](auto x, auto y) { return Apply(x, y); }); \
    }                                                                     \
  };
TFSK_BITWISE_OP(AndOp, a& b)
TFSK_BITWISE_OP(OrOp, a | b)
TFSK_BITWISE_OP(XorOp, a ^ b)
#undef TFSK_BITWISE_OP

/// TensorFlow's shifts: a shift by a negative amount or by >= the bit width gives 0 for
/// LeftShift and the sign fill for RightShift, instead of C++'s undefined behaviour.
struct LeftShiftOp {
  template <class T>
  static T Apply(const T& a, const T& b) {
    using U = std::make_unsigned_t<T>;
    if (b < 0 || b >= static_cast<T>(sizeof(T) * 8)) return T(0);
    return static_cast<T>(static_cast<U>(a) << b);
  }
  template <class A, class B>
  static auto Expr(const A& a, const B& b) {
    return a.binaryExpr(b, [](auto x, auto y) { return Apply(x, y); });
  }
};
struct RightShiftOp {
  template <class T>
  static T Apply(const T& a, const T& b) {
    const int bits = static_cast<int>(sizeof(T) * 8);
    const T s = (b < 0 || b >= static_cast<T>(bits)) ? static_cast<T>(bits - 1) : b;
    return static_cast<T>(a >> s);
  }
  template <class A, class B>
  static auto Expr(const A& a, const B& b) {
    return a.binaryExpr(b, [](auto x, auto y) { return Apply(x, y); });
  }
};

/// Integer types only (bitwise ops and TruncateDiv).
template <typename Op, bool kZeroCheck>
Status IntBinary(OpContext& ctx) {
  TFSK_RETURN_IF_ERROR(CheckNumInputs(ctx, 2));
  if constexpr (kZeroCheck) TFSK_RETURN_IF_ERROR(CheckNoIntegerZero(ctx));
  return DispatchNumeric(ctx.input(0).dtype(), ctx.node.op, [&]<typename T>() -> Status {
    if constexpr (std::is_integral_v<T>)
      return RunBinary<T, T, Op>(ctx);
    else
      return Unimplemented("No kernel for op " + ctx.node.op + " with dtype " +
                           DataTypeName(ctx.input(0).dtype()));
  });
}

/// Integers and floats (Mod, TruncateMod).
template <typename Op>
Status AnyBinary(OpContext& ctx) {
  TFSK_RETURN_IF_ERROR(CheckNumInputs(ctx, 2));
  TFSK_RETURN_IF_ERROR(CheckNoIntegerZero(ctx));
  return DispatchNumeric(ctx.input(0).dtype(), ctx.node.op,
                         [&]<typename T>() { return RunBinary<T, T, Op>(ctx); });
}

Status Invert(OpContext& ctx) {
  TFSK_RETURN_IF_ERROR(CheckNumInputs(ctx, 1));
  const Tensor& x = ctx.input(0);
  return DispatchNumeric(x.dtype(), ctx.node.op, [&]<typename T>() -> Status {
    if constexpr (!std::is_integral_v<T>) {
      return Unimplemented("No kernel for op Invert with dtype " + DataTypeName(x.dtype()));
    } else {
      Tensor out(x.dtype(), x.shape());
      auto src = x.flat<T>();
      auto dst = out.flat<T>();
      for (std::size_t i = 0; i < src.size(); ++i) dst[i] = static_cast<T>(~src[i]);
      ctx.outputs.push_back(std::move(out));
      return OkStatus();
    }
  });
}

}  // namespace

void RegisterIntMathOps(KernelRegistry& r) {
  r.Register({"Mod", &AnyBinary<TruncModOp>, {}});
  r.Register({"TruncateMod", &AnyBinary<TruncModOp>, {}});
  r.Register({"TruncateDiv", &IntBinary<TruncDivOp, true>, {}});
  r.Register({"BitwiseAnd", &IntBinary<AndOp, false>, {}});
  r.Register({"BitwiseOr", &IntBinary<OrOp, false>, {}});
  r.Register({"BitwiseXor", &IntBinary<XorOp, false>, {}});
  r.Register({"LeftShift", &IntBinary<LeftShiftOp, false>, {}});
  r.Register({"RightShift", &IntBinary<RightShiftOp, false>, {}});
  r.Register({"Invert", &Invert, {}});
}

}  // namespace tfsk::serving::ops
