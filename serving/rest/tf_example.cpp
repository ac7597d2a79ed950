#include "serving/rest/tf_example.h"


#include "serving/rest/base64.h"
#include "serving/rest/example_wire.h"
#include "serving/rest/json_dom.h"

namespace tfsk::serving::rest {
namespace {

namespace json = boost::json;
using Kind = ExampleFeature::Kind;

Status IncompatibleKind(const std::string& name, Kind kind) {
  const char* kind_str = kind == Kind::kBytes   ? "bytes"
                         : kind == Kind::kFloat ? "float"
                         : kind == Kind::kInt64 ? "int64"
                                                : "UNKNOWN";
  return InvalidArgument("Unexpected element type in feature: " + name +
                         " expecting type: " + kind_str);
}

bool KindAllows(const ExampleFeature& f, Kind kind) { return f.kind == Kind::kNone || f.kind == kind; }

Status UnexpectedType(const std::string& name, const json::value& v) {
  return InvalidArgument("Feature: " + name + " has element with unexpected JSON type: " +
                         std::string(JsonTypeName(v)));
}

Status AddValueToFeature(const json::value& v, const std::string& name, ExampleFeature& f) {
  switch (v.kind()) {
    case json::kind::null:
    case json::kind::array:
      return UnexpectedType(name, v);
    case json::kind::bool_:
      if (!KindAllows(f, Kind::kInt64)) return IncompatibleKind(name, f.kind);
      f.kind = Kind::kInt64;
      f.ints.push_back(v.get_bool() ? 1 : 0);
      return OkStatus();
    case json::kind::object: {
      if (!IsBase64Object(v)) return UnexpectedType(name, v);
      if (!KindAllows(f, Kind::kBytes)) return IncompatibleKind(name, f.kind);
      auto decoded = Base64Decode(v.get_object().find("b64")->value().get_string());
      if (!decoded) return InvalidArgument("Unable to base64 decode");
      f.kind = Kind::kBytes;
      f.bytes.push_back(std::move(*decoded));
      return OkStatus();
    }
    case json::kind::string:
      if (!KindAllows(f, Kind::kBytes)) return IncompatibleKind(name, f.kind);
      f.kind = Kind::kBytes;
      f.bytes.emplace_back(v.get_string());
      return OkStatus();
    case json::kind::double_:
      if (!KindAllows(f, Kind::kFloat)) return IncompatibleKind(name, f.kind);
      f.kind = Kind::kFloat;
      f.floats.push_back(static_cast<float>(v.get_double()));
      return OkStatus();
    case json::kind::int64:
      if (!KindAllows(f, Kind::kInt64)) return IncompatibleKind(name, f.kind);
      f.kind = Kind::kInt64;
      f.ints.push_back(v.get_int64());
      return OkStatus();
    case json::kind::uint64:
      if (!KindAllows(f, Kind::kInt64)) return IncompatibleKind(name, f.kind);
      return InvalidArgument("Feature: " + name +
                             " has uint64_t element. Only int64_t is supported.");
  }
  return OkStatus();
}

StatusOr<std::string> ExampleFromJson(const json::value& v) {
  if (!v.is_object()) {
    return InvalidArgument("Example must be JSON object but got JSON " +
                           std::string(JsonTypeName(v)));
  }
  ExampleProto example;
  for (const auto& kv : v.get_object()) {
    const std::string name(kv.key());
    ExampleFeature feature;
    if (kv.value().is_array()) {
      for (const auto& e : kv.value().get_array()) {
        TFSK_RETURN_IF_ERROR(AddValueToFeature(e, name, feature));
      }
    } else {
      TFSK_RETURN_IF_ERROR(AddValueToFeature(kv.value(), name, feature));
    }
    example.has_features = true;
    example.features.emplace_back(name, std::move(feature));
  }
  return SerializeExample(example);
}

Status FormatError(const json::value& doc, const std::string& what) {
  return InvalidArgument("JSON Value: " + DumpJson(doc) + " " + what);
}

}  // namespace

StatusOr<ExamplesInput> ParseExamplesRequest(std::string_view body) {
  ScopedJsonMemory dom_memory;  // the DOM dies with this call
  TFSK_ASSIGN_OR_RETURN(json::value doc, ParseJson(body, dom_memory.storage()));
  if (!doc.is_object()) return FormatError(doc, "Is not object");
  const auto& obj = doc.get_object();
  ExamplesInput result;
  TFSK_ASSIGN_OR_RETURN(result.signature_name, SignatureNameOf(doc));
  std::string context;
  if (const auto it = obj.find("context"); it != obj.end()) {
    TFSK_ASSIGN_OR_RETURN(context, ExampleFromJson(it->value()));
  }
  const auto examples = obj.find("examples");
  if (examples == obj.end()) {
    return FormatError(doc, "When method is classify, key 'examples' is expected and was not found");
  }
  if (!examples->value().is_array()) {
    return FormatError(doc, "Expecting 'examples' value to be an list/array");
  }
  if (examples->value().get_array().empty()) {
    return FormatError(doc, "'examples' value is an empty array");
  }
  for (const auto& e : examples->value().get_array()) {
    TFSK_ASSIGN_OR_RETURN(std::string serialized, ExampleFromJson(e));
    result.serialized_examples.push_back(context + serialized);
  }
  return result;
}

}  // namespace tfsk::serving::rest
