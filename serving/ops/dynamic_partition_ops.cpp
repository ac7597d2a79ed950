// DynamicPartition, DynamicStitch and ParallelDynamicStitch: what tf.nn.embedding_lookup exports
// for a partitioned (sharded) embedding variable — ids split by shard, one gather per shard, the
// rows stitched back in the ids' order — and what tf.dynamic_partition / tf.dynamic_stitch
// export in custom models. Rows are copied whole, so every fixed-size dtype and strings work.

#include "serving/ops/op_util.h"
#include "serving/ops/rows.h"

namespace tfsk::serving::ops {
namespace {

/// True when `shape` begins with `prefix` (TensorShapeUtils::StartsWith).
bool StartsWith(const Shape& shape, const Shape& prefix) {
  return prefix.size() <= shape.size() && std::equal(prefix.begin(), prefix.end(), shape.begin());
}

/// The coordinates of flat element `i` of `shape`, as TensorFlow prints a slice: "[1,2]".
std::string SliceText(const Shape& shape, std::int64_t i) {
  Shape at(shape.size());
  for (std::size_t d = shape.size(); d-- > 0;) {
    at[d] = shape[d] == 0 ? 0 : i % shape[d];
    i = shape[d] == 0 ? 0 : i / shape[d];
  }
  return shape.empty() ? "" : ShapeString(at);
}

/// Elements per row once the leading `prefix_rank` dims are taken as row indices.
std::int64_t RowElements(const Tensor& t, std::size_t prefix_rank) {
  std::int64_t n = 1;
  for (std::size_t d = prefix_rank; d < t.shape().size(); ++d) n *= t.shape()[d];
  return n;
}

Status DynamicPartition(OpContext& ctx) {
  TFSK_RETURN_IF_ERROR(CheckNumInputs(ctx, 2));
  const Tensor& data = ctx.input(0);
  const Tensor& parts = ctx.input(1);
  TFSK_ASSIGN_OR_RETURN(const std::int64_t num_partitions, ctx.node.GetInt("num_partitions"));
  TFSK_RETURN_IF_ERROR(CheckRowCopyable(data.dtype(), ctx.node.op));
  if (parts.dtype() != DataType::kInt32)
    return InvalidArgument("partitions must be int32, got " + DataTypeName(parts.dtype()));
  if (!StartsWith(data.shape(), parts.shape())) {
    return InvalidArgument("data.shape must start with partitions.shape, got data.shape = " +
                           ShapeString(data.shape()) +
                           ", partitions.shape = " + ShapeString(parts.shape()));
  }
  auto p = parts.flat<std::int32_t>();
  std::vector<std::int64_t> counts(
      static_cast<std::size_t>(std::max<std::int64_t>(num_partitions, 0)));
  for (std::size_t i = 0; i < p.size(); ++i) {
    if (p[i] < 0 || p[i] >= num_partitions) {
      return InvalidArgument("partitions" + SliceText(parts.shape(), static_cast<std::int64_t>(i)) +
                             " = " + std::to_string(p[i]) + " is not in [0, " +
                             std::to_string(num_partitions) + ")");
    }
    ++counts[static_cast<std::size_t>(p[i])];
  }
  const std::int64_t row = RowElements(data, parts.shape().size());
  std::vector<Tensor> outs;
  outs.reserve(counts.size());
  for (std::int64_t count : counts) {
    Shape shape{count};
    shape.insert(shape.end(),
                 data.shape().begin() + static_cast<std::ptrdiff_t>(parts.shape().size()),
                 data.shape().end());
    outs.emplace_back(data.dtype(), shape);
  }
  std::vector<std::int64_t> next(counts.size(), 0);
  for (std::size_t i = 0; i < p.size(); ++i) {
    const auto k = static_cast<std::size_t>(p[i]);
    CopyElements(data, static_cast<std::int64_t>(i) * row, outs[k], next[k]++ * row, row);
  }
  for (Tensor& t : outs) ctx.outputs.push_back(std::move(t));
  return OkStatus();
}

// Both stitch ops write every data row to merged[index]; where an index repeats, the later input
// (and the later row within it) wins. ParallelDynamicStitch leaves that order unspecified, so the
// serial order is one of its valid answers.
Status DynamicStitch(OpContext& ctx) {
  const std::string name =
      ctx.node.op == "DynamicStitch" ? "DynamicStitchOp" : "ParallelDynamicStitchOp";
  if (ctx.num_inputs() == 0) return InvalidArgument(name + ": Must have some inputs");
  if (ctx.num_inputs() % 2 != 0)
    return InvalidArgument(name + ": Must have even number of arguments");
  const int n = ctx.num_inputs() / 2;
  std::int32_t max_index = -1;
  for (int k = 0; k < n; ++k) {
    const Tensor& indices = ctx.input(k);
    if (indices.dtype() != DataType::kInt32)
      return InvalidArgument(name + ": indices must be int32, got " +
                             DataTypeName(indices.dtype()));
    if (ctx.input(n + k).dtype() != ctx.input(n).dtype()) {
      return InvalidArgument(name + ": data must have one dtype, got " +
                             DataTypeName(ctx.input(n).dtype()) + " and " +
                             DataTypeName(ctx.input(n + k).dtype()));
    }
    for (std::int32_t v : indices.flat<std::int32_t>()) max_index = std::max(max_index, v);
  }
  const std::int64_t first_dim = static_cast<std::int64_t>(max_index) + 1;
  for (int k = 0; k < n; ++k) {
    auto idx = ctx.input(k).flat<std::int32_t>();
    for (std::size_t i = 0; i < idx.size(); ++i) {
      if (idx[i] < 0 || idx[i] >= first_dim)
        return InvalidArgument("indices[" + std::to_string(i) + "] is out of range");
    }
  }
  const Tensor& data0 = ctx.input(n);
  const Tensor& indices0 = ctx.input(0);
  TFSK_RETURN_IF_ERROR(CheckRowCopyable(data0.dtype(), ctx.node.op));
  // Every data[k] must have data[0]'s row shape: the dims after its indices' dims.
  const Shape row_shape(data0.shape().begin() + static_cast<std::ptrdiff_t>(indices0.rank()),
                        data0.shape().end());
  for (int k = 0; k < n; ++k) {
    const Tensor& indices = ctx.input(k);
    const Tensor& data = ctx.input(n + k);
    const std::string kk = std::to_string(k);
    if (!StartsWith(data.shape(), indices.shape())) {
      return InvalidArgument("data[" + kk + "].shape = " + ShapeString(data.shape()) +
                             " does not start with indices[" + kk +
                             "].shape = " + ShapeString(indices.shape()));
    }
    const Shape extra(data.shape().begin() + static_cast<std::ptrdiff_t>(indices.rank()),
                      data.shape().end());
    if (k > 0 && extra != row_shape) {
      return InvalidArgument("Need data[0].shape[" + std::to_string(indices0.rank()) +
                             ":] = data[" + kk + "].shape[" + std::to_string(indices.rank()) +
                             ":], got data[0].shape = " + ShapeString(data0.shape()) + ", data[" +
                             kk + "].shape = " + ShapeString(data.shape()) +
                             ", indices[0].shape = " + ShapeString(indices0.shape()) +
                             ", indices[" + kk + "].shape = " + ShapeString(indices.shape()));
    }
  }
  Shape shape{first_dim};
  shape.insert(shape.end(), row_shape.begin(), row_shape.end());
  Tensor merged(data0.dtype(), shape);  // rows no index names stay zero (empty strings)
  const std::int64_t row = RowElements(data0, indices0.shape().size());
  for (int k = 0; k < n; ++k) {
    auto idx = ctx.input(k).flat<std::int32_t>();
    for (std::size_t i = 0; i < idx.size(); ++i) {
      CopyElements(ctx.input(n + k), static_cast<std::int64_t>(i) * row, merged, idx[i] * row, row);
    }
  }
  ctx.outputs.push_back(std::move(merged));
  return OkStatus();
}

}  // namespace

void RegisterDynamicPartitionOps(KernelRegistry& r) {
  r.Register({"DynamicPartition", &DynamicPartition, {"num_partitions"}});
  r.Register({"DynamicStitch", &DynamicStitch, {}});
  r.Register({"ParallelDynamicStitch", &DynamicStitch, {}});
}

}  // namespace tfsk::serving::ops
