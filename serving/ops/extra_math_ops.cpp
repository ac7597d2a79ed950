// Small math ops that exported models use beside the elementwise families: Cross (tf.linalg.cross),
// L2Loss (tf.nn.l2_loss, weight decay left in serving graphs), Xlog1py, InvertPermutation
// (tf.math.invert_permutation, transposes computed at run time) and HistogramFixedWidth
// (tf.histogram_fixed_width). Semantics, dtypes and error texts follow TensorFlow's CPU kernels.

#include <algorithm>
#include <cmath>
#include <limits>
#include <sstream>

#include "serving/ops/binary_op.h"
#include "serving/ops/op_families.h"

namespace tfsk::serving::ops {
namespace {

Status Cross(OpContext& ctx) {
  TFSK_RETURN_IF_ERROR(CheckNumInputs(ctx, 2));
  const Tensor& a = ctx.input(0);
  const Tensor& b = ctx.input(1);
  if (a.shape() != b.shape()) {
    return InvalidArgument("Both inputs must be of same shape: " + ShapeString(a.shape()) +
                           " vs. " + ShapeString(b.shape()));
  }
  if (a.rank() < 1) {
    return InvalidArgument("Input must be at least 1D" + ShapeString(a.shape()));
  }
  if (a.dim(a.rank() - 1) != 3) {
    return FailedPrecondition("Cross-products are only defined for 3-element vectors.");
  }
  if (a.dtype() != b.dtype()) {
    return InvalidArgument("Cross expects both inputs of the same type, got " +
                           DataTypeName(a.dtype()) + " and " + DataTypeName(b.dtype()));
  }
  // TensorFlow registers Cross for the real number types: DispatchNumeric's set.
  return DispatchNumeric(a.dtype(), ctx.node.op, [&]<typename T>() -> Status {
    Tensor out(a.dtype(), a.shape());
    auto u = a.flat<T>();
    auto v = b.flat<T>();
    auto o = out.flat<T>();
    for (std::size_t i = 0; i < u.size(); i += 3) {
      o[i] = static_cast<T>(u[i + 1] * v[i + 2] - u[i + 2] * v[i + 1]);
      o[i + 1] = static_cast<T>(u[i + 2] * v[i] - u[i] * v[i + 2]);
      o[i + 2] = static_cast<T>(u[i] * v[i + 1] - u[i + 1] * v[i]);
    }
    ctx.outputs.push_back(std::move(out));
    return OkStatus();
  });
}

/// sum(x^2) / 2 as a scalar of x's dtype.
Status L2Loss(OpContext& ctx) {
  TFSK_RETURN_IF_ERROR(CheckNumInputs(ctx, 1));
  const Tensor& x = ctx.input(0);
  return DispatchFloat(x.dtype(), ctx.node.op, [&]<typename T>() -> Status {
    ctx.outputs.push_back(Tensor::Scalar<T>(ArrayOf<T>(x).square().sum() / T(2)));
    return OkStatus();
  });
}

struct Xlog1pyOp {  // x * log1p(y), 0 where x is 0
  template <class T>
  static T Apply(const T& a, const T& b) {
    return a == T(0) ? T(0) : a * std::log1p(b);
  }
  template <class A, class B>
  static auto Expr(const A& a, const B& b) {
    return a.binaryExpr(b, [](auto x, auto y) { return Apply(x, y); });
  }
};

/// y[x[i]] = i for a permutation x of 0..n-1 (int32 or int64).
Status InvertPermutation(OpContext& ctx) {
  TFSK_RETURN_IF_ERROR(CheckNumInputs(ctx, 1));
  const Tensor& x = ctx.input(0);
  if (x.rank() != 1) return InvalidArgument("invert_permutation expects a 1D vector.");
  if (x.dtype() != DataType::kInt32 && x.dtype() != DataType::kInt64) {
    return Unimplemented("No kernel for op InvertPermutation with dtype " +
                         DataTypeName(x.dtype()));
  }
  const std::int64_t n = x.dim(0);
  if (n > std::numeric_limits<std::int32_t>::max()) {
    return InvalidArgument("permutation of nonnegative int32s must have <= int32 max elements");
  }
  TFSK_ASSIGN_OR_RETURN(auto perm, IndexValues(x, "x"));
  std::vector<std::int64_t> inverse(static_cast<std::size_t>(n), -1);
  for (std::int64_t i = 0; i < n; ++i) {
    const std::int64_t d = perm[static_cast<std::size_t>(i)];
    if (d < 0 || d >= n) {
      return InvalidArgument(std::to_string(d) + " is not between 0 and " + std::to_string(n));
    }
    if (inverse[static_cast<std::size_t>(d)] != -1) {
      return InvalidArgument(std::to_string(d) + " is duplicated in the input.");
    }
    inverse[static_cast<std::size_t>(d)] = i;
  }
  Tensor out(x.dtype(), x.shape());
  for (std::size_t i = 0; i < inverse.size(); ++i) {
    if (x.dtype() == DataType::kInt32) {
      out.flat<std::int32_t>()[i] = static_cast<std::int32_t>(inverse[i]);
    } else {
      out.flat<std::int64_t>()[i] = inverse[i];
    }
  }
  ctx.outputs.push_back(std::move(out));
  return OkStatus();
}

/// Counts of `values` in `nbins` equal bins over [value_range[0], value_range[1]]; values below
/// the range count in the first bin, above it in the last (TensorFlow clamps the bin index).
Status HistogramFixedWidth(OpContext& ctx) {
  TFSK_RETURN_IF_ERROR(CheckNumInputs(ctx, 3));
  const Tensor& values = ctx.input(0);
  const Tensor& range = ctx.input(1);
  const Tensor& nbins_t = ctx.input(2);
  if (range.rank() != 1) return InvalidArgument("value_range should be a vector.");
  if (range.num_elements() != 2) {
    return InvalidArgument("value_range should be a vector of 2 elements.");
  }
  if (nbins_t.rank() != 0) return InvalidArgument("nbins should be a scalar.");
  if (range.dtype() != values.dtype()) {
    return InvalidArgument("value_range must have the dtype of values (" +
                           DataTypeName(values.dtype()) + "), got " + DataTypeName(range.dtype()));
  }
  TFSK_ASSIGN_OR_RETURN(auto nbins_v, IndexValues(nbins_t, "nbins"));
  const std::int64_t nbins = nbins_v[0];
  auto dtype = ctx.node.GetType("dtype");
  const DataType out_type = dtype.ok() ? *dtype : DataType::kInt32;
  if (out_type != DataType::kInt32 && out_type != DataType::kInt64) {
    return InvalidArgument("HistogramFixedWidth dtype must be int32 or int64, got " +
                           DataTypeName(out_type));
  }
  auto run = [&]<typename T>() -> Status {
    const T lo = range.flat<T>()[0], hi = range.flat<T>()[1];
    if (!(lo < hi)) {
      std::ostringstream msg;
      msg << "value_range should satisfy value_range[0] < value_range[1], but got '[" << +lo << ", "
          << +hi << "]'";
      return InvalidArgument(msg.str());
    }
    if (nbins <= 0) {
      return InvalidArgument("nbins should be a positive number, but got '" +
                             std::to_string(nbins) + "'");
    }
    // TensorFlow's arithmetic: the offset from lo in T, divided by the step in double, the
    // index clamped to the last bin before the integer conversion.
    const double step = static_cast<double>(hi - lo) / static_cast<double>(nbins);
    const double last = static_cast<double>(nbins - 1);
    std::vector<std::int64_t> counts(static_cast<std::size_t>(nbins), 0);
    for (T v : values.flat<T>()) {
      // NaN has no bin; TensorFlow's cast of it is undefined, here it counts in the first.
      const T clamped = v < lo || v != v ? lo : v;
      const double at = std::min(static_cast<double>(clamped - lo) / step, last);
      ++counts[static_cast<std::size_t>(static_cast<std::int32_t>(at))];
    }
    Tensor out(out_type, {nbins});
    for (std::size_t i = 0; i < counts.size(); ++i) {
      if (out_type == DataType::kInt32) {
        out.flat<std::int32_t>()[i] = static_cast<std::int32_t>(counts[i]);
      } else {
        out.flat<std::int64_t>()[i] = counts[i];
      }
    }
    ctx.outputs.push_back(std::move(out));
    return OkStatus();
  };
  switch (values.dtype()) {
    case DataType::kInt32:
      return run.template operator()<std::int32_t>();
    case DataType::kInt64:
      return run.template operator()<std::int64_t>();
    case DataType::kFloat:
      return run.template operator()<float>();
    case DataType::kDouble:
      return run.template operator()<double>();
    default:
      break;
  }
  return Unimplemented("No kernel for op HistogramFixedWidth with dtype " +
                       DataTypeName(values.dtype()));
}

}  // namespace

void RegisterExtraMathOps(KernelRegistry& r) {
  r.Register({"Cross", &Cross, {}});
  r.Register({"L2Loss", &L2Loss, {}});
  r.Register({"Xlog1py", &FloatBinary<Xlog1pyOp>, {}});
  r.Register({"InvertPermutation", &InvertPermutation, {}});
  r.Register({"HistogramFixedWidth", &HistogramFixedWidth, {}});
}

}  // namespace tfsk::serving::ops
