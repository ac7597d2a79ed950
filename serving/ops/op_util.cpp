#include "serving/ops/op_util.h"

namespace tfsk::serving::ops {

Status CheckNumInputs(const OpContext& ctx, int n) {
  if (ctx.num_inputs() != n) {
    return InvalidArgument(ctx.node.op + " expects " + std::to_string(n) + " inputs, got " +
                           std::to_string(ctx.num_inputs()));
  }
  return OkStatus();
}

StatusOr<std::vector<std::int64_t>> IndexValues(const Tensor& t, const std::string& what) {
  std::vector<std::int64_t> out;
  if (t.dtype() == DataType::kInt32) {
    for (std::int32_t v : t.flat<std::int32_t>()) out.push_back(v);
  } else if (t.dtype() == DataType::kInt64) {
    for (std::int64_t v : t.flat<std::int64_t>()) out.push_back(v);
  } else {
    return InvalidArgument(what + " must be int32 or int64, got " + DataTypeName(t.dtype()));
  }
  return out;
}

StatusOr<int> NormalizeAxis(std::int64_t axis, int rank, const std::string& what) {
  if (axis < -rank || axis >= rank) {
    return InvalidArgument(what + " " + std::to_string(axis) +
                           " is out of range for a tensor of rank " + std::to_string(rank) +
                           "; expected [" + std::to_string(-rank) + ", " + std::to_string(rank) +
                           ")");
  }
  return static_cast<int>(axis < 0 ? axis + rank : axis);
}

std::vector<std::int64_t> RowMajorStrides(const Shape& shape) {
  std::vector<std::int64_t> strides(shape.size(), 1);
  for (std::size_t d = shape.size(); d-- > 1;) strides[d - 1] = strides[d] * shape[d];
  return strides;
}

void AdvanceIndex(std::vector<std::int64_t>& idx, const Shape& dims) {
  for (std::size_t d = idx.size(); d-- > 0;) {
    if (++idx[d] < dims[d]) return;
    idx[d] = 0;
  }
}

std::string JoinInts(std::span<const std::int64_t> v) {
  std::string s = "[";
  for (std::size_t i = 0; i < v.size(); ++i) {
    if (i) s += ",";
    s += std::to_string(v[i]);
  }
  return s + "]";
}

}  // namespace tfsk::serving::ops
