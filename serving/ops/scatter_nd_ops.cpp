// ScatterNd (updates summed into zeros of a given shape) and TensorScatterUpdate / Add / Sub /
// Max / Min (updates applied to a copy of a tensor), addressed like GatherNd: the last dim of
// indices selects a slice of the output.

#include "serving/ops/nd_index.h"
#include "serving/ops/op_util.h"

namespace tfsk::serving::ops {
namespace {

enum class Combine { kAssign, kAdd, kSub, kMax, kMin };

/// The slices `indices` selects in a tensor of `shape`, after checking that `updates` has
/// shape indices.shape[:-1] + shape[K:].
StatusOr<NdSlices> SliceOffsets(const Tensor& indices, const Tensor& updates, const Shape& shape) {
  TFSK_ASSIGN_OR_RETURN(NdSlices nd, ResolveNdSlices(indices, shape, "output", "shape"));
  Shape want = nd.batch;
  want.insert(want.end(), shape.begin() + nd.depth, shape.end());
  if (updates.shape() != want) {
    return InvalidArgument("updates must have shape indices.shape[:-1] + shape[" +
                           std::to_string(nd.depth) + ":] = " + ShapeString(want) + ", got " +
                           ShapeString(updates.shape()));
  }
  return nd;
}

template <typename T>
void Apply(Combine how, T& dst, const T& v) {
  if constexpr (std::is_same_v<T, std::string> || std::is_same_v<T, bool>) {
    dst = v;  // only kAssign reaches here for these types
  } else {
    switch (how) {
      case Combine::kAssign:
        dst = v;
        break;
      case Combine::kAdd:
        dst = static_cast<T>(dst + v);
        break;
      case Combine::kSub:
        dst = static_cast<T>(dst - v);
        break;
      case Combine::kMax:
        dst = dst < v ? v : dst;
        break;
      case Combine::kMin:
        dst = v < dst ? v : dst;
        break;
    }
  }
}

/// Applies updates to `out` (already holding the base values).
Status Scatter(OpContext& ctx, Tensor out, const Tensor& indices, const Tensor& updates,
               Combine how) {
  if (updates.dtype() != out.dtype()) {
    return InvalidArgument(ctx.node.op + " updates must have the type " +
                           DataTypeName(out.dtype()) + ", got " + DataTypeName(updates.dtype()));
  }
  TFSK_ASSIGN_OR_RETURN(NdSlices nd, SliceOffsets(indices, updates, out.shape()));
  const std::int64_t slice = nd.slice;
  const auto& offsets = nd.offsets;
  const auto body = [&]<typename T>() -> Status {
    auto dst = out.flat<T>();
    auto src = updates.flat<T>();
    for (std::size_t i = 0; i < offsets.size(); ++i) {
      for (std::int64_t e = 0; e < slice; ++e) {
        Apply<T>(how, dst[static_cast<std::size_t>(offsets[i] + e)],
                 src[i * static_cast<std::size_t>(slice) + static_cast<std::size_t>(e)]);
      }
    }
    ctx.outputs.push_back(std::move(out));
    return OkStatus();
  };
  return how == Combine::kAssign ? DispatchAll(out.dtype(), ctx.node.op, body)
                                 : DispatchNumeric(out.dtype(), ctx.node.op, body);
}

Status ScatterNd(OpContext& ctx) {
  TFSK_RETURN_IF_ERROR(CheckNumInputs(ctx, 3));
  const Tensor& shape_t = ctx.input(2);
  if (shape_t.rank() != 1)
    return InvalidArgument("shape must be a vector, got shape " + ShapeString(shape_t.shape()));
  TFSK_ASSIGN_OR_RETURN(Shape shape, IndexValues(shape_t, "shape"));
  for (auto d : shape) {
    if (d < 0)
      return InvalidArgument("ScatterNd shape dimensions must be >= 0, got " + JoinInts(shape));
  }
  const Tensor& updates = ctx.input(1);
  Tensor out(updates.dtype(), shape);
  TFSK_RETURN_IF_ERROR(DispatchNumeric(updates.dtype(), ctx.node.op, [&]<typename T>() -> Status {
    auto o = out.flat<T>();
    std::fill(o.begin(), o.end(), T(0));
    return OkStatus();
  }));
  return Scatter(ctx, std::move(out), ctx.input(0), updates, Combine::kAdd);
}

template <Combine kHow>
Status TensorScatter(OpContext& ctx) {
  TFSK_RETURN_IF_ERROR(CheckNumInputs(ctx, 3));
  return Scatter(ctx, ctx.input(0).Clone(), ctx.input(1), ctx.input(2), kHow);
}

}  // namespace

void RegisterScatterNdOps(KernelRegistry& r) {
  r.Register({"ScatterNd", &ScatterNd, {}});
  r.Register({"TensorScatterUpdate", &TensorScatter<Combine::kAssign>, {}});
  r.Register({"TensorScatterAdd", &TensorScatter<Combine::kAdd>, {}});
  r.Register({"TensorScatterSub", &TensorScatter<Combine::kSub>, {}});
  r.Register({"TensorScatterMax", &TensorScatter<Combine::kMax>, {}});
  r.Register({"TensorScatterMin", &TensorScatter<Combine::kMin>, {}});
}

}  // namespace tfsk::serving::ops
