// Batched dense linear algebra on float/double (tf.linalg): MatrixInverse, MatrixDeterminant,
// LogMatrixDeterminant, Cholesky, MatrixSolve and MatrixTriangularSolve. Every op works on the
// innermost two dims; the outer dims are a batch. The factorizations are Eigen's (the same ones
// TensorFlow's CPU kernels use: partially pivoted LU, LLT), so results and the singular-input
// checks match. This is the only file of serving/ops that pulls in Eigen's LU and Cholesky.

#include <Eigen/Cholesky>
#include <Eigen/Core>
#include <Eigen/LU>
#include <cmath>
#include <limits>

#include "serving/ops/broadcast.h"
#include "serving/ops/matrix_batch.h"
#include "serving/ops/op_util.h"

namespace tfsk::serving::ops {
namespace {

/// log|det| and the sign of det of a square matrix through partially pivoted LU (TensorFlow's
/// SLogDet): an empty matrix has determinant 1; a singular one sign 0 and log|det| -inf.
template <typename T>
T SignedLogDet(const ConstMatrixMap<T>& m, T* sign) {
  T log_abs = 0;
  *sign = 1;
  if (m.size() > 0) {
    Eigen::PartialPivLU<Matrix<T>> lu(m);
    const auto diag = lu.matrixLU().diagonal().array().eval();
    *sign = static_cast<T>(lu.permutationP().determinant());
    for (Eigen::Index i = 0; i < diag.size(); ++i) {
      log_abs += std::log(std::abs(diag[i]));
      *sign *= diag[i] / std::abs(diag[i]);
    }
  }
  if (!std::isfinite(log_abs)) {
    *sign = 0;
    log_abs =
        log_abs > 0 ? std::numeric_limits<T>::infinity() : -std::numeric_limits<T>::infinity();
  }
  return log_abs;
}

/// Partially pivoted LU of m (or of its adjoint) that rejects exact zero pivots, as TensorFlow
/// does before inverting or solving ("PartialPivLU cannot promise invertibility, but a zero
/// pivot is certain singularity").
template <typename T>
StatusOr<Eigen::PartialPivLU<Matrix<T>>> InvertibleLU(const ConstMatrixMap<T>& m, bool adjoint,
                                                      const char* message) {
  Eigen::PartialPivLU<Matrix<T>> lu(m.rows());
  if (adjoint) {
    lu.compute(m.adjoint());
  } else {
    lu.compute(m);
  }
  if (!(lu.matrixLU().diagonal().cwiseAbs().minCoeff() > T(0))) return InvalidArgument(message);
  return lu;
}

Status MatrixInverse(OpContext& ctx) {
  TFSK_RETURN_IF_ERROR(CheckNumInputs(ctx, 1));
  const Tensor& x = ctx.input(0);
  TFSK_RETURN_IF_ERROR(CheckSquareBatch(x));
  const bool adjoint = ctx.node.BoolOr("adjoint", false);
  const std::int64_t n = x.dim(x.rank() - 1);
  return DispatchFloat(x.dtype(), ctx.node.op, [&]<typename T>() -> Status {
    Tensor out(x.dtype(), x.shape());
    if (n > 0) {
      for (std::int64_t i = 0; i < x.num_elements() / (n * n); ++i) {
        TFSK_ASSIGN_OR_RETURN(
            auto lu, InvertibleLU<T>(MatrixAt<T>(x, i, n, n), adjoint, "Input is not invertible."));
        MatrixAt<T>(out, i, n, n) = lu.inverse();
      }
    }
    ctx.outputs.push_back(std::move(out));
    return OkStatus();
  });
}

/// MatrixDeterminant (one output) and LogMatrixDeterminant (sign, log|det|).
Status Determinant(OpContext& ctx) {
  TFSK_RETURN_IF_ERROR(CheckNumInputs(ctx, 1));
  const Tensor& x = ctx.input(0);
  TFSK_RETURN_IF_ERROR(CheckSquareBatch(x));
  const bool log_form = ctx.node.op == "LogMatrixDeterminant";
  const std::int64_t n = x.dim(x.rank() - 1);
  return DispatchFloat(x.dtype(), ctx.node.op, [&]<typename T>() -> Status {
    Tensor sign(x.dtype(), BatchDims(x));
    Tensor value(x.dtype(), BatchDims(x));
    auto s = sign.flat<T>();
    auto v = value.flat<T>();
    for (std::size_t i = 0; i < v.size(); ++i) {
      const T log_abs = SignedLogDet<T>(MatrixAt<T>(x, static_cast<std::int64_t>(i), n, n), &s[i]);
      v[i] = log_form ? log_abs : s[i] * std::exp(log_abs);
    }
    if (log_form) ctx.outputs.push_back(std::move(sign));
    ctx.outputs.push_back(std::move(value));
    return OkStatus();
  });
}

Status Cholesky(OpContext& ctx) {
  TFSK_RETURN_IF_ERROR(CheckNumInputs(ctx, 1));
  const Tensor& x = ctx.input(0);
  TFSK_RETURN_IF_ERROR(CheckSquareBatch(x));
  const std::int64_t n = x.dim(x.rank() - 1);
  return DispatchFloat(x.dtype(), ctx.node.op, [&]<typename T>() -> Status {
    Tensor out(x.dtype(), x.shape());
    if (n > 0) {
      for (std::int64_t i = 0; i < x.num_elements() / (n * n); ++i) {
        // Reads only the lower triangle, like TensorFlow's.
        Eigen::LLT<Matrix<T>, Eigen::Lower> llt(MatrixAt<T>(x, i, n, n));
        if (llt.info() != Eigen::Success) {
          return InvalidArgument(
              "Cholesky decomposition was not successful. The input might not be valid.");
        }
        MatrixAt<T>(out, i, n, n) = llt.matrixL();
      }
    }
    ctx.outputs.push_back(std::move(out));
    return OkStatus();
  });
}

Status MatrixSolve(OpContext& ctx) {
  TFSK_RETURN_IF_ERROR(CheckNumInputs(ctx, 2));
  const Tensor& a = ctx.input(0);
  const Tensor& b = ctx.input(1);
  if (a.rank() < 2)
    return InvalidArgument("Input tensor 0 must have rank >= 2, got " + std::to_string(a.rank()));
  if (b.rank() != a.rank()) return InvalidArgument("All input tensors must have the same rank.");
  if (BatchDims(a) != BatchDims(b))
    return InvalidArgument("All input tensors must have the same outer dimensions.");
  const std::int64_t n = a.dim(a.rank() - 1), k = b.dim(b.rank() - 1);
  if (a.dim(a.rank() - 2) != n)
    return InvalidArgument("First input (lhs) must be a square matrix.");
  if (b.dim(b.rank() - 2) != n) return InvalidArgument("Input matrix and rhs are incompatible.");
  if (a.dtype() != b.dtype()) {
    return InvalidArgument("MatrixSolve inputs must have the same dtype, got " +
                           DataTypeName(a.dtype()) + " and " + DataTypeName(b.dtype()));
  }
  const bool adjoint = ctx.node.BoolOr("adjoint", false);
  return DispatchFloat(a.dtype(), ctx.node.op, [&]<typename T>() -> Status {
    Tensor out(a.dtype(), b.shape());
    if (n > 0 && k > 0) {  // an empty system's solution is the empty matrix
      for (std::int64_t i = 0; i < a.num_elements() / (n * n); ++i) {
        TFSK_ASSIGN_OR_RETURN(auto lu, InvertibleLU<T>(MatrixAt<T>(a, i, n, n), adjoint,
                                                       "Input matrix is not invertible."));
        MatrixAt<T>(out, i, n, k) = lu.solve(MatrixAt<T>(b, i, n, k));
      }
    }
    ctx.outputs.push_back(std::move(out));
    return OkStatus();
  });
}

/// Solves triangle(a) x = b (or adjoint(triangle(a)) x = b) for one pair of matrices.
template <typename T, unsigned Mode>
void TriangularSolve(const ConstMatrixMap<T>& a, const ConstMatrixMap<T>& b, bool adjoint,
                     MatrixMap<T> x) {
  const auto triangle = a.template triangularView<Mode>();
  if (adjoint) {
    x.noalias() = triangle.adjoint().solve(b);
  } else {
    x.noalias() = triangle.solve(b);
  }
}

/// MatrixTriangularSolve: the batch dims of matrix and rhs broadcast (TF 2.2+). Only the
/// `lower` (or upper) triangle of the matrix is read; a zero on its diagonal gives inf/nan, as
/// in TensorFlow, which does not check.
Status MatrixTriangularSolve(OpContext& ctx) {
  TFSK_RETURN_IF_ERROR(CheckNumInputs(ctx, 2));
  const Tensor& a = ctx.input(0);
  const Tensor& b = ctx.input(1);
  if (a.rank() < 2) return InvalidArgument("In[0] ndims must be >= 2: " + std::to_string(a.rank()));
  if (b.rank() < 2) return InvalidArgument("In[1] ndims must be >= 2: " + std::to_string(b.rank()));
  const std::int64_t n = a.dim(a.rank() - 1);
  if (a.dim(a.rank() - 2) != n) {
    return InvalidArgument("In[0] matrices in the last dimensions must be square (" +
                           std::to_string(n) + " =/= " + std::to_string(a.dim(a.rank() - 2)) + ")");
  }
  const Shape batch_a = BatchDims(a), batch_b = BatchDims(b);
  auto bc = MakeBroadcast<2>({&batch_a, &batch_b});
  if (!bc.ok()) {
    return InvalidArgument("In[0] and In[1] must have compatible batch dimensions: " +
                           ShapeString(a.shape()) + " vs. " + ShapeString(b.shape()));
  }
  const bool lower = ctx.node.BoolOr("lower", true);
  const bool adjoint = ctx.node.BoolOr("adjoint", false);
  const std::int64_t rows = b.dim(b.rank() - 2), k = b.dim(b.rank() - 1);
  if (rows != n) {
    return InvalidArgument("In[0] mismatch In[1] shape: " + std::to_string(n) + " vs. " +
                           std::to_string(rows) + ": " + ShapeString(a.shape()) + " " +
                           ShapeString(b.shape()) + " " + (lower ? "1" : "0") + " " +
                           (adjoint ? "1" : "0"));
  }
  if (a.dtype() != b.dtype()) {
    return InvalidArgument("MatrixTriangularSolve inputs must have the same dtype, got " +
                           DataTypeName(a.dtype()) + " and " + DataTypeName(b.dtype()));
  }
  Shape out_shape = bc->out;
  out_shape.push_back(n);
  out_shape.push_back(k);
  return DispatchFloat(a.dtype(), ctx.node.op, [&]<typename T>() -> Status {
    Tensor out(a.dtype(), out_shape);
    if (out.num_elements() > 0) {
      bc->ForEach([&](std::int64_t i, const std::array<std::int64_t, 2>& off) {
        const auto m = MatrixAt<T>(a, off[0], n, n);
        const auto rhs = MatrixAt<T>(b, off[1], n, k);
        if (lower) {
          TriangularSolve<T, Eigen::Lower>(m, rhs, adjoint, MatrixAt<T>(out, i, n, k));
        } else {
          TriangularSolve<T, Eigen::Upper>(m, rhs, adjoint, MatrixAt<T>(out, i, n, k));
        }
      });
    }
    ctx.outputs.push_back(std::move(out));
    return OkStatus();
  });
}

}  // namespace

void RegisterLinalgOps(KernelRegistry& r) {
  r.Register({"MatrixInverse", &MatrixInverse, {}});
  r.Register({"MatrixDeterminant", &Determinant, {}});
  r.Register({"LogMatrixDeterminant", &Determinant, {}});
  r.Register({"Cholesky", &Cholesky, {}});
  r.Register({"MatrixSolve", &MatrixSolve, {}});
  r.Register({"MatrixTriangularSolve", &MatrixTriangularSolve, {}});
}

}  // namespace tfsk::serving::ops
