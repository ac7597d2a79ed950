// LinSpace: `num` evenly spaced values from start to stop inclusive (positional encodings,
// anchor grids).

#include "serving/ops/op_util.h"

namespace tfsk::serving::ops {
namespace {

Status LinSpace(OpContext& ctx) {
  TFSK_RETURN_IF_ERROR(CheckNumInputs(ctx, 3));
  const Tensor& start = ctx.input(0);
  const Tensor& stop = ctx.input(1);
  const Tensor& num_t = ctx.input(2);
  if (start.rank() != 0)
    return InvalidArgument("start must be a scalar, not shape " + ShapeString(start.shape()));
  if (stop.rank() != 0)
    return InvalidArgument("stop must be a scalar, not shape " + ShapeString(stop.shape()));
  if (num_t.rank() != 0)
    return InvalidArgument("num must be a scalar, not shape " + ShapeString(num_t.shape()));
  if (start.dtype() != stop.dtype())
    return InvalidArgument("LinSpace start and stop must have the same type");
  TFSK_ASSIGN_OR_RETURN(auto num, IndexValues(num_t, "num"));
  if (num[0] <= 0) return InvalidArgument("Requires num > 0: " + std::to_string(num[0]));
  return DispatchFloat(start.dtype(), ctx.node.op, [&]<typename T>() -> Status {
    Tensor out(start.dtype(), {num[0]});
    auto o = out.flat<T>();
    const T a = start.flat<T>()[0];
    const T b = stop.flat<T>()[0];
    if (num[0] == 1) {
      o[0] = a;
    } else {
      const T step = (b - a) / static_cast<T>(num[0] - 1);
      for (std::size_t i = 0; i < o.size(); ++i) o[i] = a + step * static_cast<T>(i);
      o[o.size() - 1] = b;  // exact end point, whatever the rounding of the steps
    }
    ctx.outputs.push_back(std::move(out));
    return OkStatus();
  });
}

}  // namespace

void RegisterLinSpaceOps(KernelRegistry& r) { r.Register({"LinSpace", &LinSpace, {}}); }

}  // namespace tfsk::serving::ops
