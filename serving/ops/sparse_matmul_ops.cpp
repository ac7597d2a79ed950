// SparseTensorDenseMatMul (tf.sparse.sparse_dense_matmul): a 2-D SparseTensor A (indices,
// values, dense shape) times a dense matrix B, either of them adjointed (transposed: the real
// dtypes have no conjugate). Wide & deep and linear estimator exports multiply sparse features
// by weight matrices with it. Shape checks, index checks and their texts follow TensorFlow.

#include "serving/ops/op_families.h"
#include "serving/ops/op_util.h"

namespace tfsk::serving::ops {
namespace {

Status SparseTensorDenseMatMul(OpContext& ctx) {
  TFSK_RETURN_IF_ERROR(CheckNumInputs(ctx, 4));
  const Tensor& indices = ctx.input(0);
  const Tensor& values = ctx.input(1);
  const Tensor& a_shape_t = ctx.input(2);
  const Tensor& b = ctx.input(3);
  const bool adjoint_a = ctx.node.BoolOr("adjoint_a", false);
  const bool adjoint_b = ctx.node.BoolOr("adjoint_b", false);
  if (a_shape_t.rank() != 1) return InvalidArgument("Tensor 'a_shape' is not a vector");
  if (a_shape_t.num_elements() != 2) {
    return InvalidArgument("Tensor 'a_shape' must have 2 elements");
  }
  if (values.rank() != 1) return InvalidArgument("Tensor 'a_values' is not a vector");
  if (indices.rank() != 2) return InvalidArgument("Tensor 'a_indices' is not a matrix");
  if (b.rank() != 2) return InvalidArgument("Tensor 'b' is not a matrix");
  const std::int64_t nnz = indices.dim(0);
  if (nnz != values.num_elements()) {
    return InvalidArgument(
        "Number of rows of a_indices does not match number of entries in a_values");
  }
  if (indices.dim(1) != a_shape_t.num_elements()) {
    return InvalidArgument(
        "Number of columns of a_indices does not match number of entries in a_shape");
  }
  if (values.dtype() != b.dtype()) {
    return InvalidArgument("a_values and b must have the same dtype, got " +
                           DataTypeName(values.dtype()) + " and " + DataTypeName(b.dtype()));
  }
  TFSK_ASSIGN_OR_RETURN(auto a_shape, IndexValues(a_shape_t, "a_shape"));
  TFSK_ASSIGN_OR_RETURN(auto idx, IndexValues(indices, "a_indices"));
  const std::int64_t out_rows = adjoint_a ? a_shape[1] : a_shape[0];
  const std::int64_t inner_a = adjoint_a ? a_shape[0] : a_shape[1];
  const std::int64_t out_cols = adjoint_b ? b.dim(0) : b.dim(1);
  const std::int64_t inner_b = adjoint_b ? b.dim(1) : b.dim(0);
  if (inner_a != inner_b) {
    return InvalidArgument("Cannot multiply A and B because inner dimension does not match: " +
                           std::to_string(inner_a) + " vs. " + std::to_string(inner_b) +
                           ".  Did you forget a transpose?  Dimensions of A: [" +
                           std::to_string(a_shape[0]) + ", " + std::to_string(a_shape[1]) +
                           ").  Dimensions of B: " + ShapeString(b.shape()));
  }
  if (out_rows < 0 || out_cols < 0) {
    return InvalidArgument("a_shape must not be negative, got " + JoinInts(a_shape));
  }
  // Which index column holds the output row (m) and which the inner index (k).
  const int m_col = adjoint_a ? 1 : 0;
  const int k_col = adjoint_a ? 0 : 1;
  return DispatchNumeric(b.dtype(), ctx.node.op, [&]<typename T>() -> Status {
    Tensor out(b.dtype(), {out_rows, out_cols});
    if (out.num_elements() == 0 || nnz == 0 || b.num_elements() == 0) {
      ctx.outputs.push_back(std::move(out));
      return OkStatus();
    }
    auto o = out.flat<T>();
    auto bv = b.flat<T>();
    auto av = values.flat<T>();
    const std::int64_t b_cols = b.dim(1);
    for (std::int64_t i = 0; i < nnz; ++i) {
      const std::int64_t m = idx[static_cast<std::size_t>(i * 2 + m_col)];
      const std::int64_t k = idx[static_cast<std::size_t>(i * 2 + k_col)];
      if (k < 0 || k >= inner_a) {
        return InvalidArgument("k (" + std::to_string(k) + ") from index[" + std::to_string(i) +
                               "," + std::to_string(k_col) +
                               "] out of bounds (>=" + std::to_string(inner_a) + ")");
      }
      if (m < 0 || m >= out_rows) {
        return InvalidArgument("m (" + std::to_string(m) + ") from index[" + std::to_string(i) +
                               "," + std::to_string(m_col) +
                               "] out of bounds (>=" + std::to_string(out_rows) + ")");
      }
      const T a = av[static_cast<std::size_t>(i)];
      T* row = o.data() + m * out_cols;
      for (std::int64_t n = 0; n < out_cols; ++n) {
        // B[k, n], or B^T[k, n] = B[n, k] under adjoint_b.
        const std::int64_t at = adjoint_b ? n * b_cols + k : k * b_cols + n;
        row[n] = static_cast<T>(row[n] + a * bv[static_cast<std::size_t>(at)]);
      }
    }
    ctx.outputs.push_back(std::move(out));
    return OkStatus();
  });
}

}  // namespace

void RegisterSparseMatMulOps(KernelRegistry& r) {
  r.Register({"SparseTensorDenseMatMul", &SparseTensorDenseMatMul, {}});
}

}  // namespace tfsk::serving::ops
