// GatherNd: slices of params addressed by the last dim of indices (tf.gather_nd).

#include "serving/ops/op_util.h"

namespace tfsk::serving::ops {
namespace {

Status GatherNd(OpContext& ctx) {
  TFSK_RETURN_IF_ERROR(CheckNumInputs(ctx, 2));
  const Tensor& params = ctx.input(0);
  const Tensor& indices_t = ctx.input(1);
  if (indices_t.rank() < 1) {
    return InvalidArgument("indices must be at least a vector, got shape " +
                           ShapeString(indices_t.shape()));
  }
  const std::int64_t k = indices_t.dim(indices_t.rank() - 1);
  if (k > params.rank()) {
    return InvalidArgument("index innermost dimension length must be <= params rank; saw: " +
                           std::to_string(k) + " vs. " + std::to_string(params.rank()));
  }
  TFSK_ASSIGN_OR_RETURN(auto indices, IndexValues(indices_t, "indices"));
  Shape shape(indices_t.shape().begin(), indices_t.shape().end() - 1);
  shape.insert(shape.end(), params.shape().begin() + k, params.shape().end());
  const std::int64_t n =
      k == 0 ? NumElements(Shape(indices_t.shape().begin(), indices_t.shape().end() - 1))
             : static_cast<std::int64_t>(indices.size()) / k;
  const auto strides = RowMajorStrides(params.shape());
  std::int64_t slice = 1;
  for (int d = static_cast<int>(k); d < params.rank(); ++d) slice *= params.dim(d);
  // Resolve every index row to an element offset first, so a bad row fails before any copy.
  std::vector<std::int64_t> offsets(static_cast<std::size_t>(n), 0);
  for (std::int64_t i = 0; i < n; ++i) {
    for (std::int64_t j = 0; j < k; ++j) {
      const std::int64_t v = indices[static_cast<std::size_t>(i * k + j)];
      if (v < 0 || v >= params.dim(static_cast<int>(j))) {
        std::vector<std::int64_t> row(indices.begin() + i * k, indices.begin() + (i + 1) * k);
        std::string s = JoinInts(row);
        return InvalidArgument("indices[" + std::to_string(i) + "] = " + s +
                               " does not index into param shape " + ShapeString(params.shape()));
      }
      offsets[static_cast<std::size_t>(i)] += v * strides[static_cast<std::size_t>(j)];
    }
  }
  return DispatchAll(params.dtype(), ctx.node.op, [&]<typename T>() -> Status {
    Tensor out(params.dtype(), shape);
    auto src = params.flat<T>();
    auto dst = out.flat<T>();
    for (std::int64_t i = 0; i < n; ++i) {
      auto from = src.begin() + static_cast<std::ptrdiff_t>(offsets[static_cast<std::size_t>(i)]);
      std::copy(from, from + static_cast<std::ptrdiff_t>(slice),
                dst.begin() + static_cast<std::ptrdiff_t>(i * slice));
    }
    ctx.outputs.push_back(std::move(out));
    return OkStatus();
  });
}

}  // namespace

void RegisterGatherNdOps(KernelRegistry& r) { r.Register({"GatherNd", &GatherNd, {}}); }

}  // namespace tfsk::serving::ops
