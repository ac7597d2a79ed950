#pragma once
// The elementwise binary kernel template: broadcasting with Eigen fast paths for equal shapes and
// scalar operands, falling back to a strided walk for general broadcasting.
//
// An Op is a struct with
//   template <class T> static R Apply(const T& a, const T& b);     // one element (R may be bool)
//   template <class A, class B> static auto Expr(const A&, const B&); // Eigen array expression
// Expr is only used for arithmetic element types; strings take the scalar path.

#include <type_traits>

#include "serving/ops/broadcast.h"
#include "serving/ops/op_util.h"

namespace tfsk::serving::ops {

/// InvalidArgument "Integer division by zero" when input 1 is an integer tensor holding a 0
/// (TensorFlow's check for Div, FloorDiv, Mod, ...); OK for floats.
inline Status CheckNoIntegerZero(const OpContext& ctx) {
  if (ctx.num_inputs() != 2) return OkStatus();
  Status st;
  const Tensor& b = ctx.input(1);
  (void)DispatchNumeric(b.dtype(), ctx.node.op, [&]<typename T>() -> Status {
    if constexpr (std::is_integral_v<T>) {
      for (T v : b.flat<T>()) {
        if (v == 0) {
          st = InvalidArgument("Integer division by zero");
          break;
        }
      }
    }
    return OkStatus();
  });
  return st;
}

template <typename T, typename R, typename Op>
Status RunBinary(OpContext& ctx) {
  TFSK_RETURN_IF_ERROR(CheckNumInputs(ctx, 2));
  const Tensor& a = ctx.input(0);
  const Tensor& b = ctx.input(1);
  if (a.dtype() != b.dtype()) {
    return InvalidArgument(ctx.node.op + " expects both inputs of the same type, got " +
                           DataTypeName(a.dtype()) + " and " + DataTypeName(b.dtype()));
  }
  constexpr bool kEigen = std::is_arithmetic_v<T>;
  using ArrayR = Eigen::Array<T, Eigen::Dynamic, 1>;
  if constexpr (kEigen) {
    const std::int64_t na = a.num_elements();
    const std::int64_t nb = b.num_elements();
    // Equal shapes, or one side a single element of no higher rank: output takes the other shape,
    // and that operand's buffer when it may be overwritten (no allocation, no shape copy).
    const auto emit = [&](int shaped, auto&& assign) {
      if (Tensor* in_place = ctx.ReusableInput(shaped, DataTypeOf<R>::value)) {
        assign(MutableArrayOf<R>(*in_place));
        ctx.outputs.push_back(std::move(*in_place));
        return;
      }
      Tensor out(DataTypeOf<R>::value, (shaped == 0 ? a : b).shape());
      assign(MutableArrayOf<R>(out));
      ctx.outputs.push_back(std::move(out));
    };
    if (a.shape() == b.shape()) {
      const int shaped = ctx.ReusableInput(0, DataTypeOf<R>::value) != nullptr ? 0 : 1;
      emit(shaped, [&](auto out) { out = Op::Expr(ArrayOf<T>(a), ArrayOf<T>(b)); });
      return OkStatus();
    }
    if (nb == 1 && b.rank() <= a.rank()) {
      emit(0,
           [&](auto out) { out = Op::Expr(ArrayOf<T>(a), ArrayR::Constant(na, b.flat<T>()[0])); });
      return OkStatus();
    }
    if (na == 1 && a.rank() <= b.rank()) {
      emit(1,
           [&](auto out) { out = Op::Expr(ArrayR::Constant(nb, a.flat<T>()[0]), ArrayOf<T>(b)); });
      return OkStatus();
    }
  }
  TFSK_ASSIGN_OR_RETURN(auto bc, MakeBroadcast<2>({&a.shape(), &b.shape()}));
  Tensor out(DataTypeOf<R>::value, bc.out);
  auto pa = a.flat<T>();
  auto pb = b.flat<T>();
  auto po = out.flat<R>();
  bc.ForEach([&](std::int64_t i, const std::array<std::int64_t, 2>& off) {
    po[static_cast<std::size_t>(i)] =
        Op::Apply(pa[static_cast<std::size_t>(off[0])], pb[static_cast<std::size_t>(off[1])]);
  });
  ctx.outputs.push_back(std::move(out));
  return OkStatus();
}

/// RunBinary for the ops TensorFlow registers for float and double only (DivNoNan, Xlogy,
/// Igamma, ...).
template <typename Op>
Status FloatBinary(OpContext& ctx) {
  TFSK_RETURN_IF_ERROR(CheckNumInputs(ctx, 2));
  return DispatchFloat(ctx.input(0).dtype(), ctx.node.op,
                       [&]<typename T>() { return RunBinary<T, T, Op>(ctx); });
}

}  // namespace tfsk::serving::ops
