#include "serving/rest/servable.h"

#include "serving/rest/model_info_json.h"

namespace tfsk::serving::rest {
namespace {

void AppendTensorInfo(std::string& out, const TensorSpec& spec) {
  out += "{\"dtype\": ";
  out += ProtoJsonString(DataTypeProtoName(spec.dtype));
  out += ", \"tensor_shape\": {\"dim\": [";
  if (!spec.unknown_rank) {
    for (std::size_t i = 0; i < spec.shape.size(); ++i) {
      if (i) out += ", ";
      out += "{\"size\": \"" + std::to_string(spec.shape[i]) + "\", \"name\": \"\"}";
    }
  }
  out += "], \"unknown_rank\": ";
  out += spec.unknown_rank ? "true" : "false";
  out += "}, \"name\": ";
  out += ProtoJsonString(spec.tensor_name);
  out += "}";
}

void AppendTensorMap(std::string& out, const std::map<std::string, TensorSpec>& map) {
  out += "{";
  bool first = true;
  for (const auto& [alias, spec] : map) {
    if (!first) out += ", ";
    first = false;
    out += ProtoJsonString(alias);
    out += ": ";
    AppendTensorInfo(out, spec);
  }
  out += "}";
}

}  // namespace

std::vector<std::pair<std::string, std::string>> Servable::SignatureDefJson() const {
  std::vector<std::pair<std::string, std::string>> result;
  for (const auto& [key, sig] : signatures()) {
    std::string out = "{\"inputs\": ";
    AppendTensorMap(out, sig.inputs);
    out += ", \"outputs\": ";
    AppendTensorMap(out, sig.outputs);
    out += ", \"method_name\": ";
    out += ProtoJsonString(sig.method_name);
    out += ", \"defaults\": {}}";
    result.emplace_back(key, std::move(out));
  }
  return result;
}

std::string_view ServableStateName(ServableState state) {
  switch (state) {
    case ServableState::kUnknown: return "UNKNOWN";
    case ServableState::kStart: return "START";
    case ServableState::kLoading: return "LOADING";
    case ServableState::kAvailable: return "AVAILABLE";
    case ServableState::kUnloading: return "UNLOADING";
    case ServableState::kEnd: return "END";
  }
  return "UNKNOWN";
}

std::string ServableNotFoundMessage(const ServableRequest& request) {
  if (request.version) {
    return "Servable not found for request: Specific(" + request.name + ", " +
           std::to_string(*request.version) + ")";
  }
  return "Servable not found for request: Latest(" + request.name + ")";
}

std::string UnrecognizedLabelMessage(const std::string& label) {
  return "Unrecognized servable version label: " + label;
}

std::string LabelsNotInitMessage(const std::string& label) {
  return "Model labels does not init yet." + label;
}

}  // namespace tfsk::serving::rest
