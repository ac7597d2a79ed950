// UnravelIndex (tf.unravel_index): flat indices into coordinates of a shape `dims`. Keypoint and
// heatmap models export it to turn an ArgMax over a flattened map back into (row, column).

#include "serving/ops/op_util.h"

namespace tfsk::serving::ops {
namespace {

template <typename T>
Status Unravel(OpContext& ctx, const Tensor& indices, const Tensor& dims_t) {
  auto dims = dims_t.flat<T>();
  const T limit = std::numeric_limits<T>::max();
  double product = 1;
  for (std::size_t i = 0; i < dims.size(); ++i) {
    if (dims[i] == 0) {
      return InvalidArgument(
          "Input dims cannot contain a dim of zero, but dims contains zero at index " +
          std::to_string(i));
    }
    if (dims[i] < 0) {
      return InvalidArgument("Input dims cannot be negative. Got dim = " + std::to_string(dims[i]) +
                             " at index " + std::to_string(i));
    }
    if (product > static_cast<double>(limit / dims[i])) {
      return InvalidArgument("Input dims product is causing integer overflow");
    }
    product *= static_cast<double>(dims[i]);
  }
  // strides[k] = product of dims[k:], inner[k] = product of dims[k+1:]; coordinate k of an index
  // is (index % strides[k]) / inner[k], in C++'s integer arithmetic as TensorFlow's kernel.
  const std::size_t n = dims.size();
  std::vector<T> strides(n), inner(n);
  T acc = 1;
  for (std::size_t k = n; k-- > 0;) {
    inner[k] = acc;
    acc = static_cast<T>(acc * dims[k]);
    strides[k] = acc;
  }
  auto idx = indices.flat<T>();
  for (T v : idx) {
    if (!(v < acc)) return InvalidArgument("index is out of bound as with dims");
  }
  Shape shape{static_cast<std::int64_t>(n)};
  if (indices.rank() == 1) shape.push_back(indices.dim(0));
  Tensor out(dims_t.dtype(), shape);
  auto dst = out.flat<T>();
  const std::size_t count = idx.size();
  for (std::size_t k = 0; k < n; ++k) {
    for (std::size_t j = 0; j < count; ++j) dst[k * count + j] = idx[j] % strides[k] / inner[k];
  }
  ctx.outputs.push_back(std::move(out));
  return OkStatus();
}

Status UnravelIndex(OpContext& ctx) {
  TFSK_RETURN_IF_ERROR(CheckNumInputs(ctx, 2));
  const Tensor& indices = ctx.input(0);
  const Tensor& dims = ctx.input(1);
  if (indices.rank() > 1) {
    return InvalidArgument("The indices can only be scalar or vector, got \"" +
                           ShapeString(indices.shape()) + "\"");
  }
  if (dims.rank() != 1) {
    return InvalidArgument("The indices can only be 1-D, got \"" + ShapeString(dims.shape()) +
                           "\"");
  }
  if (indices.dtype() != dims.dtype()) {
    return InvalidArgument("UnravelIndex: indices and dims must have the same type, got " +
                           DataTypeName(indices.dtype()) + " and " + DataTypeName(dims.dtype()));
  }
  switch (dims.dtype()) {
    case DataType::kInt32:
      return Unravel<std::int32_t>(ctx, indices, dims);
    case DataType::kInt64:
      return Unravel<std::int64_t>(ctx, indices, dims);
    default:
      return InvalidArgument("UnravelIndex takes int32 or int64, got " +
                             DataTypeName(dims.dtype()));
  }
}

}  // namespace

void RegisterUnravelIndexOps(KernelRegistry& r) { r.Register({"UnravelIndex", &UnravelIndex, {}}); }

}  // namespace tfsk::serving::ops
