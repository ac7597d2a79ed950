// RestoreV2: reads checkpoint tensors through the injected CheckpointReader (the loader wires it
// to the TensorBundle reader, so serving/ops knows no file format).

#include "serving/ops/op_util.h"

namespace tfsk::serving::ops {
namespace {

Status RestoreV2(OpContext& ctx) {
  TFSK_RETURN_IF_ERROR(CheckNumInputs(ctx, 3));
  const Tensor& prefix = ctx.input(0);
  const Tensor& names = ctx.input(1);
  const Tensor& slices = ctx.input(2);
  if (prefix.dtype() != DataType::kString || prefix.num_elements() != 1) {
    return InvalidArgument("Input prefix should be a single string tensor, got " +
                           DataTypeName(prefix.dtype()) + " " + ShapeString(prefix.shape()));
  }
  if (names.dtype() != DataType::kString || slices.dtype() != DataType::kString ||
      names.num_elements() != slices.num_elements()) {
    return InvalidArgument("tensor_names and shape_and_slices must be string vectors of equal size");
  }
  TFSK_ASSIGN_OR_RETURN(auto dtypes, ctx.node.GetTypeList("dtypes"));
  if (static_cast<std::int64_t>(dtypes.size()) != names.num_elements()) {
    return InvalidArgument("Mismatch between the number of tensors to restore (" +
                           std::to_string(names.num_elements()) + ") and attr dtypes (" +
                           std::to_string(dtypes.size()) + ")");
  }
  if (!ctx.checkpoint) {
    return FailedPrecondition("RestoreV2 '" + ctx.node.name + "': no checkpoint reader configured");
  }
  const std::string& path = prefix.flat<std::string>()[0];
  for (std::size_t i = 0; i < dtypes.size(); ++i) {
    const std::string& name = names.flat<std::string>()[i];
    if (!slices.flat<std::string>()[i].empty()) {
      return Unimplemented("RestoreV2 of a slice ('" + slices.flat<std::string>()[i] + "' of " +
                           name + ") is not supported");
    }
    auto value = ctx.checkpoint(path, name);
    if (!value.ok()) return value.status().WithPrefix("RestoreV2 of '" + name + "' from " + path);
    if (value->dtype() != dtypes[i]) {
      return InvalidArgument("tensor_name = " + name + "; expected dtype " + DataTypeName(dtypes[i]) +
                             " does not equal restored dtype " + DataTypeName(value->dtype()));
    }
    ctx.outputs.push_back(std::move(*value));
  }
  return OkStatus();
}

}  // namespace

void RegisterIoOps(KernelRegistry& r) { r.Register({"RestoreV2", &RestoreV2, {"dtypes"}}); }

}  // namespace tfsk::serving::ops
