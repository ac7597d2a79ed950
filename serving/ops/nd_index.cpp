#include "serving/ops/nd_index.h"

#include "serving/ops/op_util.h"

namespace tfsk::serving::ops {

StatusOr<NdSlices> ResolveNdSlices(const Tensor& indices_t, const Shape& shape,
                                   const std::string& rank_name, const std::string& shape_name) {
  if (indices_t.rank() < 1) {
    return InvalidArgument("indices must be at least a vector, got shape " +
                           ShapeString(indices_t.shape()));
  }
  NdSlices s;
  s.depth = indices_t.dim(indices_t.rank() - 1);
  const auto rank = static_cast<std::int64_t>(shape.size());
  if (s.depth > rank) {
    return InvalidArgument("index innermost dimension length must be <= " + rank_name +
                           " rank; saw: " + std::to_string(s.depth) + " vs. " +
                           std::to_string(rank));
  }
  TFSK_ASSIGN_OR_RETURN(auto indices, IndexValues(indices_t, "indices"));
  s.batch.assign(indices_t.shape().begin(), indices_t.shape().end() - 1);
  for (auto d = static_cast<std::size_t>(s.depth); d < shape.size(); ++d) s.slice *= shape[d];
  const std::int64_t n = NumElements(s.batch);
  const auto strides = RowMajorStrides(shape);
  const std::int64_t k = s.depth;
  s.offsets.assign(static_cast<std::size_t>(n), 0);
  for (std::int64_t i = 0; i < n; ++i) {
    for (std::int64_t j = 0; j < k; ++j) {
      const std::int64_t v = indices[static_cast<std::size_t>(i * k + j)];
      if (v < 0 || v >= shape[static_cast<std::size_t>(j)]) {
        const std::vector<std::int64_t> row(indices.begin() + i * k, indices.begin() + (i + 1) * k);
        return InvalidArgument("indices[" + std::to_string(i) + "] = " + JoinInts(row) +
                               " does not index into " + shape_name + " " + ShapeString(shape));
      }
      s.offsets[static_cast<std::size_t>(i)] += v * strides[static_cast<std::size_t>(j)];
    }
  }
  return s;
}

}  // namespace tfsk::serving::ops
