// Pad, PadV2 (constant padding) and MirrorPad (REFLECT / SYMMETRIC), any rank and dtype.

#include "serving/ops/op_util.h"

namespace tfsk::serving::ops {
namespace {

enum class Mode { kConstant, kReflect, kSymmetric };

/// Per input dim: the padding before and after, read from an [rank, 2] paddings tensor with
/// TensorFlow's checks.
StatusOr<std::vector<std::pair<std::int64_t, std::int64_t>>> ReadPaddings(const Tensor& x,
                                                                          const Tensor& p,
                                                                          Mode mode) {
  if (p.rank() != 2 || p.dim(1) != 2) {
    return InvalidArgument("paddings must be a matrix with 2 columns: " + ShapeString(p.shape()));
  }
  if (p.dim(0) != x.rank()) {
    return InvalidArgument("The first dimension of paddings must be the rank of inputs" +
                           ShapeString(p.shape()) + " " + ShapeString(x.shape()));
  }
  TFSK_ASSIGN_OR_RETURN(auto v, IndexValues(p, "paddings"));
  std::vector<std::pair<std::int64_t, std::int64_t>> out;
  for (int d = 0; d < x.rank(); ++d) {
    const std::int64_t before = v[static_cast<std::size_t>(2 * d)];
    const std::int64_t after = v[static_cast<std::size_t>(2 * d + 1)];
    if (before < 0 || after < 0) {
      return InvalidArgument("Paddings must be non-negative: " + std::to_string(before) + " " +
                             std::to_string(after));
    }
    const std::int64_t size = x.dim(d);
    if (mode == Mode::kReflect && (before >= size || after >= size)) {
      return InvalidArgument(
          "paddings must be less than the dimension size: " + std::to_string(before) + ", " +
          std::to_string(after) + " not less than " + std::to_string(size));
    }
    if (mode == Mode::kSymmetric && (before > size || after > size)) {
      return InvalidArgument(
          "paddings must be no greater than the dimension size: " + std::to_string(before) + ", " +
          std::to_string(after) + " greater than " + std::to_string(size));
    }
    out.emplace_back(before, after);
  }
  return out;
}

/// Source index of output coordinate `o` along a dim of `size` padded by `before`; -1 means
/// the constant.
std::int64_t SourceIndex(std::int64_t o, std::int64_t before, std::int64_t size, Mode mode) {
  const std::int64_t i = o - before;
  if (i >= 0 && i < size) return i;
  switch (mode) {
    case Mode::kConstant:
      return -1;
    case Mode::kReflect:
      return i < 0 ? -i : 2 * (size - 1) - i;
    case Mode::kSymmetric:
      return i < 0 ? -i - 1 : 2 * size - 1 - i;
  }
  return -1;
}

Status RunPad(OpContext& ctx, Mode mode, const Tensor* constant) {
  const Tensor& x = ctx.input(0);
  TFSK_ASSIGN_OR_RETURN(auto pads, ReadPaddings(x, ctx.input(1), mode));
  const int rank = x.rank();
  Shape out_shape;
  // maps[d][o]: the input index along dim d feeding output index o (-1: constant).
  std::vector<std::vector<std::int64_t>> maps(static_cast<std::size_t>(rank));
  for (int d = 0; d < rank; ++d) {
    const auto ud = static_cast<std::size_t>(d);
    const std::int64_t n = x.dim(d) + pads[ud].first + pads[ud].second;
    out_shape.push_back(n);
    for (std::int64_t o = 0; o < n; ++o)
      maps[ud].push_back(SourceIndex(o, pads[ud].first, x.dim(d), mode));
  }
  std::vector<std::int64_t> in_strides(static_cast<std::size_t>(rank), 1);
  for (int d = rank - 2; d >= 0; --d) {
    in_strides[static_cast<std::size_t>(d)] =
        in_strides[static_cast<std::size_t>(d) + 1] * x.dim(d + 1);
  }
  return DispatchAll(x.dtype(), ctx.node.op, [&]<typename T>() -> Status {
    Tensor out(x.dtype(), out_shape);
    auto o = out.flat<T>();
    auto src = x.flat<T>();
    const T fill = constant != nullptr ? constant->flat<T>()[0] : T{};
    std::vector<std::int64_t> idx(static_cast<std::size_t>(rank), 0);
    for (std::size_t i = 0; i < o.size(); ++i) {
      std::int64_t off = 0;
      bool inside = true;
      for (int d = 0; d < rank && inside; ++d) {
        const auto ud = static_cast<std::size_t>(d);
        const std::int64_t s = maps[ud][static_cast<std::size_t>(idx[ud])];
        inside = s >= 0;
        off += s * in_strides[ud];
      }
      o[i] = inside ? src[static_cast<std::size_t>(off)] : fill;
      AdvanceIndex(idx, out_shape);
    }
    ctx.outputs.push_back(std::move(out));
    return OkStatus();
  });
}

Status Pad(OpContext& ctx) {
  TFSK_RETURN_IF_ERROR(CheckNumInputs(ctx, 2));
  return RunPad(ctx, Mode::kConstant, nullptr);
}

Status PadV2(OpContext& ctx) {
  TFSK_RETURN_IF_ERROR(CheckNumInputs(ctx, 3));
  const Tensor& c = ctx.input(2);
  if (c.rank() != 0)
    return InvalidArgument("constant_values must be a scalar. Got: " + ShapeString(c.shape()));
  if (c.dtype() != ctx.input(0).dtype()) {
    return InvalidArgument("PadV2 constant_values must have the input's type " +
                           DataTypeName(ctx.input(0).dtype()) + ", got " + DataTypeName(c.dtype()));
  }
  return RunPad(ctx, Mode::kConstant, &c);
}

Status MirrorPad(OpContext& ctx) {
  TFSK_RETURN_IF_ERROR(CheckNumInputs(ctx, 2));
  TFSK_ASSIGN_OR_RETURN(std::string mode, ctx.node.GetString("mode"));
  if (mode == "REFLECT") return RunPad(ctx, Mode::kReflect, nullptr);
  if (mode == "SYMMETRIC") return RunPad(ctx, Mode::kSymmetric, nullptr);
  return InvalidArgument("Unknown MirrorPad mode '" + mode + "'; expected REFLECT or SYMMETRIC");
}

}  // namespace

void RegisterPadOps(KernelRegistry& r) {
  r.Register({"Pad", &Pad, {}});
  r.Register({"PadV2", &PadV2, {}});
  r.Register({"MirrorPad", &MirrorPad, {"mode"}});
}

}  // namespace tfsk::serving::ops
