// Batched matrix decompositions on float/double (tf.linalg.qr, eigh, svd, sqrtm): Qr,
// SelfAdjointEigV2, Svd and MatrixSquareRoot — PCA-style models and whitening layers. The
// factorizations are the Eigen ones TensorFlow's CPU kernels call (HouseholderQR,
// SelfAdjointEigenSolver, BDCSVD, the Schur-based sqrt of MatrixFunctions), with its output
// shapes. Signs of Q's columns and of singular/eigen vectors are Eigen's, like TensorFlow's CPU
// results (LAPACK may differ); only A = QR, A = U S V^T, A V = V diag(e) are promised. This is
// the only file of serving/ops that pulls in Eigen's QR, eigen solvers, SVD and matrix functions.

#include <Eigen/Eigenvalues>
#include <Eigen/QR>
#include <Eigen/SVD>
#include <algorithm>
#include <unsupported/Eigen/MatrixFunctions>

#include "serving/ops/matrix_batch.h"
#include "serving/ops/op_families.h"
#include "serving/ops/op_util.h"

namespace tfsk::serving::ops {
namespace {

/// Number of matrices in a batch tensor (1 for a single matrix, 0 when a batch dim is 0).
std::int64_t BatchCount(const Tensor& x) { return NumElements(BatchDims(x)); }

/// Qr: q [..., M, K], r [..., K, N] with K = min(M, N), or K = M under full_matrices.
Status Qr(OpContext& ctx) {
  TFSK_RETURN_IF_ERROR(CheckNumInputs(ctx, 1));
  const Tensor& x = ctx.input(0);
  TFSK_RETURN_IF_ERROR(CheckMatrixBatch(x));
  const bool full = ctx.node.BoolOr("full_matrices", false);
  const std::int64_t m = x.dim(x.rank() - 2), n = x.dim(x.rank() - 1);
  const std::int64_t k = full ? m : std::min(m, n);
  return DispatchFloat(x.dtype(), ctx.node.op, [&]<typename T>() -> Status {
    Tensor q(x.dtype(), BatchShape(x, {m, k}));
    Tensor r(x.dtype(), BatchShape(x, {k, n}));
    for (std::int64_t i = 0; i < BatchCount(x); ++i) {
      if (m == 0 || n == 0) {  // nothing to factor: Q is the identity part, R is zeros
        MatrixAt<T>(q, i, m, k) = Matrix<T>::Identity(m, k);
        continue;
      }
      Eigen::HouseholderQR<Matrix<T>> qr(MatrixAt<T>(x, i, m, n));
      MatrixAt<T>(q, i, m, k) = qr.householderQ() * Matrix<T>::Identity(m, k);
      MatrixAt<T>(r, i, k, n) =
          qr.matrixQR().topRows(std::min(k, m)).template triangularView<Eigen::Upper>();
    }
    ctx.outputs.push_back(std::move(q));
    ctx.outputs.push_back(std::move(r));
    return OkStatus();
  });
}

/// SelfAdjointEigV2: ascending eigenvalues e [..., N] and, under compute_v (default), the
/// eigenvectors as the columns of v [..., N, N]. Only the lower triangle is read. Without
/// compute_v, v is an unused scalar (TensorFlow's LinearAlgebraOp allocates it so).
Status SelfAdjointEigV2(OpContext& ctx) {
  TFSK_RETURN_IF_ERROR(CheckNumInputs(ctx, 1));
  const Tensor& x = ctx.input(0);
  TFSK_RETURN_IF_ERROR(CheckSquareBatch(x));
  const bool compute_v = ctx.node.BoolOr("compute_v", true);
  const std::int64_t n = x.dim(x.rank() - 1);
  return DispatchFloat(x.dtype(), ctx.node.op, [&]<typename T>() -> Status {
    Tensor e(x.dtype(), BatchShape(x, {n}));
    Tensor v(x.dtype(), compute_v ? BatchShape(x, {n, n}) : Shape{});
    for (std::int64_t i = 0; n > 0 && i < BatchCount(x); ++i) {
      Eigen::SelfAdjointEigenSolver<Matrix<T>> eig(
          MatrixAt<T>(x, i, n, n), compute_v ? Eigen::ComputeEigenvectors : Eigen::EigenvaluesOnly);
      if (eig.info() != Eigen::Success) {
        return InvalidArgument(
            "Self-adjoint eigen decomposition was not successful. The input might not be valid.");
      }
      MatrixAt<T>(e, i, 1, n) = eig.eigenvalues().transpose();
      if (compute_v) MatrixAt<T>(v, i, n, n) = eig.eigenvectors();
    }
    ctx.outputs.push_back(std::move(e));
    ctx.outputs.push_back(std::move(v));
    return OkStatus();
  });
}

/// Svd: descending singular values s [..., P] (P = min(M, N)) and, under compute_uv (default),
/// u [..., M, P] and v [..., N, P] ([..., M, M] and [..., N, N] under full_matrices) with
/// A = U diag(s) V^T. Without compute_uv, u and v are unused scalars (as TensorFlow's
/// LinearAlgebraOp allocates outputs its kernel does not fill).
Status Svd(OpContext& ctx) {
  TFSK_RETURN_IF_ERROR(CheckNumInputs(ctx, 1));
  const Tensor& x = ctx.input(0);
  TFSK_RETURN_IF_ERROR(CheckMatrixBatch(x));
  const bool compute_uv = ctx.node.BoolOr("compute_uv", true);
  const bool full = ctx.node.BoolOr("full_matrices", false);
  const std::int64_t m = x.dim(x.rank() - 2), n = x.dim(x.rank() - 1);
  const std::int64_t p = std::min(m, n);
  const std::int64_t u_cols = full ? m : p, v_cols = full ? n : p;
  return DispatchFloat(x.dtype(), ctx.node.op, [&]<typename T>() -> Status {
    Tensor s(x.dtype(), BatchShape(x, {p}));
    Tensor u(x.dtype(), compute_uv ? BatchShape(x, {m, u_cols}) : Shape{});
    Tensor v(x.dtype(), compute_uv ? BatchShape(x, {n, v_cols}) : Shape{});
    const unsigned options = !compute_uv ? 0u
                                         : (full ? Eigen::ComputeFullU | Eigen::ComputeFullV
                                                 : Eigen::ComputeThinU | Eigen::ComputeThinV);
    for (std::int64_t i = 0; i < BatchCount(x); ++i) {
      if (p == 0) {
        // An empty matrix has no singular values; the non-empty side's full basis is the
        // identity, as TensorFlow sets it.
        if (compute_uv && full) {
          if (m > 0) MatrixAt<T>(u, i, m, m) = Matrix<T>::Identity(m, m);
          if (n > 0) MatrixAt<T>(v, i, n, n) = Matrix<T>::Identity(n, n);
        }
        continue;
      }
      // Eigen's SVD takes column-major matrices for its U/V options.
      using ColMatrix = Eigen::Matrix<T, Eigen::Dynamic, Eigen::Dynamic>;
      Eigen::BDCSVD<ColMatrix> svd(ColMatrix(MatrixAt<T>(x, i, m, n)), options);
      MatrixAt<T>(s, i, 1, p) = svd.singularValues().transpose();
      if (compute_uv) {
        MatrixAt<T>(u, i, m, u_cols) = svd.matrixU();
        MatrixAt<T>(v, i, n, v_cols) = svd.matrixV();
      }
    }
    ctx.outputs.push_back(std::move(s));
    ctx.outputs.push_back(std::move(u));
    ctx.outputs.push_back(std::move(v));
    return OkStatus();
  });
}

/// MatrixSquareRoot: the principal square root through a real Schur decomposition. A matrix
/// with a negative real eigenvalue has no real root; its result holds NaN, as in TensorFlow.
Status MatrixSquareRoot(OpContext& ctx) {
  TFSK_RETURN_IF_ERROR(CheckNumInputs(ctx, 1));
  const Tensor& x = ctx.input(0);
  TFSK_RETURN_IF_ERROR(CheckSquareBatch(x));
  const std::int64_t n = x.dim(x.rank() - 1);
  return DispatchFloat(x.dtype(), ctx.node.op, [&]<typename T>() -> Status {
    Tensor out(x.dtype(), x.shape());
    for (std::int64_t i = 0; n > 0 && i < BatchCount(x); ++i) {
      using ColMatrix = Eigen::Matrix<T, Eigen::Dynamic, Eigen::Dynamic>;
      const ColMatrix a = MatrixAt<T>(x, i, n, n);
      MatrixAt<T>(out, i, n, n) = a.sqrt().eval();
    }
    ctx.outputs.push_back(std::move(out));
    return OkStatus();
  });
}

}  // namespace

void RegisterDecompositionOps(KernelRegistry& r) {
  r.Register({"Qr", &Qr, {}});
  r.Register({"SelfAdjointEigV2", &SelfAdjointEigV2, {}});
  r.Register({"Svd", &Svd, {}});
  r.Register({"MatrixSquareRoot", &MatrixSquareRoot, {}});
}

}  // namespace tfsk::serving::ops
