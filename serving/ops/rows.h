#pragma once
// Rows (dim-0 slices) copied between tensors of any dtype these helpers can copy: fixed-size
// numbers and strings. The list and TensorArray kernels split tensors into rows and stack
// rows back; this is the one place that knows how elements are copied.

#include <cstdint>
#include <span>
#include <string>
#include <vector>

#include "lib/base/status.h"
#include "serving/tensor/tensor.h"

namespace tfsk::serving::ops {

/// OK for fixed-size dtypes and strings; Unimplemented naming `op` and the dtype otherwise.
Status CheckRowCopyable(DataType t, const std::string& op);

/// Copies `count` elements from src[from...] to dst[to...] (same dtype, CheckRowCopyable).
void CopyElements(const Tensor& src, std::int64_t from, Tensor& dst, std::int64_t to,
                  std::int64_t count);

/// Row `row` of a tensor of rank >= 1, as a tensor of its own (shape = t's without dim 0).
Tensor RowOf(const Tensor& t, std::int64_t row);

/// Stacks elements[indices] into one tensor [indices.size()] + element_shape of `dtype`.
/// Invalid (never set) elements read as zeros; a set element of another shape fails.
StatusOr<Tensor> StackRows(DataType dtype, std::span<const Tensor> elements,
                           const std::vector<std::int64_t>& indices, const Shape& element_shape);

/// A scalar int32/int64 input as int64; InvalidArgument naming `what` for other ranks.
StatusOr<std::int64_t> ScalarIndex(const Tensor& t, const std::string& what);

}  // namespace tfsk::serving::ops
