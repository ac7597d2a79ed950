// Broadcasting ops beyond the binary arithmetic: BroadcastTo and ClipByValue.

#include "serving/ops/broadcast.h"
#include "serving/ops/op_util.h"

namespace tfsk::serving::ops {
namespace {

Status BroadcastTo(OpContext& ctx) {
  TFSK_RETURN_IF_ERROR(CheckNumInputs(ctx, 2));
  const Tensor& x = ctx.input(0);
  const Tensor& shape_t = ctx.input(1);
  if (shape_t.rank() != 1)
    return InvalidArgument("shape must be a vector, got shape " + ShapeString(shape_t.shape()));
  TFSK_ASSIGN_OR_RETURN(Shape target, IndexValues(shape_t, "shape"));
  for (auto d : target) {
    if (d < 0)
      return InvalidArgument("BroadcastTo shape dimensions must be >= 0, got " + JoinInts(target));
  }
  if (x.rank() > static_cast<int>(target.size())) {
    return InvalidArgument("Rank of input (" + std::to_string(x.rank()) +
                           ") must be no greater than rank of output shape (" +
                           std::to_string(target.size()) + ").");
  }
  auto bc = MakeBroadcast<2>({&x.shape(), &target});
  if (!bc.ok() || bc->out != target) {
    return InvalidArgument("Unable to broadcast tensor of shape " + ShapeString(x.shape()) +
                           " to tensor of shape " + ShapeString(target));
  }
  return DispatchAll(x.dtype(), ctx.node.op, [&]<typename T>() -> Status {
    Tensor out(x.dtype(), target);
    auto src = x.flat<T>();
    auto dst = out.flat<T>();
    bc->ForEach([&](std::int64_t i, const std::array<std::int64_t, 2>& off) {
      dst[static_cast<std::size_t>(i)] = src[static_cast<std::size_t>(off[0])];
    });
    ctx.outputs.push_back(std::move(out));
    return OkStatus();
  });
}

Status ClipByValue(OpContext& ctx) {
  TFSK_RETURN_IF_ERROR(CheckNumInputs(ctx, 3));
  const Tensor& x = ctx.input(0);
  const Tensor& lo = ctx.input(1);
  const Tensor& hi = ctx.input(2);
  const auto fits = [&](const Tensor& b) { return b.rank() == 0 || b.shape() == x.shape(); };
  if (!fits(lo) || !fits(hi)) {
    return InvalidArgument(
        "clip_value_min and clip_value_max must be either scalars or have the same shape as the "
        "input: "
        "input shape: " +
        ShapeString(x.shape()) + " clip_value_min shape: " + ShapeString(lo.shape()) +
        " clip_value_max shape: " + ShapeString(hi.shape()));
  }
  if (lo.dtype() != x.dtype() || hi.dtype() != x.dtype()) {
    return InvalidArgument("ClipByValue expects clip values of the input's type " +
                           DataTypeName(x.dtype()));
  }
  return DispatchNumeric(x.dtype(), ctx.node.op, [&]<typename T>() -> Status {
    Tensor out(x.dtype(), x.shape());
    auto src = x.flat<T>();
    auto dst = out.flat<T>();
    auto l = lo.flat<T>();
    auto h = hi.flat<T>();
    for (std::size_t i = 0; i < src.size(); ++i) {
      const T a = l[l.size() == 1 ? 0 : i];
      const T b = h[h.size() == 1 ? 0 : i];
      // TensorFlow computes min(max(x, lo), hi).
      const T v = src[i] < a ? a : src[i];
      dst[i] = b < v ? b : v;
    }
    ctx.outputs.push_back(std::move(out));
    return OkStatus();
  });
}

}  // namespace

void RegisterBroadcastToOps(KernelRegistry& r) {
  r.Register({"BroadcastTo", &BroadcastTo, {}});
  r.Register({"ClipByValue", &ClipByValue, {}});
}

}  // namespace tfsk::serving::ops
