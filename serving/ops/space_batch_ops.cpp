// SpaceToBatchND and BatchToSpaceND: how TensorFlow runs dilated (atrous) depthwise and
// separable convolutions. SpaceToBatchND pads the M spatial dims and moves each block
// offset into the batch (output batch = offset * B + b); BatchToSpaceND is the inverse, then
// crops.

#include "serving/ops/op_util.h"

namespace tfsk::serving::ops {
namespace {

struct Blocks {
  std::vector<std::int64_t> block;
  std::vector<std::pair<std::int64_t, std::int64_t>> pads;  // paddings or crops
  std::int64_t product = 1;
};

StatusOr<Blocks> ReadBlocks(const Tensor& x, const Tensor& block_t, const Tensor& pads_t,
                            const char* pads_name) {
  if (block_t.rank() != 1) {
    return InvalidArgument("block_shape rank should be 1 instead of " +
                           std::to_string(block_t.rank()));
  }
  const std::int64_t m = block_t.dim(0);
  if (pads_t.rank() != 2 || pads_t.dim(0) != m || pads_t.dim(1) != 2) {
    return InvalidArgument(std::string(pads_name) + " should have shape [" + std::to_string(m) +
                           ", 2] instead of " + ShapeString(pads_t.shape()));
  }
  if (x.rank() < 1 + m) {
    return InvalidArgument("input rank should be >= " + std::to_string(1 + m) + " instead of " +
                           std::to_string(x.rank()));
  }
  Blocks b;
  TFSK_ASSIGN_OR_RETURN(b.block, IndexValues(block_t, "block_shape"));
  TFSK_ASSIGN_OR_RETURN(auto p, IndexValues(pads_t, pads_name));
  for (std::int64_t i = 0; i < m; ++i) {
    const auto ui = static_cast<std::size_t>(i);
    if (b.block[ui] < 1)
      return InvalidArgument("All values in block_shape must be positive, got " +
                             JoinInts(b.block));
    if (p[2 * ui] < 0 || p[2 * ui + 1] < 0) {
      return InvalidArgument("All values in " + std::string(pads_name) +
                             " must be non-negative, got " + JoinInts(p));
    }
    b.pads.emplace_back(p[2 * ui], p[2 * ui + 1]);
    b.product *= b.block[ui];
  }
  return b;
}

/// Walks every (space batch b, padded spatial position, block offset) pair of the two layouts
/// and calls f(batch_elem_offset, space_elem_offset_or_-1, row) where row is the number of
/// trailing elements per position. `space` is [B, S1..SM, rest] (unpadded sizes in
/// space_dims, pads applied); `batch` is [prod*B, S1'/b1.., rest].
template <typename F>
void ForEachPair(const Shape& space_dims, const Blocks& bl, std::int64_t batch, std::int64_t row,
                 F&& f) {
  const std::size_t m = bl.block.size();
  std::vector<std::int64_t> padded(m), reduced(m);
  for (std::size_t i = 0; i < m; ++i) {
    padded[i] = space_dims[i] + bl.pads[i].first + bl.pads[i].second;
    reduced[i] = padded[i] / bl.block[i];
  }
  std::int64_t reduced_count = 1, space_count = 1;
  for (std::size_t i = 0; i < m; ++i) {
    reduced_count *= reduced[i];
    space_count *= space_dims[i];
  }
  std::vector<std::int64_t> offset(m), pos(m);
  for (std::int64_t ob = 0; ob < bl.product * batch; ++ob) {
    const std::int64_t b = ob % batch;
    std::int64_t k = ob / batch;
    for (std::size_t i = m; i-- > 0;) {  // block offsets, last spatial dim fastest
      offset[i] = k % bl.block[i];
      k /= bl.block[i];
    }
    for (std::int64_t r = 0; r < reduced_count; ++r) {
      std::int64_t rem = r, space = 0;
      bool inside = true;
      for (std::size_t i = m; i-- > 0;) {
        pos[i] = rem % reduced[i];
        rem /= reduced[i];
      }
      std::int64_t stride = 1;
      for (std::size_t i = m; i-- > 0;) {
        const std::int64_t s = pos[i] * bl.block[i] + offset[i] - bl.pads[i].first;
        inside = inside && s >= 0 && s < space_dims[i];
        space += s * stride;
        stride *= space_dims[i];
      }
      f((ob * reduced_count + r) * row, inside ? (b * space_count + space) * row : -1);
    }
  }
}

// Appends x's dims from `first` on to `shape` (they move as a block) and returns their product:
// the elements each moved cell carries.
std::int64_t AppendTrailingDims(const Tensor& x, int first, Shape& shape) {
  std::int64_t row = 1;
  for (int d = first; d < x.rank(); ++d) {
    shape.push_back(x.dim(d));
    row *= x.dim(d);
  }
  return row;
}

Status SpaceToBatchND(OpContext& ctx) {
  TFSK_RETURN_IF_ERROR(CheckNumInputs(ctx, 3));
  const Tensor& x = ctx.input(0);
  TFSK_ASSIGN_OR_RETURN(Blocks bl, ReadBlocks(x, ctx.input(1), ctx.input(2), "paddings"));
  const auto m = static_cast<int>(bl.block.size());
  Shape out_shape{x.dim(0) * bl.product};
  Shape space_dims;
  for (int i = 0; i < m; ++i) {
    const auto ui = static_cast<std::size_t>(i);
    const std::int64_t padded = x.dim(i + 1) + bl.pads[ui].first + bl.pads[ui].second;
    if (padded % bl.block[ui] != 0) {
      return InvalidArgument("padded_shape[" + std::to_string(i) + "]=" + std::to_string(padded) +
                             " is not divisible by block_shape[" + std::to_string(i) +
                             "]=" + std::to_string(bl.block[ui]));
    }
    out_shape.push_back(padded / bl.block[ui]);
    space_dims.push_back(x.dim(i + 1));
  }
  const std::int64_t row = AppendTrailingDims(x, m + 1, out_shape);
  return DispatchAll(x.dtype(), ctx.node.op, [&]<typename T>() -> Status {
    Tensor out(x.dtype(), out_shape);
    auto src = x.flat<T>();
    auto dst = out.flat<T>();
    ForEachPair(space_dims, bl, x.dim(0), row, [&](std::int64_t to, std::int64_t from) {
      for (std::int64_t k = 0; k < row; ++k) {
        dst[static_cast<std::size_t>(to + k)] =
            from < 0 ? T{} : src[static_cast<std::size_t>(from + k)];
      }
    });
    ctx.outputs.push_back(std::move(out));
    return OkStatus();
  });
}

Status BatchToSpaceND(OpContext& ctx) {
  TFSK_RETURN_IF_ERROR(CheckNumInputs(ctx, 3));
  const Tensor& x = ctx.input(0);
  TFSK_ASSIGN_OR_RETURN(Blocks bl, ReadBlocks(x, ctx.input(1), ctx.input(2), "crops"));
  const auto m = static_cast<int>(bl.block.size());
  if (x.dim(0) % bl.product != 0) {
    return InvalidArgument("Input batch dimension (" + std::to_string(x.dim(0)) +
                           ") is not divisible by product of block sizes (" +
                           std::to_string(bl.product) + ")");
  }
  const std::int64_t batch = x.dim(0) / bl.product;
  Shape out_shape{batch};
  Shape space_dims;
  for (int i = 0; i < m; ++i) {
    const auto ui = static_cast<std::size_t>(i);
    const std::int64_t full = x.dim(i + 1) * bl.block[ui];
    const std::int64_t size = full - bl.pads[ui].first - bl.pads[ui].second;
    if (size < 0) {
      return InvalidArgument(
          "Negative output dimension size caused by overly large crop values for dim " +
          std::to_string(i) + ": " + std::to_string(size));
    }
    out_shape.push_back(size);
    space_dims.push_back(size);
  }
  const std::int64_t row = AppendTrailingDims(x, m + 1, out_shape);
  return DispatchAll(x.dtype(), ctx.node.op, [&]<typename T>() -> Status {
    Tensor out(x.dtype(), out_shape);
    auto src = x.flat<T>();
    auto dst = out.flat<T>();
    // The same pairing as SpaceToBatchND, with the crops as the pads; cropped cells are dropped.
    ForEachPair(space_dims, bl, batch, row, [&](std::int64_t from, std::int64_t to) {
      if (to < 0) return;
      for (std::int64_t k = 0; k < row; ++k)
        dst[static_cast<std::size_t>(to + k)] = src[static_cast<std::size_t>(from + k)];
    });
    ctx.outputs.push_back(std::move(out));
    return OkStatus();
  });
}

}  // namespace

void RegisterSpaceBatchOps(KernelRegistry& r) {
  r.Register({"SpaceToBatchND", &SpaceToBatchND, {}});
  r.Register({"BatchToSpaceND", &BatchToSpaceND, {}});
}

}  // namespace tfsk::serving::ops
