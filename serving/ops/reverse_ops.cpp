// Reverse (bool mask per dim), ReverseV2 (list of axes) and ReverseSequence (a prefix of each
// batch entry's sequence: TF1's bidirectional_dynamic_rnn reverses its backward input with it).

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

/// ReverseSequence: for each index b along batch_dim, the first seq_lengths[b] elements along
/// seq_dim are reversed; the rest of the sequence is copied as is.
Status ReverseSequence(OpContext& ctx) {
  TFSK_RETURN_IF_ERROR(CheckNumInputs(ctx, 2));
  const Tensor& x = ctx.input(0);
  const Tensor& lengths_t = ctx.input(1);
  const std::int64_t batch_dim = ctx.node.IntOr("batch_dim", 0);
  TFSK_ASSIGN_OR_RETURN(const std::int64_t seq_dim, ctx.node.GetInt("seq_dim"));
  if (batch_dim < 0) return InvalidArgument("Invalid batch_dim " + std::to_string(batch_dim));
  if (seq_dim < 0) return InvalidArgument("Invalid seq_dim " + std::to_string(seq_dim));
  if (lengths_t.rank() != 1) {
    return InvalidArgument("seq_lengths must be 1-dim, not " + std::to_string(lengths_t.rank()));
  }
  TFSK_ASSIGN_OR_RETURN(std::vector<std::int64_t> lengths, IndexValues(lengths_t, "seq_lengths"));
  if (batch_dim == seq_dim) return InvalidArgument("batch_dim == seq_dim == " + std::to_string(seq_dim));
  const int rank = x.rank();
  if (seq_dim >= rank) {
    return InvalidArgument("seq_dim must be < input rank ( " + std::to_string(seq_dim) + " vs. " +
                           std::to_string(rank) + ")");
  }
  if (batch_dim >= rank) {
    return InvalidArgument("batch_dim must be < input rank ( " + std::to_string(batch_dim) +
                           " vs. " + std::to_string(rank) + ")");
  }
  const std::int64_t batch = x.dim(static_cast<int>(batch_dim));
  const std::int64_t steps = x.dim(static_cast<int>(seq_dim));
  if (static_cast<std::int64_t>(lengths.size()) != batch) {
    return InvalidArgument("Length of seq_lengths != input.dims(" + std::to_string(batch_dim) +
                           "), (" + std::to_string(lengths.size()) + " vs. " +
                           std::to_string(batch) + ")");
  }
  for (std::size_t d = 0; d < lengths.size(); ++d) {
    if (lengths[d] < 0) return InvalidArgument("seq_lens(" + std::to_string(d) + ") < 0");
    if (lengths[d] > steps) {
      return InvalidArgument("seq_lens(" + std::to_string(d) + ") > input.dims(" +
                             std::to_string(seq_dim) + ")");
    }
  }
  // TensorFlow's kernel is instantiated for ranks 2 to 5 only.
  if (rank < 2 || rank > 5) {
    return InvalidArgument("ReverseSequenceOp : Unhandled input dimensions: " +
                           std::to_string(rank));
  }
  const auto strides = RowMajorStrides(x.shape());
  const std::int64_t seq_stride = strides[static_cast<std::size_t>(seq_dim)];
  const std::int64_t batch_stride = strides[static_cast<std::size_t>(batch_dim)];
  return DispatchAll(x.dtype(), ctx.node.op, [&]<typename T>() -> Status {
    Tensor out(x.dtype(), x.shape());
    auto src = x.flat<T>();
    auto dst = out.flat<T>();
    for (std::size_t i = 0; i < dst.size(); ++i) {
      const auto at = static_cast<std::int64_t>(i);
      const std::int64_t s = at / seq_stride % steps;
      const std::int64_t len = lengths[static_cast<std::size_t>(at / batch_stride % batch)];
      const std::int64_t from = s < len ? at + (len - 1 - 2 * s) * seq_stride : at;
      dst[i] = src[static_cast<std::size_t>(from)];
    }
    ctx.outputs.push_back(std::move(out));
    return OkStatus();
  });
}

}  // namespace

void RegisterReverseOps(KernelRegistry& r) {
  r.Register({"ReverseV2", &ReverseV2, {}});
  r.Register({"Reverse", &Reverse, {}});
  r.Register({"ReverseSequence", &ReverseSequence, {}});
}

}  // namespace tfsk::serving::ops
