#pragma once
// N-d slice addressing shared by GatherNd and the scatter_nd family: the last dim of an
// indices tensor (K values per row) selects a slice of a tensor's first K dims.

#include <cstdint>
#include <string>
#include <vector>

#include "lib/base/status.h"
#include "serving/tensor/tensor.h"

namespace tfsk::serving::ops {

/// Rows of `indices` resolved against `shape`.
struct NdSlices {
  std::int64_t depth = 0;             // K
  std::int64_t slice = 1;             // elements per slice: product of shape[K:]
  std::vector<std::int64_t> offsets;  // element offset of each row's slice
  Shape batch;                        // indices.shape[:-1]
};

/// Checks indices (rank >= 1, K <= rank of shape, every value in range) and resolves them.
/// `rank_name` ("params", "output") and `shape_name` ("param shape", "shape") name the
/// addressed tensor in messages:
/// "indices[1] = [2,0] does not index into param shape [2,2]".
StatusOr<NdSlices> ResolveNdSlices(const Tensor& indices, const Shape& shape,
                                   const std::string& rank_name, const std::string& shape_name);

}  // namespace tfsk::serving::ops
