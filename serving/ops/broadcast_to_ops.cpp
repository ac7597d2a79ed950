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

// tf.broadcast_dynamic_shape: the shape two shapes broadcast to, in their integer type.
Status BroadcastArgs(OpContext& ctx) {
  TFSK_RETURN_IF_ERROR(CheckNumInputs(ctx, 2));
  const Tensor& a = ctx.input(0);
  const Tensor& b = ctx.input(1);
  if (a.rank() != 1 || b.rank() != 1) {
    return InvalidArgument("Input shapes must be vectors, got " + ShapeString(a.shape()) +
                           " and " + ShapeString(b.shape()));
  }
  if (a.dtype() != b.dtype()) {
    return InvalidArgument("BroadcastArgs expects both shapes of one type, got " +
                           DataTypeName(a.dtype()) + " and " + DataTypeName(b.dtype()));
  }
  TFSK_ASSIGN_OR_RETURN(Shape sa, IndexValues(a, "s0"));
  TFSK_ASSIGN_OR_RETURN(Shape sb, IndexValues(b, "s1"));
  TFSK_ASSIGN_OR_RETURN(Shape out, BroadcastShape(sa, sb));
  Tensor t(a.dtype(), {static_cast<std::int64_t>(out.size())});
  for (std::size_t i = 0; i < out.size(); ++i) {
    if (a.dtype() == DataType::kInt64) {
      t.flat<std::int64_t>()[i] = out[i];
    } else {
      t.flat<std::int32_t>()[i] = static_cast<std::int32_t>(out[i]);
    }
  }
  ctx.outputs.push_back(std::move(t));
  return OkStatus();
}

}  // namespace

void RegisterBroadcastToOps(KernelRegistry& r) {
  r.Register({"BroadcastTo", &BroadcastTo, {}});
  r.Register({"BroadcastArgs", &BroadcastArgs, {}});
  r.Register({"ClipByValue", &ClipByValue, {}});
}

}  // namespace tfsk::serving::ops
