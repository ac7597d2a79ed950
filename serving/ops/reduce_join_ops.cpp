// ReduceJoin: joins the strings along the axes of `reduction_indices` (int32, negative counts
// from the end) with `separator`, keeping the reduced axes as size 1 when `keep_dims`. As in
// TensorFlow the first listed axis varies fastest within a joined string, so for [[a,b],[c,d]]
// axes [0,1] give "acbd" and [1,0] give "abcd"; no axes leave every element as it is, and an
// empty reduced axis joins nothing ("").

#include <algorithm>
#include <string>
#include <vector>

#include "serving/ops/op_families.h"
#include "serving/ops/op_util.h"

namespace tfsk::serving::ops {
namespace {

Status ReduceJoin(OpContext& ctx) {
  TFSK_RETURN_IF_ERROR(CheckNumInputs(ctx, 2));
  const Tensor& input = ctx.input(0);
  const Tensor& axes_t = ctx.input(1);
  if (input.dtype() != DataType::kString) {
    return InvalidArgument("ReduceJoin expects a string tensor, got " +
                           DataTypeName(input.dtype()));
  }
  if (axes_t.dtype() != DataType::kInt32) {
    return InvalidArgument("ReduceJoin expects int32 reduction_indices, got " +
                           DataTypeName(axes_t.dtype()));
  }
  const bool keep_dims = ctx.node.BoolOr("keep_dims", false);
  const std::string separator = ctx.node.StringOr("separator", "");
  const int rank = input.rank();

  std::vector<bool> reduced(static_cast<std::size_t>(rank), false);
  std::vector<int> reduced_axes;  // in the order given: the first varies fastest
  for (std::int32_t axis : axes_t.flat<std::int32_t>()) {
    if (axis < -rank || axis >= rank) {
      return OutOfRange("Invalid reduction dimension " + std::to_string(axis) + " for input with " +
                        std::to_string(rank) + " dimension(s)");
    }
    const int a = axis < 0 ? axis + rank : axis;
    if (reduced[static_cast<std::size_t>(a)]) {
      return InvalidArgument("Duplicate reduction dimension " + std::to_string(axis));
    }
    reduced[static_cast<std::size_t>(a)] = true;
    reduced_axes.push_back(a);
  }

  Shape out_shape;
  Shape kept_dims;  // sizes of the unreduced axes, outermost first
  std::vector<std::int64_t> kept_strides;
  const std::vector<std::int64_t> strides = RowMajorStrides(input.shape());
  for (int d = 0; d < rank; ++d) {
    const auto k = static_cast<std::size_t>(d);
    if (reduced[k]) {
      if (keep_dims) out_shape.push_back(1);
    } else {
      out_shape.push_back(input.dim(d));
      kept_dims.push_back(input.dim(d));
      kept_strides.push_back(strides[k]);
    }
  }
  std::int64_t group_size = 1;
  for (int a : reduced_axes) group_size *= input.dim(a);

  Tensor out(DataType::kString, out_shape);
  auto in = input.flat<std::string>();
  auto o = out.flat<std::string>();
  std::vector<std::int64_t> kept_index(kept_dims.size(), 0);
  std::vector<std::int64_t> group_index(reduced_axes.size(), 0);
  for (std::size_t i = 0; i < o.size(); ++i) {
    std::int64_t base = 0;
    for (std::size_t d = 0; d < kept_dims.size(); ++d) base += kept_index[d] * kept_strides[d];
    std::string joined;
    std::fill(group_index.begin(), group_index.end(), 0);
    for (std::int64_t g = 0; g < group_size; ++g) {
      std::int64_t offset = base;
      for (std::size_t j = 0; j < reduced_axes.size(); ++j) {
        offset += group_index[j] * strides[static_cast<std::size_t>(reduced_axes[j])];
      }
      if (g > 0) joined += separator;
      joined += in[static_cast<std::size_t>(offset)];
      // Next combination: reduced_axes[0] fastest.
      for (std::size_t j = 0; j < reduced_axes.size(); ++j) {
        if (++group_index[j] < input.dim(reduced_axes[j])) break;
        group_index[j] = 0;
      }
    }
    o[i] = std::move(joined);
    AdvanceIndex(kept_index, kept_dims);
  }
  ctx.outputs.push_back(std::move(out));
  return OkStatus();
}

}  // namespace

void RegisterReduceJoinOps(KernelRegistry& r) { r.Register({"ReduceJoin", &ReduceJoin, {}}); }

}  // namespace tfsk::serving::ops
