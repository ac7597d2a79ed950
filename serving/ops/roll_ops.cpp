// Roll (tf.roll, e.g. Swin transformers' shifted windows): elements shifted along axes with
// wrap-around; repeated axes add their shifts.

#include "serving/ops/op_util.h"

namespace tfsk::serving::ops {
namespace {

Status Roll(OpContext& ctx) {
  TFSK_RETURN_IF_ERROR(CheckNumInputs(ctx, 3));
  const Tensor& x = ctx.input(0);
  const Tensor& shift_t = ctx.input(1);
  const Tensor& axis_t = ctx.input(2);
  if (shift_t.rank() > 1)
    return InvalidArgument("shift must be a scalar or a 1-D vector. Found: " +
                           ShapeString(shift_t.shape()));
  if (axis_t.rank() > 1)
    return InvalidArgument("axis must be a scalar or a 1-D vector. Found: " +
                           ShapeString(axis_t.shape()));
  if (shift_t.shape() != axis_t.shape()) {
    return InvalidArgument("shift and axis must have the same size");
  }
  TFSK_ASSIGN_OR_RETURN(auto shifts, IndexValues(shift_t, "shift"));
  TFSK_ASSIGN_OR_RETURN(auto axes, IndexValues(axis_t, "axis"));
  const int rank = x.rank();
  std::vector<std::int64_t> total(static_cast<std::size_t>(rank), 0);
  for (std::size_t i = 0; i < axes.size(); ++i) {
    const std::int64_t a = axes[i] < 0 ? axes[i] + rank : axes[i];
    if (a < 0 || a >= rank)
      return InvalidArgument("axis " + std::to_string(axes[i]) + " is out of range");
    total[static_cast<std::size_t>(a)] += shifts[i];
  }
  const auto strides = RowMajorStrides(x.shape());
  return DispatchAll(x.dtype(), ctx.node.op, [&]<typename T>() -> Status {
    Tensor out(x.dtype(), x.shape());
    auto src = x.flat<T>();
    auto dst = out.flat<T>();
    std::vector<std::int64_t> idx(static_cast<std::size_t>(rank), 0);
    for (std::size_t i = 0; i < src.size(); ++i) {
      std::int64_t to = 0;
      for (int d = 0; d < rank; ++d) {
        const auto ud = static_cast<std::size_t>(d);
        const std::int64_t n = x.dim(d);
        to += ((idx[ud] + total[ud]) % n + n) % n * strides[ud];
      }
      dst[static_cast<std::size_t>(to)] = src[i];
      AdvanceIndex(idx, x.shape());
    }
    ctx.outputs.push_back(std::move(out));
    return OkStatus();
  });
}

}  // namespace

void RegisterRollOps(KernelRegistry& r) { r.Register({"Roll", &Roll, {}}); }

}  // namespace tfsk::serving::ops
