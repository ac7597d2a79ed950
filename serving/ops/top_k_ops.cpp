// TopKV2 (and TopK with attr k): the k largest entries of each last-dim row, largest first,
// equal values in index order, with their int32 (or index_type) indices.

#include <algorithm>
#include <numeric>

#include "serving/ops/op_util.h"

namespace tfsk::serving::ops {
namespace {

Status RunTopK(OpContext& ctx, std::int64_t k) {
  const Tensor& x = ctx.input(0);
  if (k < 0) return InvalidArgument("Need k >= 0, got " + std::to_string(k));
  if (x.rank() < 1)
    return InvalidArgument("input must be >= 1-D, got shape " + ShapeString(x.shape()));
  const std::int64_t cols = x.dim(x.rank() - 1);
  if (cols < k) {
    return InvalidArgument("input must have at least k columns. Had " + std::to_string(cols) +
                           ", needed " + std::to_string(k));
  }
  auto index_type = ctx.node.GetType("index_type");
  const DataType itype = index_type.ok() ? *index_type : DataType::kInt32;
  if (itype != DataType::kInt32 && itype != DataType::kInt64) {
    return Unimplemented("TopKV2 with index_type " + DataTypeName(itype));
  }
  Shape shape = x.shape();
  shape.back() = k;
  const std::int64_t rows = cols == 0 ? 0 : x.num_elements() / cols;
  return DispatchNumeric(x.dtype(), ctx.node.op, [&]<typename T>() -> Status {
    Tensor values(x.dtype(), shape);
    Tensor indices(itype, shape);
    auto src = x.flat<T>();
    std::vector<std::int64_t> order(static_cast<std::size_t>(cols));
    for (std::int64_t r = 0; r < rows; ++r) {
      const T* row = src.data() + r * cols;
      std::iota(order.begin(), order.end(), 0);
      // Larger first; ties keep the lower index first, as TensorFlow documents.
      std::partial_sort(order.begin(), order.begin() + k, order.end(),
                        [row](std::int64_t a, std::int64_t b) {
                          return row[a] > row[b] || (!(row[b] > row[a]) && a < b);
                        });
      for (std::int64_t j = 0; j < k; ++j) {
        const auto at = static_cast<std::size_t>(r * k + j);
        const std::int64_t idx = order[static_cast<std::size_t>(j)];
        values.flat<T>()[at] = row[idx];
        if (itype == DataType::kInt64)
          indices.flat<std::int64_t>()[at] = idx;
        else
          indices.flat<std::int32_t>()[at] = static_cast<std::int32_t>(idx);
      }
    }
    ctx.outputs.push_back(std::move(values));
    ctx.outputs.push_back(std::move(indices));
    return OkStatus();
  });
}

Status TopKV2(OpContext& ctx) {
  TFSK_RETURN_IF_ERROR(CheckNumInputs(ctx, 2));
  const Tensor& k = ctx.input(1);
  if (k.rank() != 0) return InvalidArgument("k must be 0-D, got shape " + ShapeString(k.shape()));
  TFSK_ASSIGN_OR_RETURN(auto kv, IndexValues(k, "k"));
  return RunTopK(ctx, kv[0]);
}

Status TopK(OpContext& ctx) {
  TFSK_RETURN_IF_ERROR(CheckNumInputs(ctx, 1));
  TFSK_ASSIGN_OR_RETURN(std::int64_t k, ctx.node.GetInt("k"));
  return RunTopK(ctx, k);
}

}  // namespace

void RegisterTopKOps(KernelRegistry& r) {
  r.Register({"TopKV2", &TopKV2, {}});
  r.Register({"TopK", &TopK, {"k"}});
}

}  // namespace tfsk::serving::ops
