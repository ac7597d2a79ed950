#pragma once
// The elementwise unary kernel helper shared by the math families.

#include "serving/ops/op_util.h"

namespace tfsk::serving::ops {

/// Unary math over float/double (`F` maps an Eigen array expression to another).
template <typename F>
Status FloatUnary(OpContext& ctx, F f) {
  TFSK_RETURN_IF_ERROR(CheckNumInputs(ctx, 1));
  const Tensor& x = ctx.input(0);
  return DispatchFloat(x.dtype(), ctx.node.op, [&]<typename T>() -> Status {
    Tensor out(x.dtype(), x.shape());
    MutableArrayOf<T>(out) = f(ArrayOf<T>(x));
    ctx.outputs.push_back(std::move(out));
    return OkStatus();
  });
}

}  // namespace tfsk::serving::ops
