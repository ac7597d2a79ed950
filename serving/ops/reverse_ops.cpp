// Reverse (bool mask per dim) and ReverseV2 (list of axes).

#include "serving/ops/op_util.h"

namespace tfsk::serving::ops {
namespace {

/// Emits x with the dims flagged in `flip` reversed.
Status EmitReversed(OpContext& ctx, const Tensor& x, const std::vector<bool>& flip) {
  const int rank = x.rank();
  const auto strides = RowMajorStrides(x.shape());
  return DispatchAll(x.dtype(), ctx.node.op, [&]<typename T>() -> Status {
    Tensor out(x.dtype(), x.shape());
    auto src = x.flat<T>();
    auto dst = out.flat<T>();
    std::vector<std::int64_t> idx(static_cast<std::size_t>(rank), 0);
    for (std::size_t i = 0; i < dst.size(); ++i) {
      std::int64_t off = 0;
      for (int d = 0; d < rank; ++d) {
        const auto ud = static_cast<std::size_t>(d);
        off += (flip[ud] ? x.dim(d) - 1 - idx[ud] : idx[ud]) * strides[ud];
      }
      dst[i] = src[static_cast<std::size_t>(off)];
      AdvanceIndex(idx, x.shape());
    }
    ctx.outputs.push_back(std::move(out));
    return OkStatus();
  });
}

Status ReverseV2(OpContext& ctx) {
  TFSK_RETURN_IF_ERROR(CheckNumInputs(ctx, 2));
  const Tensor& x = ctx.input(0);
  const Tensor& axes_t = ctx.input(1);
  if (axes_t.rank() != 1) {
    return InvalidArgument("'dims' must be 1-dimension, not " + std::to_string(axes_t.rank()));
  }
  TFSK_ASSIGN_OR_RETURN(auto axes, IndexValues(axes_t, "axis"));
  std::vector<bool> flip(static_cast<std::size_t>(x.rank()), false);
  for (std::size_t i = 0; i < axes.size(); ++i) {
    const std::int64_t a = axes[i] < 0 ? axes[i] + x.rank() : axes[i];
    if (a < 0 || a >= x.rank()) {
      return InvalidArgument("'axis'[" + std::to_string(i) + "] = " + std::to_string(axes[i]) +
                             " is out of valid range [0, " + std::to_string(x.rank() - 1));
    }
    if (flip[static_cast<std::size_t>(a)]) {
      return InvalidArgument("axis " + std::to_string(a) + " specified more than once.");
    }
    flip[static_cast<std::size_t>(a)] = true;
  }
  return EmitReversed(ctx, x, flip);
}

Status Reverse(OpContext& ctx) {
  TFSK_RETURN_IF_ERROR(CheckNumInputs(ctx, 2));
  const Tensor& x = ctx.input(0);
  const Tensor& dims = ctx.input(1);
  if (dims.rank() != 1 || dims.dtype() != DataType::kBool) {
    return InvalidArgument("'dims' must be a bool vector, got " + DataTypeName(dims.dtype()) + " " +
                           ShapeString(dims.shape()));
  }
  if (dims.num_elements() != x.rank()) {
    return InvalidArgument(
        "'dims' must have the same number of values as 'input' has dimensions. 'input' has " +
        std::to_string(x.rank()) + "'dims' has " + std::to_string(dims.num_elements()) + " values");
  }
  auto f = dims.flat<bool>();
  return EmitReversed(ctx, x, std::vector<bool>(f.begin(), f.end()));
}

}  // namespace

void RegisterReverseOps(KernelRegistry& r) {
  r.Register({"ReverseV2", &ReverseV2, {}});
  r.Register({"Reverse", &Reverse, {}});
}

}  // namespace tfsk::serving::ops
