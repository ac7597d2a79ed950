#include "serving/loader/signature_info.h"

#include <google/protobuf/util/json_util.h>

namespace tfsk::serving::loader {
namespace {

rest::TensorSpec ToSpec(const tensorflow::TensorInfo& info) {
  rest::TensorSpec spec;
  if (info.encoding_case() == tensorflow::TensorInfo::kName) spec.tensor_name = info.name();
  spec.dtype = static_cast<int>(info.dtype());
  spec.unknown_rank = info.tensor_shape().unknown_rank();
  for (const auto& d : info.tensor_shape().dim()) spec.shape.push_back(d.size());
  return spec;
}

}  // namespace

rest::SignatureInfo ToSignatureInfo(const tensorflow::SignatureDef& def) {
  rest::SignatureInfo out;
  out.method_name = def.method_name();
  for (const auto& [alias, info] : def.inputs()) out.inputs.emplace(alias, ToSpec(info));
  for (const auto& [alias, info] : def.outputs()) out.outputs.emplace(alias, ToSpec(info));
  return out;
}

StatusOr<std::string> SignatureDefJson(const tensorflow::SignatureDef& def) {
  google::protobuf::util::JsonPrintOptions options;
  options.preserve_proto_field_names = true;
  options.always_print_primitive_fields = true;
  std::string json;
  auto status = google::protobuf::util::MessageToJsonString(def, &json, options);
  if (!status.ok()) {
    return Internal("printing a SignatureDef as JSON: " + std::string(status.message()));
  }
  return json;
}

}  // namespace tfsk::serving::loader
