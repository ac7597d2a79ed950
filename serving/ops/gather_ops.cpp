// Indexing ops common in Keras exports: GatherV2, ResourceGather (embedding lookups), Tile and
// Range.

#include <cmath>

#include "serving/ops/op_util.h"

namespace tfsk::serving::ops {
namespace {

/// params[..., indices, ...] along `axis`: shape params[:axis] + indices + params[axis+1:].
Status GatherAlong(OpContext& ctx, const Tensor& params, const Tensor& indices_t, int axis) {
  TFSK_ASSIGN_OR_RETURN(auto indices, IndexValues(indices_t, "indices"));
  std::int64_t outer = 1, inner = 1;
  for (int d = 0; d < axis; ++d) outer *= params.dim(d);
  for (int d = axis + 1; d < params.rank(); ++d) inner *= params.dim(d);
  const std::int64_t limit = params.dim(axis);
  for (std::size_t i = 0; i < indices.size(); ++i) {
    if (indices[i] < 0 || indices[i] >= limit) {
      return InvalidArgument("indices[" + std::to_string(i) + "] = " + std::to_string(indices[i]) +
                             " is not in [0, " + std::to_string(limit) + ")");
    }
  }
  Shape shape(params.shape().begin(), params.shape().begin() + axis);
  shape.insert(shape.end(), indices_t.shape().begin(), indices_t.shape().end());
  shape.insert(shape.end(), params.shape().begin() + axis + 1, params.shape().end());
  return DispatchAll(params.dtype(), ctx.node.op, [&]<typename T>() -> Status {
    Tensor out(params.dtype(), shape);
    auto src = params.flat<T>();
    auto dst = out.flat<T>();
    std::size_t pos = 0;
    for (std::int64_t o = 0; o < outer; ++o) {
      for (std::int64_t idx : indices) {
        auto row = src.subspan(static_cast<std::size_t>((o * limit + idx) * inner), static_cast<std::size_t>(inner));
        std::copy(row.begin(), row.end(), dst.begin() + static_cast<std::ptrdiff_t>(pos));
        pos += static_cast<std::size_t>(inner);
      }
    }
    ctx.outputs.push_back(std::move(out));
    return OkStatus();
  });
}

Status GatherV2(OpContext& ctx) {
  TFSK_RETURN_IF_ERROR(CheckNumInputs(ctx, 3));
  if (ctx.node.IntOr("batch_dims", 0) != 0) return Unimplemented("GatherV2 with batch_dims != 0");
  TFSK_ASSIGN_OR_RETURN(auto axis_v, IndexValues(ctx.input(2), "axis"));
  if (axis_v.size() != 1) return InvalidArgument("axis must be a scalar");
  const Tensor& params = ctx.input(0);
  if (params.rank() == 0) return InvalidArgument("params must be at least 1 dimensional");
  TFSK_ASSIGN_OR_RETURN(int axis, NormalizeAxis(axis_v[0], params.rank(), "Expected axis"));
  return GatherAlong(ctx, params, ctx.input(1), axis);
}

Status ResourceGather(OpContext& ctx) {
  TFSK_RETURN_IF_ERROR(CheckNumInputs(ctx, 2));
  if (ctx.node.IntOr("batch_dims", 0) != 0) return Unimplemented("ResourceGather with batch_dims != 0");
  const Tensor& h = ctx.input(0);
  if (h.dtype() != DataType::kResource || h.num_elements() != 1) {
    return InvalidArgument("ResourceGather expects a scalar resource handle");
  }
  const std::string& name = h.flat<std::string>()[0];
  auto var = ctx.variables.Find(name);
  Tensor params = var ? var->Read() : Tensor();
  if (!params.valid()) {
    return FailedPrecondition("Could not find variable " + name +
                              ". This could mean that the variable has been deleted or was "
                              "uninitialized.");
  }
  if (params.rank() == 0) return InvalidArgument("params must be at least 1 dimensional");
  return GatherAlong(ctx, params, ctx.input(1), 0);
}

Status Tile(OpContext& ctx) {
  TFSK_RETURN_IF_ERROR(CheckNumInputs(ctx, 2));
  const Tensor& x = ctx.input(0);
  TFSK_ASSIGN_OR_RETURN(auto mult, IndexValues(ctx.input(1), "multiples"));
  if (static_cast<int>(mult.size()) != x.rank()) {
    return InvalidArgument("Expected multiples argument to be a vector of length " +
                           std::to_string(x.rank()) + " but got length " + std::to_string(mult.size()));
  }
  Shape shape = x.shape();
  for (std::size_t d = 0; d < mult.size(); ++d) {
    if (mult[d] < 0) return InvalidArgument("Expected multiples[" + std::to_string(d) + "] >= 0");
    shape[d] *= mult[d];
  }
  return DispatchAll(x.dtype(), ctx.node.op, [&]<typename T>() -> Status {
    Tensor out(x.dtype(), shape);
    auto src = x.flat<T>();
    auto dst = out.flat<T>();
    const int rank = x.rank();
    std::vector<std::int64_t> idx(static_cast<std::size_t>(rank), 0);
    for (std::size_t i = 0; i < dst.size(); ++i) {
      // Map the output index back to the input by taking each coordinate modulo the input dim.
      std::int64_t off = 0;
      for (int d = 0; d < rank; ++d) off = off * x.dim(d) + idx[static_cast<std::size_t>(d)] % x.dim(d);
      dst[i] = src[static_cast<std::size_t>(off)];
      AdvanceIndex(idx, shape);
    }
    ctx.outputs.push_back(std::move(out));
    return OkStatus();
  });
}

Status Range(OpContext& ctx) {
  TFSK_RETURN_IF_ERROR(CheckNumInputs(ctx, 3));
  const DataType dt = ctx.input(0).dtype();
  return DispatchNumeric(dt, ctx.node.op, [&]<typename T>() -> Status {
    for (int i = 0; i < 3; ++i) {
      if (ctx.input(i).dtype() != dt || ctx.input(i).num_elements() != 1) {
        return InvalidArgument("Range expects scalar start, limit and delta of one type");
      }
    }
    const T start = ctx.input(0).flat<T>()[0];
    const T limit = ctx.input(1).flat<T>()[0];
    const T delta = ctx.input(2).flat<T>()[0];
    if (delta == T(0)) return InvalidArgument("Requires delta != 0: 0");
    if ((delta > T(0) && start > limit) || (delta < T(0) && start < limit)) {
      return InvalidArgument("Requires start <= limit when delta > 0, or start >= limit when delta < 0");
    }
    const auto n = static_cast<std::int64_t>(
        std::ceil(std::abs(static_cast<double>(limit) - static_cast<double>(start)) /
                  std::abs(static_cast<double>(delta))));
    Tensor out(dt, {n});
    T v = start;
    for (T& e : out.flat<T>()) {
      e = v;
      v = static_cast<T>(v + delta);
    }
    ctx.outputs.push_back(std::move(out));
    return OkStatus();
  });
}

}  // namespace

void RegisterGatherOps(KernelRegistry& r) {
  r.Register({"GatherV2", &GatherV2, {}});
  r.Register({"ResourceGather", &ResourceGather, {}});
  r.Register({"Tile", &Tile, {}});
  r.Register({"Range", &Range, {}});
}

}  // namespace tfsk::serving::ops
