// OneHot: indices -> on_value at the index, off_value elsewhere, along a new axis.

#include "serving/ops/op_util.h"

namespace tfsk::serving::ops {
namespace {

/// Index values of any integer dtype OneHot accepts (uint8, int8, int32, int64).
StatusOr<std::vector<std::int64_t>> OneHotIndices(const Tensor& t) {
  std::vector<std::int64_t> out;
  Status st = DispatchNumeric(t.dtype(), "OneHot", [&]<typename T>() -> Status {
    if constexpr (!std::is_integral_v<T>) {
      return InvalidArgument("OneHot indices must be an integer type, got " +
                             DataTypeName(t.dtype()));
    } else {
      for (T v : t.flat<T>()) out.push_back(static_cast<std::int64_t>(v));
      return OkStatus();
    }
  });
  if (!st.ok()) return st;
  return out;
}

Status OneHot(OpContext& ctx) {
  TFSK_RETURN_IF_ERROR(CheckNumInputs(ctx, 4));
  const Tensor& indices_t = ctx.input(0);
  const Tensor& depth_t = ctx.input(1);
  const Tensor& on = ctx.input(2);
  const Tensor& off = ctx.input(3);
  const int rank = indices_t.rank();
  const std::int64_t axis_attr = ctx.node.IntOr("axis", -1);
  if (axis_attr < -1 || axis_attr > rank) {
    return InvalidArgument("Expected axis to be -1 or between [0, " + std::to_string(rank + 1) +
                           ").  But received: " + std::to_string(axis_attr));
  }
  if (depth_t.rank() != 0)
    return InvalidArgument("depth must be a scalar, but got: " + ShapeString(depth_t.shape()));
  if (on.rank() != 0)
    return InvalidArgument("on_value must be a scalar, but got: " + ShapeString(on.shape()));
  if (off.rank() != 0)
    return InvalidArgument("off_value must be a scalar, but got: " + ShapeString(off.shape()));
  if (on.dtype() != off.dtype())
    return InvalidArgument("on_value and off_value must have the same type");
  TFSK_ASSIGN_OR_RETURN(auto depth_v, IndexValues(depth_t, "depth"));
  const std::int64_t depth = depth_v[0];
  if (depth < 0)
    return InvalidArgument("depth must be non-negative, got: " + std::to_string(depth));
  TFSK_ASSIGN_OR_RETURN(auto indices, OneHotIndices(indices_t));
  const int axis = axis_attr == -1 ? rank : static_cast<int>(axis_attr);
  // Output [prefix, depth, suffix]: prefix = indices dims before axis, suffix = the rest.
  std::int64_t prefix = 1, suffix = 1;
  for (int d = 0; d < axis; ++d) prefix *= indices_t.dim(d);
  for (int d = axis; d < rank; ++d) suffix *= indices_t.dim(d);
  Shape shape = indices_t.shape();
  shape.insert(shape.begin() + axis, depth);
  return DispatchAll(on.dtype(), ctx.node.op, [&]<typename T>() -> Status {
    Tensor out(on.dtype(), shape);
    auto o = out.flat<T>();
    std::fill(o.begin(), o.end(), off.flat<T>()[0]);
    for (std::int64_t p = 0; p < prefix; ++p) {
      for (std::int64_t s = 0; s < suffix; ++s) {
        const std::int64_t idx = indices[static_cast<std::size_t>(p * suffix + s)];
        // Out-of-range (incl. negative) indices give an all-off row, as in TensorFlow.
        if (idx >= 0 && idx < depth)
          o[static_cast<std::size_t>((p * depth + idx) * suffix + s)] = on.flat<T>()[0];
      }
    }
    ctx.outputs.push_back(std::move(out));
    return OkStatus();
  });
}

}  // namespace

void RegisterOneHotOps(KernelRegistry& r) { r.Register({"OneHot", &OneHot, {}}); }

}  // namespace tfsk::serving::ops
