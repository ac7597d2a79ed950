// MatMul and BatchMatMul(V2/V3) through Eigen's GEMM on row-major maps of the tensor buffers.

#include <Eigen/Core>

#include "serving/ops/broadcast.h"
#include "serving/ops/op_util.h"

namespace tfsk::serving::ops {
namespace {

template <typename T>
using RowMajor = Eigen::Matrix<T, Eigen::Dynamic, Eigen::Dynamic, Eigen::RowMajor>;

/// out (m x n) = op(a) * op(b) where op transposes when asked; a/b/out are row-major buffers.
template <typename T>
void Gemm(const T* a, std::int64_t a_rows, std::int64_t a_cols, bool ta, const T* b,
          std::int64_t b_rows, std::int64_t b_cols, bool tb, T* out) {
  Eigen::Map<const RowMajor<T>> A(a, a_rows, a_cols);
  Eigen::Map<const RowMajor<T>> B(b, b_rows, b_cols);
  const std::int64_t m = ta ? a_cols : a_rows;
  const std::int64_t n = tb ? b_rows : b_cols;
  Eigen::Map<RowMajor<T>> C(out, m, n);
  if (ta && tb) C.noalias() = A.transpose() * B.transpose();
  else if (ta) C.noalias() = A.transpose() * B;
  else if (tb) C.noalias() = A * B.transpose();
  else C.noalias() = A * B;
}

template <typename F>
Status DispatchMatMul(DataType dt, const std::string& op, F&& f) {
  switch (dt) {
    case DataType::kFloat: return f.template operator()<float>();
    case DataType::kDouble: return f.template operator()<double>();
    case DataType::kInt32: return f.template operator()<std::int32_t>();
    case DataType::kInt64: return f.template operator()<std::int64_t>();
    default: return Unimplemented("No kernel for op " + op + " with dtype " + DataTypeName(dt));
  }
}

Status MatMul(OpContext& ctx) {
  TFSK_RETURN_IF_ERROR(CheckNumInputs(ctx, 2));
  const Tensor& a = ctx.input(0);
  const Tensor& b = ctx.input(1);
  const bool ta = ctx.node.BoolOr("transpose_a", false);
  const bool tb = ctx.node.BoolOr("transpose_b", false);
  if (a.rank() != 2 || b.rank() != 2) {
    return InvalidArgument("In[0] and In[1] has different ndims: " + ShapeString(a.shape()) +
                           " vs. " + ShapeString(b.shape()));
  }
  if (a.dtype() != b.dtype()) return InvalidArgument("MatMul inputs must have the same type");
  const std::int64_t k_a = ta ? a.dim(0) : a.dim(1);
  const std::int64_t k_b = tb ? b.dim(1) : b.dim(0);
  if (k_a != k_b) {
    return InvalidArgument("Matrix size-incompatible: In[0]: " + ShapeString(a.shape()) +
                           ", In[1]: " + ShapeString(b.shape()));
  }
  return DispatchMatMul(a.dtype(), ctx.node.op, [&]<typename T>() -> Status {
    Tensor out(a.dtype(), {ta ? a.dim(1) : a.dim(0), tb ? b.dim(0) : b.dim(1)});
    if (out.num_elements() > 0) {
      Gemm<T>(a.flat<T>().data(), a.dim(0), a.dim(1), ta, b.flat<T>().data(), b.dim(0), b.dim(1),
              tb, out.flat<T>().data());
    }
    ctx.outputs.push_back(std::move(out));
    return OkStatus();
  });
}

/// Batch matmul with broadcasting of the batch dims (BatchMatMulV2 semantics; V1 inputs have
/// equal batch dims, a special case).
Status BatchMatMul(OpContext& ctx) {
  TFSK_RETURN_IF_ERROR(CheckNumInputs(ctx, 2));
  const Tensor& a = ctx.input(0);
  const Tensor& b = ctx.input(1);
  const bool ta = ctx.node.BoolOr("adj_x", false);
  const bool tb = ctx.node.BoolOr("adj_y", false);
  if (a.rank() < 2 || b.rank() < 2) {
    return InvalidArgument("In[0] and In[1] ndims must be >= 2: " + std::to_string(a.rank()) +
                           " vs. " + std::to_string(b.rank()));
  }
  if (a.dtype() != b.dtype()) return InvalidArgument("BatchMatMul inputs must have the same type");
  const std::int64_t ar = a.dim(a.rank() - 2), ac = a.dim(a.rank() - 1);
  const std::int64_t br = b.dim(b.rank() - 2), bcols = b.dim(b.rank() - 1);
  const std::int64_t k_a = ta ? ar : ac;
  const std::int64_t k_b = tb ? bcols : br;
  if (k_a != k_b) {
    return InvalidArgument("In[0] mismatch In[1] shape: " + std::to_string(k_a) + " vs. " +
                           std::to_string(k_b) + ": " + ShapeString(a.shape()) + " " +
                           ShapeString(b.shape()) + " " + (ta ? "1" : "0") + " " + (tb ? "1" : "0"));
  }
  Shape batch_a(a.shape().begin(), a.shape().end() - 2);
  Shape batch_b(b.shape().begin(), b.shape().end() - 2);
  TFSK_ASSIGN_OR_RETURN(auto bc, MakeBroadcast<2>({&batch_a, &batch_b}));
  const std::int64_t m = ta ? ac : ar;
  const std::int64_t n = tb ? br : bcols;
  Shape out_shape = bc.out;
  out_shape.push_back(m);
  out_shape.push_back(n);
  return DispatchMatMul(a.dtype(), ctx.node.op, [&]<typename T>() -> Status {
    Tensor out(a.dtype(), out_shape);
    const T* pa = a.flat<T>().data();
    const T* pb = b.flat<T>().data();
    T* po = out.flat<T>().data();
    if (out.num_elements() == 0) {
      ctx.outputs.push_back(std::move(out));
      return OkStatus();
    }
    bc.ForEach([&](std::int64_t i, const std::array<std::int64_t, 2>& off) {
      Gemm<T>(pa + off[0] * ar * ac, ar, ac, ta, pb + off[1] * br * bcols, br, bcols, tb,
              po + i * m * n);
    });
    ctx.outputs.push_back(std::move(out));
    return OkStatus();
  });
}

}  // namespace

void RegisterMatMulOps(KernelRegistry& r) {
  r.Register({"MatMul", &MatMul, {}});
  r.Register({"BatchMatMul", &BatchMatMul, {}});
  r.Register({"BatchMatMulV2", &BatchMatMul, {}});
  r.Register({"BatchMatMulV3", &BatchMatMul, {}});
}

}  // namespace tfsk::serving::ops
