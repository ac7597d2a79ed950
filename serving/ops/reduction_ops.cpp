// Reductions: Sum, Mean, Max, Min, Prod, Any, All, EuclideanNorm (reduction_indices input,
// keep_dims attr) and ArgMax/ArgMin. Each reduced axis is a contiguous [outer, axis, inner] problem
// done with Eigen column-wise reductions; several axes are reduced one after the other.

#include <Eigen/Core>
#include <algorithm>
#include <cmath>

#include "serving/ops/op_util.h"

namespace tfsk::serving::ops {
namespace {

enum class Reducer { kSum, kMean, kMax, kMin, kProd, kAny, kAll, kEuclidean };

/// Whether TensorFlow's reduction helper turns a reduction into a plain copy: when every reduced
/// dim has size 1 and the input is not all size-1 dims (those it reduces as a scalar). Only
/// EuclideanNorm can tell (sqrt(x * x) drops the sign), so only it asks.
bool IsCopyReduction(const Tensor& x, const std::vector<int>& axes) {
  const bool all_ones =
      std::all_of(x.shape().begin(), x.shape().end(), [](auto d) { return d == 1; });
  const bool reduces_any =
      std::any_of(axes.begin(), axes.end(), [&](int a) { return x.dim(a) != 1; });
  return !reduces_any && !all_ones;
}

/// Reduces axis `axis` of `x` (shape kept with that dim = 1).
template <typename T>
Tensor ReduceAxis(const Tensor& x, int axis, Reducer r) {
  std::int64_t outer = 1, inner = 1;
  for (int d = 0; d < axis; ++d) outer *= x.dim(d);
  for (int d = axis + 1; d < x.rank(); ++d) inner *= x.dim(d);
  const std::int64_t mid = x.dim(axis);
  Shape shape = x.shape();
  shape[static_cast<std::size_t>(axis)] = 1;
  Tensor out(x.dtype(), shape);
  using Mat = Eigen::Array<T, Eigen::Dynamic, Eigen::Dynamic, Eigen::RowMajor>;
  const T* in = x.flat<T>().data();
  T* o = out.flat<T>().data();
  for (std::int64_t k = 0; k < outer; ++k) {
    Eigen::Map<const Mat> block(in + k * mid * inner, mid, inner);
    Eigen::Map<Mat> dst(o + k * inner, 1, inner);
    if constexpr (std::is_same_v<T, bool>) {
      if (r == Reducer::kAny) dst = block.colwise().any();
      else dst = block.colwise().all();
    } else {
      switch (r) {
        case Reducer::kSum:
        case Reducer::kMean: dst = block.colwise().sum(); break;
        case Reducer::kProd: dst = block.colwise().prod(); break;
        case Reducer::kMax: dst = block.colwise().maxCoeff(); break;
        case Reducer::kMin: dst = block.colwise().minCoeff(); break;
        default: break;
      }
    }
  }
  return out;
}

template <Reducer kR>
Status Reduce(OpContext& ctx) {
  TFSK_RETURN_IF_ERROR(CheckNumInputs(ctx, 2));
  const Tensor& x = ctx.input(0);
  TFSK_ASSIGN_OR_RETURN(auto raw_axes, IndexValues(ctx.input(1), "reduction_indices"));
  const bool keep_dims = ctx.node.BoolOr("keep_dims", false);
  std::vector<int> axes;
  for (auto a : raw_axes) {
    if (a < -x.rank() || a >= std::max(x.rank(), 1) || (x.rank() == 0 && a != 0 && a != -1)) {
      return InvalidArgument("Invalid reduction dimension (" + std::to_string(a) + " for input with " +
                             std::to_string(x.rank()) + " dimension(s)");
    }
    if (x.rank() > 0) axes.push_back(static_cast<int>(a < 0 ? a + x.rank() : a));
  }
  std::sort(axes.begin(), axes.end());
  axes.erase(std::unique(axes.begin(), axes.end()), axes.end());
  constexpr bool kLogical = kR == Reducer::kAny || kR == Reducer::kAll;
  // EuclideanNorm is sqrt of the sum of squares; the squares are summed in T, as in TensorFlow.
  constexpr Reducer kStep = kR == Reducer::kEuclidean ? Reducer::kSum : kR;
  const bool squares = kR == Reducer::kEuclidean && !IsCopyReduction(x, axes);
  auto run = [&]<typename T>() -> Status {
    Tensor cur = x;
    if (squares) {
      Tensor sq(x.dtype(), x.shape());
      MutableArrayOf<T>(sq) = ArrayOf<T>(x) * ArrayOf<T>(x);
      cur = std::move(sq);
    }
    std::int64_t count = 1;
    // Largest axis first so the earlier axis numbers stay valid.
    for (auto it = axes.rbegin(); it != axes.rend(); ++it) {
      count *= x.dim(*it);
      if (x.dim(*it) == 0 && (kR == Reducer::kMax || kR == Reducer::kMin)) {
        return InvalidArgument("Reduction over an empty dimension is not supported for " + ctx.node.op);
      }
      cur = ReduceAxis<T>(cur, *it, kStep);
    }
    if (squares) {
      auto root = MutableArrayOf<T>(cur);
      // Integers take the root in double and truncate (Eigen's numext::sqrt on an int).
      for (Eigen::Index i = 0; i < root.size(); ++i) {
        root[i] = static_cast<T>(std::sqrt(static_cast<double>(root[i])));
      }
    }
    if constexpr (kR == Reducer::kMean) {
      if (!axes.empty()) {
        Tensor mean(x.dtype(), cur.shape());
        MutableArrayOf<T>(mean) = ArrayOf<T>(cur) / static_cast<T>(count == 0 ? 1 : count);
        cur = std::move(mean);
      }
    }
    Shape out_shape;
    for (int d = 0; d < x.rank(); ++d) {
      const bool reduced = std::binary_search(axes.begin(), axes.end(), d);
      if (!reduced) out_shape.push_back(x.dim(d));
      else if (keep_dims) out_shape.push_back(1);
    }
    TFSK_ASSIGN_OR_RETURN(Tensor out, cur.Reshaped(std::move(out_shape)));
    ctx.outputs.push_back(std::move(out));
    return OkStatus();
  };
  if constexpr (kLogical) {
    if (x.dtype() != DataType::kBool) return InvalidArgument(ctx.node.op + " expects a bool input");
    return run.template operator()<bool>();
  } else {
    return DispatchNumeric(x.dtype(), ctx.node.op, run);
  }
}

template <bool kMax>
Status ArgReduce(OpContext& ctx) {
  TFSK_RETURN_IF_ERROR(CheckNumInputs(ctx, 2));
  const Tensor& x = ctx.input(0);
  TFSK_ASSIGN_OR_RETURN(auto axis_v, IndexValues(ctx.input(1), "dimension"));
  if (axis_v.size() != 1) return InvalidArgument("dimension must be a scalar");
  TFSK_ASSIGN_OR_RETURN(int axis, NormalizeAxis(axis_v[0], x.rank(), "Expected dimension"));
  if (x.dim(axis) == 0) {
    return InvalidArgument("Reduction axis " + std::to_string(axis) + " is empty in shape " +
                           ShapeString(x.shape()));
  }
  auto out_type = ctx.node.GetType("output_type");
  const DataType ot = out_type.ok() ? *out_type : DataType::kInt64;
  std::int64_t outer = 1, inner = 1;
  for (int d = 0; d < axis; ++d) outer *= x.dim(d);
  for (int d = axis + 1; d < x.rank(); ++d) inner *= x.dim(d);
  const std::int64_t mid = x.dim(axis);
  Shape shape = x.shape();
  shape.erase(shape.begin() + axis);
  return DispatchNumericOrBool(x.dtype(), ctx.node.op, [&]<typename T>() -> Status {
    Tensor out(ot, shape);
    auto in = x.flat<T>();
    for (std::int64_t k = 0; k < outer; ++k) {
      for (std::int64_t i = 0; i < inner; ++i) {
        std::int64_t best = 0;
        for (std::int64_t m = 1; m < mid; ++m) {
          const T& v = in[static_cast<std::size_t>((k * mid + m) * inner + i)];
          const T& b = in[static_cast<std::size_t>((k * mid + best) * inner + i)];
          if (kMax ? v > b : v < b) best = m;  // first index wins ties, like TensorFlow
        }
        const auto o = static_cast<std::size_t>(k * inner + i);
        if (ot == DataType::kInt32) out.flat<std::int32_t>()[o] = static_cast<std::int32_t>(best);
        else out.flat<std::int64_t>()[o] = best;
      }
    }
    ctx.outputs.push_back(std::move(out));
    return OkStatus();
  });
}

}  // namespace

void RegisterReductionOps(KernelRegistry& r) {
  r.Register({"Sum", &Reduce<Reducer::kSum>, {}});
  r.Register({"Mean", &Reduce<Reducer::kMean>, {}});
  r.Register({"Max", &Reduce<Reducer::kMax>, {}});
  r.Register({"Min", &Reduce<Reducer::kMin>, {}});
  r.Register({"Prod", &Reduce<Reducer::kProd>, {}});
  r.Register({"Any", &Reduce<Reducer::kAny>, {}});
  r.Register({"All", &Reduce<Reducer::kAll>, {}});
  r.Register({"EuclideanNorm", &Reduce<Reducer::kEuclidean>, {}});
  r.Register({"ArgMax", &ArgReduce<true>, {}});
  r.Register({"ArgMin", &ArgReduce<false>, {}});
}

}  // namespace tfsk::serving::ops
