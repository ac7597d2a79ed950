// Cumsum and Cumprod along one axis, with TensorFlow's `exclusive` and `reverse` attrs.

#include "serving/ops/op_util.h"

namespace tfsk::serving::ops {
namespace {

template <bool kProduct>
Status Scan(OpContext& ctx) {
  TFSK_RETURN_IF_ERROR(CheckNumInputs(ctx, 2));
  const Tensor& x = ctx.input(0);
  const Tensor& axis_t = ctx.input(1);
  if (axis_t.rank() != 0)
    return InvalidArgument("axis must be a scalar, but got: " + ShapeString(axis_t.shape()));
  TFSK_ASSIGN_OR_RETURN(auto axis_v, IndexValues(axis_t, "axis"));
  if (x.rank() == 0)
    return InvalidArgument(ctx.node.op + " expects an input of rank >= 1, got a scalar");
  TFSK_ASSIGN_OR_RETURN(int axis, NormalizeAxis(axis_v[0], x.rank(), "axis"));
  const bool exclusive = ctx.node.BoolOr("exclusive", false);
  const bool reverse = ctx.node.BoolOr("reverse", false);
  std::int64_t outer = 1, inner = 1;
  for (int d = 0; d < axis; ++d) outer *= x.dim(d);
  for (int d = axis + 1; d < x.rank(); ++d) inner *= x.dim(d);
  const std::int64_t len = x.dim(axis);
  return DispatchNumeric(x.dtype(), ctx.node.op, [&]<typename T>() -> Status {
    Tensor out(x.dtype(), x.shape());
    auto src = x.flat<T>();
    auto dst = out.flat<T>();
    for (std::int64_t o = 0; o < outer; ++o) {
      for (std::int64_t i = 0; i < inner; ++i) {
        T acc = kProduct ? T(1) : T(0);
        for (std::int64_t s = 0; s < len; ++s) {
          const std::int64_t pos = reverse ? len - 1 - s : s;
          const auto at = static_cast<std::size_t>((o * len + pos) * inner + i);
          if (exclusive) dst[at] = acc;
          acc = kProduct ? static_cast<T>(acc * src[at]) : static_cast<T>(acc + src[at]);
          if (!exclusive) dst[at] = acc;
        }
      }
    }
    ctx.outputs.push_back(std::move(out));
    return OkStatus();
  });
}

}  // namespace

void RegisterScanOps(KernelRegistry& r) {
  r.Register({"Cumsum", &Scan<false>, {}});
  r.Register({"Cumprod", &Scan<true>, {}});
}

}  // namespace tfsk::serving::ops
