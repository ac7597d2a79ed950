// Split (equal parts) and SplitV (given sizes, one of which may be -1) along one axis.

#include "serving/ops/op_util.h"

namespace tfsk::serving::ops {
namespace {

StatusOr<int> SplitAxis(const Tensor& dim, const Tensor& x) {
  if (dim.num_elements() != 1) {
    return InvalidArgument("split_dim must be a scalar but has rank " + std::to_string(dim.rank()));
  }
  TFSK_ASSIGN_OR_RETURN(auto v, IndexValues(dim, "split_dim"));
  return NormalizeAxis(v[0], x.rank(), "split_dim");
}

/// Emits x cut along `axis` into pieces of `sizes` (which sum to the axis size).
Status EmitPieces(OpContext& ctx, const Tensor& x, int axis,
                  const std::vector<std::int64_t>& sizes) {
  std::int64_t outer = 1, inner = 1;
  for (int d = 0; d < axis; ++d) outer *= x.dim(d);
  for (int d = axis + 1; d < x.rank(); ++d) inner *= x.dim(d);
  const std::int64_t row = x.dim(axis) * inner;
  return DispatchAll(x.dtype(), ctx.node.op, [&]<typename T>() -> Status {
    auto src = x.flat<T>();
    std::int64_t start = 0;
    for (std::int64_t size : sizes) {
      Shape shape = x.shape();
      shape[static_cast<std::size_t>(axis)] = size;
      Tensor piece(x.dtype(), shape);
      auto dst = piece.flat<T>();
      const std::int64_t chunk = size * inner;
      for (std::int64_t o = 0; o < outer && chunk > 0; ++o) {
        auto from = src.begin() + static_cast<std::ptrdiff_t>(o * row + start * inner);
        std::copy(from, from + static_cast<std::ptrdiff_t>(chunk),
                  dst.begin() + static_cast<std::ptrdiff_t>(o * chunk));
      }
      start += size;
      ctx.outputs.push_back(std::move(piece));
    }
    return OkStatus();
  });
}

Status Split(OpContext& ctx) {
  TFSK_RETURN_IF_ERROR(CheckNumInputs(ctx, 2));
  const Tensor& x = ctx.input(1);
  TFSK_ASSIGN_OR_RETURN(int axis, SplitAxis(ctx.input(0), x));
  TFSK_ASSIGN_OR_RETURN(std::int64_t num, ctx.node.GetInt("num_split"));
  if (num <= 0)
    return InvalidArgument("Number of ways to split should be > 0, but got " + std::to_string(num));
  const std::int64_t size = x.dim(axis);
  if (size % num != 0) {
    return InvalidArgument(
        "Number of ways to split should evenly divide the split dimension, but got split_dim " +
        std::to_string(axis) + " (size = " + std::to_string(size) + ") and num_split " +
        std::to_string(num));
  }
  return EmitPieces(ctx, x, axis,
                    std::vector<std::int64_t>(static_cast<std::size_t>(num), size / num));
}

Status SplitV(OpContext& ctx) {
  TFSK_RETURN_IF_ERROR(CheckNumInputs(ctx, 3));
  const Tensor& x = ctx.input(0);
  TFSK_ASSIGN_OR_RETURN(int axis, SplitAxis(ctx.input(2), x));
  TFSK_ASSIGN_OR_RETURN(auto sizes, IndexValues(ctx.input(1), "size_splits"));
  const std::int64_t num = ctx.node.IntOr("num_split", static_cast<std::int64_t>(sizes.size()));
  if (ctx.input(1).rank() != 1 || static_cast<std::int64_t>(sizes.size()) != num) {
    return InvalidArgument("size_splits must be a vector of num_split (" + std::to_string(num) +
                           ") elements, got shape " + ShapeString(ctx.input(1).shape()));
  }
  const std::int64_t size = x.dim(axis);
  std::int64_t known = 0;
  int unknown = -1;
  for (std::size_t i = 0; i < sizes.size(); ++i) {
    if (sizes[i] == -1) {
      if (unknown >= 0) return InvalidArgument("There can only be one -1 in the input.");
      unknown = static_cast<int>(i);
    } else if (sizes[i] < 0) {
      return InvalidArgument("Split size at index " + std::to_string(i) +
                             " must be >= 0. Got: " + std::to_string(sizes[i]));
    } else {
      known += sizes[i];
    }
  }
  if ((unknown < 0 && known != size) || (unknown >= 0 && known > size)) {
    return InvalidArgument(
        "Determined shape must either match input shape along split_dim exactly if fully "
        "specified, or be less "
        "than the size of input along split_dim if not fully specified.  Got: " +
        std::to_string(known));
  }
  if (unknown >= 0) sizes[static_cast<std::size_t>(unknown)] = size - known;
  return EmitPieces(ctx, x, axis, sizes);
}

}  // namespace

void RegisterSplitOps(KernelRegistry& r) {
  r.Register({"Split", &Split, {"num_split"}});
  r.Register({"SplitV", &SplitV, {}});
}

}  // namespace tfsk::serving::ops
