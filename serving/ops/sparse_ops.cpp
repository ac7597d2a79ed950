// Sparse-tensor kernels that TF1 estimator exports with categorical feature columns run after
// ParseExample: SparseToDense (indicator columns), SparseFillEmptyRows, SparseReshape and
// SparseSegmentSum/Mean/SqrtN (+ WithNumSegments; embedding and linear columns through
// safe_embedding_lookup_sparse). Semantics and the common error texts follow TensorFlow's CPU
// kernels.

#include <cmath>

#include "serving/ops/op_families.h"
#include "serving/ops/op_util.h"
#include "serving/ops/rows.h"

namespace tfsk::serving::ops {
namespace {

/// Indices as rows of `rank` coordinates (a scalar is one index, a vector one coordinate each).
StatusOr<std::vector<std::int64_t>> IndexRows(const Tensor& t, std::int64_t& rows,
                                              std::int64_t& rank) {
  TFSK_ASSIGN_OR_RETURN(auto v, IndexValues(t, "sparse_indices"));
  if (t.rank() > 2) {
    return InvalidArgument("sparse_indices should be a scalar, vector, or matrix, got shape " +
                           ShapeString(t.shape()));
  }
  rows = t.rank() == 0 ? 1 : t.dim(0);
  rank = t.rank() == 2 ? t.dim(1) : 1;
  return v;
}

Status SparseToDense(OpContext& ctx) {
  TFSK_RETURN_IF_ERROR(CheckNumInputs(ctx, 4));
  std::int64_t n = 0, rank = 0;
  TFSK_ASSIGN_OR_RETURN(auto idx, IndexRows(ctx.input(0), n, rank));
  TFSK_ASSIGN_OR_RETURN(auto shape, IndexValues(ctx.input(1), "output_shape"));
  const Tensor& values = ctx.input(2);
  const Tensor& fill = ctx.input(3);
  if (ctx.input(1).rank() > 1 || static_cast<std::int64_t>(shape.size()) != rank) {
    return InvalidArgument("output_shape has incorrect number of elements: " +
                           std::to_string(shape.size()) + " should be: " + std::to_string(rank));
  }
  if (values.num_elements() != 1 && values.num_elements() != n) {
    return InvalidArgument("sparse_values has incorrect shape " + ShapeString(values.shape()) +
                           ", should be [] or [" + std::to_string(n) + "]");
  }
  if (fill.num_elements() != 1) return InvalidArgument("default_value should be a scalar.");
  if (values.dtype() != fill.dtype()) {
    return InvalidArgument("sparse_values and default_value must have the same dtype");
  }
  TFSK_RETURN_IF_ERROR(CheckRowCopyable(values.dtype(), ctx.node.op));
  Tensor out(values.dtype(), Shape(shape.begin(), shape.end()));
  for (std::int64_t k = 0; k < out.num_elements(); ++k) CopyElements(fill, 0, out, k, 1);
  const bool validate = ctx.node.BoolOr("validate_indices", true);
  const auto strides = RowMajorStrides(out.shape());
  std::vector<std::int64_t> prev;
  for (std::int64_t i = 0; i < n; ++i) {
    const std::span<const std::int64_t> at(idx.data() + i * rank, static_cast<std::size_t>(rank));
    std::int64_t flat = 0;
    for (std::int64_t d = 0; d < rank; ++d) {
      if (at[static_cast<std::size_t>(d)] < 0 ||
          at[static_cast<std::size_t>(d)] >= shape[static_cast<std::size_t>(d)]) {
        return InvalidArgument("indices[" + std::to_string(i) + "] = " + JoinInts(at) +
                               " is out of bounds: need 0 <= index < " + JoinInts(shape));
      }
      flat += at[static_cast<std::size_t>(d)] * strides[static_cast<std::size_t>(d)];
    }
    if (validate && !prev.empty()) {
      const std::vector<std::int64_t> cur(at.begin(), at.end());
      if (cur == prev) {
        return InvalidArgument("indices[" + std::to_string(i) + "] = " + JoinInts(at) +
                               " is repeated");
      }
      if (cur < prev) {
        return InvalidArgument(
            "indices[" + std::to_string(i) + "] = " + JoinInts(at) +
            " is out of order. Many sparse ops require sorted indices.\n"
            "    Use `tf.sparse.reorder` to create a correctly ordered copy.\n\n");
      }
    }
    prev.assign(at.begin(), at.end());
    CopyElements(values, values.num_elements() == 1 ? 0 : i, out, flat, 1);
  }
  ctx.outputs.push_back(std::move(out));
  return OkStatus();
}

Status SparseFillEmptyRows(OpContext& ctx) {
  TFSK_RETURN_IF_ERROR(CheckNumInputs(ctx, 4));
  const Tensor& indices_t = ctx.input(0);
  const Tensor& values = ctx.input(1);
  const Tensor& dense_shape_t = ctx.input(2);
  const Tensor& fill = ctx.input(3);
  if (indices_t.rank() != 2) {
    return InvalidArgument("indices must be a matrix, saw: " + ShapeString(indices_t.shape()));
  }
  if (values.rank() != 1) {
    return InvalidArgument("values must be a vector, saw: " + ShapeString(values.shape()));
  }
  if (dense_shape_t.rank() != 1) {
    return InvalidArgument("dense_shape must be a vector, saw: " +
                           ShapeString(dense_shape_t.shape()));
  }
  if (fill.rank() != 0) {
    return InvalidArgument("default_value must be a scalar, saw: " + ShapeString(fill.shape()));
  }
  TFSK_RETURN_IF_ERROR(CheckRowCopyable(values.dtype(), ctx.node.op));
  TFSK_ASSIGN_OR_RETURN(auto idx, IndexValues(indices_t, "indices"));
  TFSK_ASSIGN_OR_RETURN(auto dense_shape, IndexValues(dense_shape_t, "dense_shape"));
  const std::int64_t n = indices_t.dim(0), rank = indices_t.dim(1);
  if (values.dim(0) != n) {
    return InvalidArgument("The length of `values` (" + std::to_string(values.dim(0)) +
                           ") must match the first dimension of `indices` (" + std::to_string(n) +
                           ").");
  }
  if (static_cast<std::int64_t>(dense_shape.size()) != rank || rank < 1) {
    return InvalidArgument("dense_shape has " + std::to_string(dense_shape.size()) +
                           " dimensions, the indices " + std::to_string(rank));
  }
  const std::int64_t rows = dense_shape[0];
  if (rows == 0 && n > 0) {
    return InvalidArgument("Received SparseTensor with dense_shape[0] = 0 but indices.shape[0] = " +
                           std::to_string(n));
  }
  // Entries per row, in input order; rows stay in order (a stable bucket sort by row).
  std::vector<std::vector<std::int64_t>> by_row(static_cast<std::size_t>(rows));
  for (std::int64_t i = 0; i < n; ++i) {
    const std::int64_t row = idx[static_cast<std::size_t>(i * rank)];
    if (row < 0 || row >= rows) {
      return InvalidArgument("indices(" + std::to_string(i) + ", 0) is invalid: " +
                             std::to_string(row) + " >= " + std::to_string(rows));
    }
    by_row[static_cast<std::size_t>(row)].push_back(i);
  }
  std::int64_t out_n = n;
  for (const auto& r : by_row) out_n += r.empty() ? 1 : 0;
  Tensor out_idx(DataType::kInt64, {out_n, rank});
  Tensor out_val(values.dtype(), {out_n});
  Tensor empty(DataType::kBool, {rows});
  Tensor reverse(DataType::kInt64, {n});
  auto oi = out_idx.flat<std::int64_t>();
  std::int64_t at = 0;
  for (std::int64_t r = 0; r < rows; ++r) {
    const auto& entries = by_row[static_cast<std::size_t>(r)];
    empty.flat<bool>()[static_cast<std::size_t>(r)] = entries.empty();
    if (entries.empty()) {
      oi[static_cast<std::size_t>(at * rank)] = r;  // other coordinates stay 0
      CopyElements(fill, 0, out_val, at, 1);
      ++at;
      continue;
    }
    for (std::int64_t i : entries) {
      for (std::int64_t d = 0; d < rank; ++d) {
        oi[static_cast<std::size_t>(at * rank + d)] = idx[static_cast<std::size_t>(i * rank + d)];
      }
      CopyElements(values, i, out_val, at, 1);
      reverse.flat<std::int64_t>()[static_cast<std::size_t>(i)] = at;
      ++at;
    }
  }
  ctx.outputs.push_back(std::move(out_idx));
  ctx.outputs.push_back(std::move(out_val));
  ctx.outputs.push_back(std::move(empty));
  ctx.outputs.push_back(std::move(reverse));
  return OkStatus();
}

Status SparseReshape(OpContext& ctx) {
  TFSK_RETURN_IF_ERROR(CheckNumInputs(ctx, 3));
  const Tensor& indices_t = ctx.input(0);
  if (indices_t.rank() != 2) {
    return InvalidArgument("Input indices should be a matrix but received shape " +
                           ShapeString(indices_t.shape()));
  }
  TFSK_ASSIGN_OR_RETURN(auto idx, IndexValues(indices_t, "input_indices"));
  TFSK_ASSIGN_OR_RETURN(auto in_shape, IndexValues(ctx.input(1), "input_shape"));
  TFSK_ASSIGN_OR_RETURN(auto new_shape, IndexValues(ctx.input(2), "new_shape"));
  const std::int64_t n = indices_t.dim(0), in_rank = indices_t.dim(1);
  if (static_cast<std::int64_t>(in_shape.size()) != in_rank) {
    return InvalidArgument("Input shape has " + std::to_string(in_shape.size()) +
                           " dimensions, the indices " + std::to_string(in_rank));
  }
  const std::int64_t dense = NumElements(Shape(in_shape.begin(), in_shape.end()));
  std::int64_t known = 1;
  int unknown = -1;
  for (std::size_t d = 0; d < new_shape.size(); ++d) {
    if (new_shape[d] == -1) {
      if (unknown != -1) {
        return InvalidArgument("only one output dimension may be -1, not both " +
                               std::to_string(unknown) + " and " + std::to_string(d));
      }
      unknown = static_cast<int>(d);
    } else if (new_shape[d] < 0) {
      return InvalidArgument("size " + std::to_string(d) + " must be non-negative, not " +
                             std::to_string(new_shape[d]));
    } else {
      known *= new_shape[d];
    }
  }
  if (unknown != -1) {
    if (known == 0 || dense % known != 0) {
      return InvalidArgument("Input to reshape is a SparseTensor with " + std::to_string(dense) +
                             " dense values, but the requested shape requires a multiple of " +
                             std::to_string(known) + ". inputShape=" + JoinInts(in_shape) +
                             " outputShape=" + JoinInts(new_shape));
    }
    new_shape[static_cast<std::size_t>(unknown)] = dense / known;
  } else if (known != dense) {
    return InvalidArgument("Input to reshape is a tensor with " + std::to_string(dense) +
                           " dense values, but the requested shape has " + std::to_string(known) +
                           ". inputShape=" + JoinInts(in_shape) +
                           " outputShape=" + JoinInts(new_shape));
  }
  const auto in_strides = RowMajorStrides(Shape(in_shape.begin(), in_shape.end()));
  const auto out_strides = RowMajorStrides(Shape(new_shape.begin(), new_shape.end()));
  const auto out_rank = static_cast<std::int64_t>(new_shape.size());
  Tensor out(DataType::kInt64, {n, out_rank});
  auto o = out.flat<std::int64_t>();
  for (std::int64_t i = 0; i < n; ++i) {
    std::int64_t flat = 0;
    for (std::int64_t d = 0; d < in_rank; ++d) {
      flat +=
          idx[static_cast<std::size_t>(i * in_rank + d)] * in_strides[static_cast<std::size_t>(d)];
    }
    for (std::int64_t d = 0; d < out_rank; ++d) {
      const std::int64_t s = out_strides[static_cast<std::size_t>(d)];
      o[static_cast<std::size_t>(i * out_rank + d)] = s == 0 ? 0 : flat / s;
      flat = s == 0 ? flat : flat % s;
    }
  }
  ctx.outputs.push_back(std::move(out));
  ctx.outputs.push_back(Tensor::FromVector<std::int64_t>(new_shape, {out_rank}).value());
  return OkStatus();
}

enum class Combine { kSum, kMean, kSqrtN };

/// SparseSegment{Sum,Mean,SqrtN}[WithNumSegments]: out[segment_ids[k]] combines data[indices[k]].
template <Combine kCombine, bool kWithNum>
Status SparseSegment(OpContext& ctx) {
  TFSK_RETURN_IF_ERROR(CheckNumInputs(ctx, kWithNum ? 4 : 3));
  const Tensor& data = ctx.input(0);
  if (data.rank() < 1) return InvalidArgument("data must be at least 1-D");
  TFSK_ASSIGN_OR_RETURN(auto indices, IndexValues(ctx.input(1), "indices"));
  TFSK_ASSIGN_OR_RETURN(auto ids, IndexValues(ctx.input(2), "segment_ids"));
  if (ctx.input(1).rank() != 1 || ctx.input(2).rank() != 1) {
    return InvalidArgument("indices and segment_ids should be vectors");
  }
  if (indices.size() != ids.size()) {
    return InvalidArgument("segment_ids and indices should have same size.");
  }
  std::int64_t segments = ids.empty() ? 0 : ids.back() + 1;
  if (kWithNum) {
    TFSK_ASSIGN_OR_RETURN(auto num, IndexValues(ctx.input(3), "num_segments"));
    if (num.size() != 1) return InvalidArgument("num_segments should be a scalar");
    if (!ids.empty() && ids.back() >= num[0]) {
      return InvalidArgument("segment ids must be < num_segments");
    }
    segments = num[0];
  }
  for (std::size_t k = 0; k < ids.size(); ++k) {
    if (ids[k] < 0) return InvalidArgument("segment ids must be >= 0");
    if (k > 0 && ids[k] < ids[k - 1]) return InvalidArgument("segment ids are not increasing");
    if (indices[k] < 0 || indices[k] >= data.dim(0)) {
      return InvalidArgument("Bad: indices[" + std::to_string(k) +
                             "] == " + std::to_string(indices[k]) + " out of range [0, " +
                             std::to_string(data.dim(0)) + ")");
    }
  }
  Shape out_shape = data.shape();
  out_shape[0] = segments;
  const std::int64_t row = data.dim(0) == 0
                               ? NumElements(Shape(data.shape().begin() + 1, data.shape().end()))
                               : data.num_elements() / data.dim(0);
  auto run = [&]<typename T>() -> Status {
    Tensor out(data.dtype(), out_shape);
    auto o = out.flat<T>();
    auto in = data.flat<T>();
    std::vector<std::int64_t> counts(static_cast<std::size_t>(segments), 0);
    for (std::size_t k = 0; k < ids.size(); ++k) {
      ++counts[static_cast<std::size_t>(ids[k])];
      for (std::int64_t j = 0; j < row; ++j) {
        o[static_cast<std::size_t>(ids[k] * row + j)] +=
            in[static_cast<std::size_t>(indices[k] * row + j)];
      }
    }
    if constexpr (kCombine != Combine::kSum) {
      for (std::int64_t s = 0; s < segments; ++s) {
        const auto c = counts[static_cast<std::size_t>(s)];
        if (c == 0) continue;
        const T scale =
            kCombine == Combine::kMean ? static_cast<T>(c) : std::sqrt(static_cast<T>(c));
        for (std::int64_t j = 0; j < row; ++j) o[static_cast<std::size_t>(s * row + j)] /= scale;
      }
    }
    ctx.outputs.push_back(std::move(out));
    return OkStatus();
  };
  if constexpr (kCombine == Combine::kSum) {
    return DispatchNumeric(data.dtype(), ctx.node.op, run);
  } else {
    return DispatchFloat(data.dtype(), ctx.node.op, run);
  }
}

}  // namespace

void RegisterSparseOps(KernelRegistry& r) {
  r.Register({"SparseToDense", &SparseToDense, {}});
  r.Register({"SparseFillEmptyRows", &SparseFillEmptyRows, {}});
  r.Register({"SparseReshape", &SparseReshape, {}});
  r.Register({"SparseSegmentSum", &SparseSegment<Combine::kSum, false>, {}});
  r.Register({"SparseSegmentMean", &SparseSegment<Combine::kMean, false>, {}});
  r.Register({"SparseSegmentSqrtN", &SparseSegment<Combine::kSqrtN, false>, {}});
  r.Register({"SparseSegmentSumWithNumSegments", &SparseSegment<Combine::kSum, true>, {}});
  r.Register({"SparseSegmentMeanWithNumSegments", &SparseSegment<Combine::kMean, true>, {}});
  r.Register({"SparseSegmentSqrtNWithNumSegments", &SparseSegment<Combine::kSqrtN, true>, {}});
}

}  // namespace tfsk::serving::ops
