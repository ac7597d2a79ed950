// Ops that rearrange elements without arithmetic: Reshape, Squeeze, ExpandDims, ConcatV2,
// Pack, Unpack, Transpose.

#include <algorithm>

#include "serving/ops/op_util.h"

namespace tfsk::serving::ops {
namespace {

Status Reshape(OpContext& ctx) {
  TFSK_RETURN_IF_ERROR(CheckNumInputs(ctx, 2));
  const Tensor& x = ctx.input(0);
  if (ctx.input(1).rank() > 1) {
    return InvalidArgument("shape must be a vector of {int32,int64}, got shape " +
                           ShapeString(ctx.input(1).shape()));
  }
  TFSK_ASSIGN_OR_RETURN(Shape shape, IndexValues(ctx.input(1), "shape"));
  int unknown = -1;
  std::int64_t known = 1;
  for (std::size_t i = 0; i < shape.size(); ++i) {
    if (shape[i] == -1) {
      if (unknown >= 0) {
        return InvalidArgument("Only one input size may be -1, not both " + std::to_string(unknown) +
                               " and " + std::to_string(i));
      }
      unknown = static_cast<int>(i);
    } else if (shape[i] < 0) {
      return InvalidArgument("Size " + std::to_string(i) + " must be non-negative, not " +
                             std::to_string(shape[i]));
    } else {
      known *= shape[i];
    }
  }
  if (unknown >= 0) {
    if (known == 0 || x.num_elements() % known != 0) {
      return InvalidArgument("Input to reshape is a tensor with " + std::to_string(x.num_elements()) +
                             " values, but the requested shape requires a multiple of " +
                             std::to_string(known));
    }
    shape[static_cast<std::size_t>(unknown)] = x.num_elements() / known;
  }
  TFSK_ASSIGN_OR_RETURN(Tensor out, x.Reshaped(std::move(shape)));
  ctx.outputs.push_back(std::move(out));
  return OkStatus();
}

Status Squeeze(OpContext& ctx) {
  TFSK_RETURN_IF_ERROR(CheckNumInputs(ctx, 1));
  const Tensor& x = ctx.input(0);
  std::vector<std::int64_t> dims;
  if (auto v = ctx.node.GetIntList("squeeze_dims"); v.ok()) dims = *v;
  else if (auto a = ctx.node.GetIntList("axis"); a.ok()) dims = *a;
  std::vector<bool> drop(static_cast<std::size_t>(x.rank()), false);
  for (auto d : dims) {
    TFSK_ASSIGN_OR_RETURN(int axis, NormalizeAxis(d, x.rank(), "Squeeze dimension"));
    if (x.dim(axis) != 1) {
      return InvalidArgument("Can not squeeze dim[" + std::to_string(axis) +
                             "], expected a dimension of 1, got " + std::to_string(x.dim(axis)));
    }
    drop[static_cast<std::size_t>(axis)] = true;
  }
  Shape out;
  for (int i = 0; i < x.rank(); ++i) {
    const bool squeeze = dims.empty() ? x.dim(i) == 1 : drop[static_cast<std::size_t>(i)];
    if (!squeeze) out.push_back(x.dim(i));
  }
  TFSK_ASSIGN_OR_RETURN(Tensor t, x.Reshaped(std::move(out)));
  ctx.outputs.push_back(std::move(t));
  return OkStatus();
}

Status ExpandDims(OpContext& ctx) {
  TFSK_RETURN_IF_ERROR(CheckNumInputs(ctx, 2));
  const Tensor& x = ctx.input(0);
  TFSK_ASSIGN_OR_RETURN(auto axes, IndexValues(ctx.input(1), "dim"));
  if (axes.size() != 1) return InvalidArgument("'dim' must be a tensor with a single value");
  TFSK_ASSIGN_OR_RETURN(int axis, NormalizeAxis(axes[0], x.rank() + 1, "ExpandDims dim"));
  Shape out = x.shape();
  out.insert(out.begin() + axis, 1);
  TFSK_ASSIGN_OR_RETURN(Tensor t, x.Reshaped(std::move(out)));
  ctx.outputs.push_back(std::move(t));
  return OkStatus();
}

/// Concatenates `parts` along `axis` (all of the same dtype and rank, equal off-axis dims).
Status ConcatParts(OpContext& ctx, std::span<const Tensor> parts, std::int64_t axis_value) {
  if (parts.empty()) return InvalidArgument(ctx.node.op + " needs at least one input");
  const Tensor& first = parts[0];
  TFSK_ASSIGN_OR_RETURN(int axis, NormalizeAxis(axis_value, std::max(first.rank(), 1), "ConcatOp axis"));
  if (first.rank() == 0) return InvalidArgument("Can't concatenate scalars (use tf.stack instead)");
  Shape out_shape = first.shape();
  out_shape[static_cast<std::size_t>(axis)] = 0;
  for (const Tensor& p : parts) {
    bool ok = p.dtype() == first.dtype() && p.rank() == first.rank();
    for (int d = 0; ok && d < p.rank(); ++d) ok = d == axis || p.dim(d) == first.dim(d);
    if (!ok) {
      return InvalidArgument("ConcatOp : Dimension mismatch in inputs: " + ShapeString(first.shape()) +
                             " vs. " + ShapeString(p.shape()));
    }
    out_shape[static_cast<std::size_t>(axis)] += p.dim(axis);
  }
  std::int64_t outer = 1;
  for (int d = 0; d < axis; ++d) outer *= first.dim(d);
  return DispatchAll(first.dtype(), ctx.node.op, [&]<typename T>() -> Status {
    Tensor out(first.dtype(), out_shape);
    auto o = out.flat<T>();
    std::size_t pos = 0;
    for (std::int64_t r = 0; r < outer; ++r) {
      for (const Tensor& p : parts) {
        const auto chunk = static_cast<std::size_t>(outer == 0 ? 0 : p.num_elements() / outer);
        auto src = p.flat<T>().subspan(static_cast<std::size_t>(r) * chunk, chunk);
        std::copy(src.begin(), src.end(), o.begin() + static_cast<std::ptrdiff_t>(pos));
        pos += chunk;
      }
    }
    ctx.outputs.push_back(std::move(out));
    return OkStatus();
  });
}

Status ConcatV2(OpContext& ctx) {
  if (ctx.num_inputs() < 2) return InvalidArgument("ConcatV2 needs values and an axis");
  TFSK_ASSIGN_OR_RETURN(auto axis, IndexValues(ctx.inputs.back(), "axis"));
  if (axis.size() != 1) return InvalidArgument("axis must be a scalar");
  return ConcatParts(ctx, ctx.inputs.first(ctx.inputs.size() - 1), axis[0]);
}

Status Concat(OpContext& ctx) {  // v1: axis first
  if (ctx.num_inputs() < 2) return InvalidArgument("Concat needs an axis and values");
  TFSK_ASSIGN_OR_RETURN(auto axis, IndexValues(ctx.input(0), "concat_dim"));
  if (axis.size() != 1) return InvalidArgument("concat_dim must be a scalar");
  return ConcatParts(ctx, ctx.inputs.subspan(1), axis[0]);
}

Status Pack(OpContext& ctx) {
  if (ctx.num_inputs() == 0) return InvalidArgument("Pack needs at least one input");
  const Tensor& first = ctx.input(0);
  TFSK_ASSIGN_OR_RETURN(int axis, NormalizeAxis(ctx.node.IntOr("axis", 0), first.rank() + 1, "Pack axis"));
  // Pack = ExpandDims every input at `axis`, then concatenate along it.
  std::vector<Tensor> expanded;
  for (const Tensor& t : ctx.inputs) {
    if (t.shape() != first.shape()) {
      return InvalidArgument("Shapes of all inputs must match: values[0].shape = " +
                             ShapeString(first.shape()) + " != values[" +
                             std::to_string(expanded.size()) + "].shape = " + ShapeString(t.shape()));
    }
    Shape s = t.shape();
    s.insert(s.begin() + axis, 1);
    TFSK_ASSIGN_OR_RETURN(Tensor e, t.Reshaped(std::move(s)));
    expanded.push_back(std::move(e));
  }
  return ConcatParts(ctx, expanded, axis);
}

Status Unpack(OpContext& ctx) {
  TFSK_RETURN_IF_ERROR(CheckNumInputs(ctx, 1));
  const Tensor& x = ctx.input(0);
  TFSK_ASSIGN_OR_RETURN(int axis, NormalizeAxis(ctx.node.IntOr("axis", 0), x.rank(), "Unpack axis"));
  const std::int64_t n = x.dim(axis);
  std::int64_t outer = 1, inner = 1;
  for (int d = 0; d < axis; ++d) outer *= x.dim(d);
  for (int d = axis + 1; d < x.rank(); ++d) inner *= x.dim(d);
  Shape piece = x.shape();
  piece.erase(piece.begin() + axis);
  return DispatchAll(x.dtype(), ctx.node.op, [&]<typename T>() -> Status {
    auto src = x.flat<T>();
    for (std::int64_t k = 0; k < n; ++k) {
      Tensor out(x.dtype(), piece);
      auto o = out.flat<T>();
      for (std::int64_t r = 0; r < outer; ++r) {
        for (std::int64_t i = 0; i < inner; ++i) {
          o[static_cast<std::size_t>(r * inner + i)] = src[static_cast<std::size_t>((r * n + k) * inner + i)];
        }
      }
      ctx.outputs.push_back(std::move(out));
    }
    return OkStatus();
  });
}

Status Transpose(OpContext& ctx) {
  TFSK_RETURN_IF_ERROR(CheckNumInputs(ctx, 2));
  const Tensor& x = ctx.input(0);
  TFSK_ASSIGN_OR_RETURN(auto perm, IndexValues(ctx.input(1), "perm"));
  if (static_cast<int>(perm.size()) != x.rank()) {
    return InvalidArgument("transpose expects a vector of size " + std::to_string(x.rank()) +
                           ". But input(1) is a vector of size " + std::to_string(perm.size()));
  }
  std::vector<bool> seen(perm.size(), false);
  Shape out_shape(perm.size());
  std::vector<std::int64_t> in_strides(perm.size(), 1);
  for (int d = x.rank() - 2; d >= 0; --d) {
    in_strides[static_cast<std::size_t>(d)] = in_strides[static_cast<std::size_t>(d) + 1] * x.dim(d + 1);
  }
  std::vector<std::int64_t> strides(perm.size());
  for (std::size_t i = 0; i < perm.size(); ++i) {
    if (perm[i] < 0 || perm[i] >= x.rank() || seen[static_cast<std::size_t>(perm[i])]) {
      return InvalidArgument(std::to_string(perm[i]) + " is not a valid permutation index");
    }
    seen[static_cast<std::size_t>(perm[i])] = true;
    out_shape[i] = x.dim(static_cast<int>(perm[i]));
    strides[i] = in_strides[static_cast<std::size_t>(perm[i])];
  }
  return DispatchAll(x.dtype(), ctx.node.op, [&]<typename T>() -> Status {
    Tensor out(x.dtype(), out_shape);
    auto src = x.flat<T>();
    auto o = out.flat<T>();
    std::vector<std::int64_t> idx(perm.size(), 0);
    std::int64_t off = 0;
    for (std::size_t i = 0; i < o.size(); ++i) {
      o[i] = src[static_cast<std::size_t>(off)];
      for (int d = static_cast<int>(perm.size()) - 1; d >= 0; --d) {
        const auto ud = static_cast<std::size_t>(d);
        off += strides[ud];
        if (++idx[ud] < out_shape[ud]) break;
        off -= strides[ud] * out_shape[ud];
        idx[ud] = 0;
      }
    }
    ctx.outputs.push_back(std::move(out));
    return OkStatus();
  });
}

}  // namespace

void RegisterShapeOps(KernelRegistry& r) {
  r.Register({"Reshape", &Reshape, {}});
  r.Register({"Squeeze", &Squeeze, {}});
  r.Register({"ExpandDims", &ExpandDims, {}});
  r.Register({"ConcatV2", &ConcatV2, {}});
  r.Register({"Concat", &Concat, {}});
  r.Register({"Pack", &Pack, {}});
  r.Register({"Unpack", &Unpack, {}});
  r.Register({"Transpose", &Transpose, {}});
  // Conjugation is the identity on the real dtypes this kernel has, so it is a Transpose.
  r.Register({"ConjugateTranspose", &Transpose, {}});
}

}  // namespace tfsk::serving::ops
