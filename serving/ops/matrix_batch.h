#pragma once
// Views of a batch tensor [..., rows, cols] as Eigen matrices, and TensorFlow's LinearAlgebraOp
// input checks, shared by the dense linear-algebra families (linalg_ops.cpp,
// decomposition_ops.cpp).

#include <Eigen/Core>
#include <string>

#include "lib/base/status.h"
#include "serving/tensor/tensor.h"

namespace tfsk::serving::ops {

template <typename T>
using Matrix = Eigen::Matrix<T, Eigen::Dynamic, Eigen::Dynamic, Eigen::RowMajor>;
template <typename T>
using ConstMatrixMap = Eigen::Map<const Matrix<T>>;
template <typename T>
using MatrixMap = Eigen::Map<Matrix<T>>;

/// The i-th rows x cols matrix of a batch tensor.
template <typename T>
ConstMatrixMap<T> MatrixAt(const Tensor& t, std::int64_t i, std::int64_t rows, std::int64_t cols) {
  return {t.flat<T>().data() + i * rows * cols, rows, cols};
}
template <typename T>
MatrixMap<T> MatrixAt(Tensor& t, std::int64_t i, std::int64_t rows, std::int64_t cols) {
  return {t.flat<T>().data() + i * rows * cols, rows, cols};
}

/// The batch dims: all but the last two.
inline Shape BatchDims(const Tensor& t) { return {t.shape().begin(), t.shape().end() - 2}; }

/// BatchDims(t) followed by `dims`: the shape of an output of a batched matrix op.
inline Shape BatchShape(const Tensor& t, std::initializer_list<std::int64_t> dims) {
  Shape s = BatchDims(t);
  s.insert(s.end(), dims);
  return s;
}

/// TensorFlow's LinearAlgebraOp check for one-matrix ops: rank >= 2.
inline Status CheckMatrixBatch(const Tensor& x) {
  if (x.rank() < 2) {
    return InvalidArgument("Input tensor 0 must have rank >= 2, got " + std::to_string(x.rank()));
  }
  return OkStatus();
}

/// CheckMatrixBatch plus square matrices.
inline Status CheckSquareBatch(const Tensor& x) {
  TFSK_RETURN_IF_ERROR(CheckMatrixBatch(x));
  if (x.dim(x.rank() - 1) != x.dim(x.rank() - 2)) {
    return InvalidArgument("Input matrix must be square.");
  }
  return OkStatus();
}

}  // namespace tfsk::serving::ops
