// StridedSlice (all five masks) and Slice.

#include "serving/ops/op_util.h"

namespace tfsk::serving::ops {
namespace {

/// One input dimension's selection: start index, step and number of elements taken.
struct DimRange {
  std::int64_t begin = 0;
  std::int64_t stride = 1;
  std::int64_t size = 0;
};

/// Gathers x[ranges] (one DimRange per input dim) into a tensor of shape `out_shape`, whose
/// element count equals the product of the range sizes.
Status Gather(OpContext& ctx, const Tensor& x, const std::vector<DimRange>& ranges, Shape out_shape) {
  const int rank = x.rank();
  std::vector<std::int64_t> in_strides(static_cast<std::size_t>(rank), 1);
  for (int d = rank - 2; d >= 0; --d) {
    in_strides[static_cast<std::size_t>(d)] = in_strides[static_cast<std::size_t>(d) + 1] * x.dim(d + 1);
  }
  return DispatchAll(x.dtype(), ctx.node.op, [&]<typename T>() -> Status {
    Tensor out(x.dtype(), out_shape);
    auto o = out.flat<T>();
    if (o.empty()) {
      ctx.outputs.push_back(std::move(out));
      return OkStatus();
    }
    auto src = x.flat<T>();
    std::vector<std::int64_t> idx(static_cast<std::size_t>(rank), 0);
    std::int64_t off = 0;
    for (int d = 0; d < rank; ++d) {
      off += ranges[static_cast<std::size_t>(d)].begin * in_strides[static_cast<std::size_t>(d)];
    }
    for (std::size_t i = 0; i < o.size(); ++i) {
      o[i] = src[static_cast<std::size_t>(off)];
      for (int d = rank - 1; d >= 0; --d) {
        const auto ud = static_cast<std::size_t>(d);
        const std::int64_t step = ranges[ud].stride * in_strides[ud];
        off += step;
        if (++idx[ud] < ranges[ud].size) break;
        off -= step * ranges[ud].size;
        idx[ud] = 0;
      }
    }
    ctx.outputs.push_back(std::move(out));
    return OkStatus();
  });
}

Status StridedSlice(OpContext& ctx) {
  TFSK_RETURN_IF_ERROR(CheckNumInputs(ctx, 4));
  const Tensor& x = ctx.input(0);
  TFSK_ASSIGN_OR_RETURN(auto begin, IndexValues(ctx.input(1), "begin"));
  TFSK_ASSIGN_OR_RETURN(auto end, IndexValues(ctx.input(2), "end"));
  TFSK_ASSIGN_OR_RETURN(auto strides, IndexValues(ctx.input(3), "strides"));
  if (begin.size() != end.size() || begin.size() != strides.size()) {
    return InvalidArgument("Expected begin, end, and strides to be 1D equal size tensors, but got "
                           "shapes " + ShapeString(ctx.input(1).shape()) + ", " +
                           ShapeString(ctx.input(2).shape()) + ", and " +
                           ShapeString(ctx.input(3).shape()) + " instead.");
  }
  const std::int64_t begin_mask = ctx.node.IntOr("begin_mask", 0);
  const std::int64_t end_mask = ctx.node.IntOr("end_mask", 0);
  const std::int64_t ellipsis_mask = ctx.node.IntOr("ellipsis_mask", 0);
  const std::int64_t new_axis_mask = ctx.node.IntOr("new_axis_mask", 0);
  const std::int64_t shrink_mask = ctx.node.IntOr("shrink_axis_mask", 0);
  auto bit = [](std::int64_t mask, std::size_t i) { return ((mask >> i) & 1) != 0; };
  if ((ellipsis_mask & (ellipsis_mask - 1)) != 0) {
    return InvalidArgument("Multiple ellipses in slice spec not allowed");
  }

  const int rank = x.rank();
  const std::size_t n = begin.size();
  std::vector<DimRange> ranges(static_cast<std::size_t>(rank));
  Shape out_shape;
  int full = 0;  // next input dim to consume
  // Sets input dim `full` to the full range (what an ellipsis or omitted trailing dim selects).
  auto take_all = [&] {
    ranges[static_cast<std::size_t>(full)] = {0, 1, x.dim(full)};
    out_shape.push_back(x.dim(full));
    ++full;
  };
  for (std::size_t i = 0; i < n; ++i) {
    if (bit(ellipsis_mask, i)) {
      int after = 0;  // later spec entries that consume an input dim
      for (std::size_t j = i + 1; j < n; ++j) after += bit(new_axis_mask, j) ? 0 : 1;
      while (full < rank - after) take_all();
      continue;
    }
    if (bit(new_axis_mask, i)) {
      out_shape.push_back(1);
      continue;
    }
    if (full >= rank) {
      return InvalidArgument("Index out of range using input dim " + std::to_string(full) +
                             "; input has only " + std::to_string(rank) + " dims");
    }
    const std::int64_t dim = x.dim(full);
    const std::int64_t s = strides[i];
    if (s == 0) return InvalidArgument("strides[" + std::to_string(i) + "] must be non-zero");
    if (bit(shrink_mask, i)) {
      std::int64_t b = begin[i] < 0 ? begin[i] + dim : begin[i];
      if (b < 0 || b >= dim) {
        return InvalidArgument("slice index " + std::to_string(begin[i]) + " of dimension " +
                               std::to_string(full) + " out of bounds.");
      }
      ranges[static_cast<std::size_t>(full)] = {b, 1, 1};
      ++full;
      continue;
    }
    // Masked ends take the whole extent in the stride's direction; explicit ones are
    // normalised (negative counts from the end) and clamped like Python slicing.
    auto clamp_index = [&](std::int64_t v) {
      if (v < 0) v += dim;
      return s > 0 ? std::clamp<std::int64_t>(v, 0, dim) : std::clamp<std::int64_t>(v, -1, dim - 1);
    };
    const std::int64_t b = bit(begin_mask, i) ? (s > 0 ? 0 : dim - 1) : clamp_index(begin[i]);
    const std::int64_t e = bit(end_mask, i) ? (s > 0 ? dim : -1) : clamp_index(end[i]);
    std::int64_t size = 0;
    if (s > 0 && e > b) size = (e - b + s - 1) / s;
    if (s < 0 && b > e) size = (b - e + (-s) - 1) / (-s);
    ranges[static_cast<std::size_t>(full)] = {b, s, size};
    out_shape.push_back(size);
    ++full;
  }
  // Without an ellipsis, trailing dims are implicitly taken whole.
  while (full < rank) take_all();
  return Gather(ctx, x, ranges, std::move(out_shape));
}

Status Slice(OpContext& ctx) {
  TFSK_RETURN_IF_ERROR(CheckNumInputs(ctx, 3));
  const Tensor& x = ctx.input(0);
  TFSK_ASSIGN_OR_RETURN(auto begin, IndexValues(ctx.input(1), "begin"));
  TFSK_ASSIGN_OR_RETURN(auto size, IndexValues(ctx.input(2), "size"));
  if (static_cast<int>(begin.size()) != x.rank() || static_cast<int>(size.size()) != x.rank()) {
    return InvalidArgument("Expected begin and size arguments to be 1-D tensors of size " +
                           std::to_string(x.rank()) + ", but got shapes " +
                           ShapeString(ctx.input(1).shape()) + " and " +
                           ShapeString(ctx.input(2).shape()) + " instead.");
  }
  std::vector<DimRange> ranges(begin.size());
  Shape out_shape;
  for (int d = 0; d < x.rank(); ++d) {
    const auto ud = static_cast<std::size_t>(d);
    const std::int64_t sz = size[ud] == -1 ? x.dim(d) - begin[ud] : size[ud];
    if (begin[ud] < 0 || sz < 0 || begin[ud] + sz > x.dim(d)) {
      return InvalidArgument("Expected begin[" + std::to_string(d) + "] in [0, " +
                             std::to_string(x.dim(d)) + "] and size[" + std::to_string(d) +
                             "] in [0, " + std::to_string(x.dim(d) - begin[ud]) + "], but got " +
                             std::to_string(begin[ud]) + " and " + std::to_string(size[ud]));
    }
    ranges[ud] = {begin[ud], 1, sz};
    out_shape.push_back(sz);
  }
  return Gather(ctx, x, ranges, std::move(out_shape));
}

}  // namespace

void RegisterSliceOps(KernelRegistry& r) {
  r.Register({"StridedSlice", &StridedSlice, {}});
  r.Register({"Slice", &Slice, {}});
}

}  // namespace tfsk::serving::ops
