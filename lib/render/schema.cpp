#include "lib/render/schema.h"

#include <fmt/format.h>
#include <boost/json.hpp>

#include <fstream>
#include <sstream>

#include "lib/base/suggest.h"
#include "lib/config/quantity.h"
#include "lib/render/yaml_json.h"

namespace tfsk::render {
namespace {

namespace json = boost::json;

constexpr std::string_view kRefPrefix = "#/components/schemas/";
constexpr std::string_view kQuantity = "io.k8s.apimachinery.pkg.api.resource.Quantity";

std::string TypeName(const json::value& v) {
  switch (v.kind()) {
    case json::kind::null:
      return "null";
    case json::kind::bool_:
      return "boolean";
    case json::kind::int64:
    case json::kind::uint64:
      return "integer";
    case json::kind::double_:
      return "number";
    case json::kind::string:
      return "string";
    case json::kind::array:
      return "array";
    case json::kind::object:
      return "object";
  }
  return "?";
}

std::string Shown(const json::value& v) {
  std::string s = json::serialize(v);
  if (s.size() > 40) s = s.substr(0, 37) + "...";
  return TypeName(v) + " " + s;
}

bool TypeMatches(const json::value& v, std::string_view type) {
  if (type == "object") return v.is_object();
  if (type == "array") return v.is_array();
  if (type == "string") return v.is_string();
  if (type == "boolean") return v.is_bool();
  if (type == "integer") return v.is_int64() || v.is_uint64();
  if (type == "number") return v.is_number();
  return true;
}

std::string Join(const std::string& path, std::string_view key) {
  return path.empty() ? std::string(key) : path + "." + std::string(key);
}

// Walks one value against one schema of one document, appending problems.
class Walker {
 public:
  Walker(const json::object& schemas, std::vector<std::string>& out)
      : schemas_(schemas), out_(out) {}

  void Check(const json::value& v, const json::object& schema, const std::string& path) {
    if (v.is_null()) return;  // null = unset
    if (auto* ref = schema.if_contains("$ref")) {
      std::string_view r = ref->as_string();
      std::string_view name = r.substr(kRefPrefix.size());
      const json::value* target = schemas_.if_contains(name);
      if (target == nullptr || !target->is_object()) {
        return Problem(path, fmt::format("schema has an unresolvable $ref {}", r));
      }
      if (name == kQuantity && v.is_string() && !config::ParseQuantity(v.as_string().c_str())) {
        Problem(path,
                fmt::format("'{}' is not a quantity (e.g. '100m', '64Mi')", v.as_string().c_str()));
        return;
      }
      Check(v, target->as_object(), path);
    }
    if (auto* all = schema.if_contains("allOf")) {
      for (const auto& sub : all->as_array()) Check(v, sub.as_object(), path);
    }
    for (const char* key : {"oneOf", "anyOf"}) {
      if (auto* alts = schema.if_contains(key)) Alternatives(v, alts->as_array(), path);
    }
    if (auto* type = schema.if_contains("type")) {
      std::string_view t = type->as_string();
      if (!TypeMatches(v, t)) {
        return Problem(path, fmt::format("expected {}, got {}", t, Shown(v)));
      }
    }
    if (auto* e = schema.if_contains("enum")) {
      bool found = false;
      for (const auto& allowed : e->as_array()) found = found || allowed == v;
      if (!found) Problem(path, fmt::format("{} is not one of {}", Shown(v), json::serialize(*e)));
    }
    if (v.is_object()) Object(v.as_object(), schema, path);
    if (v.is_array()) {
      if (auto* items = schema.if_contains("items"); items && items->is_object()) {
        const auto& arr = v.as_array();
        for (std::size_t i = 0; i < arr.size(); ++i) {
          Check(arr[i], items->as_object(), fmt::format("{}[{}]", path, i));
        }
      }
    }
  }

 private:
  void Problem(const std::string& path, const std::string& message) {
    out_.push_back(path.empty() ? message : path + ": " + message);
  }

  void Alternatives(const json::value& v, const json::array& alts, const std::string& path) {
    std::string expected;
    for (const auto& alt : alts) {
      std::vector<std::string> problems;
      Walker(schemas_, problems).Check(v, alt.as_object(), path);
      if (problems.empty()) return;
      const json::value* t = alt.as_object().if_contains("type");
      expected += (expected.empty() ? "" : " or ") +
                  (t != nullptr ? std::string(t->as_string()) : std::string("a variant"));
    }
    Problem(path, fmt::format("expected {}, got {}", expected, Shown(v)));
  }

  void Object(const json::object& obj, const json::object& schema, const std::string& path) {
    const json::value* props = schema.if_contains("properties");
    const json::value* extra = schema.if_contains("additionalProperties");
    const json::value* keep = schema.if_contains("x-kubernetes-preserve-unknown-fields");
    bool typed_object = props != nullptr || extra != nullptr;
    if (!typed_object) return;  // no shape given (e.g. RawExtension): anything goes
    for (const auto& [key, value] : obj) {
      if (props != nullptr) {
        if (const json::value* p = props->as_object().if_contains(key)) {
          Check(value, p->as_object(), Join(path, key));
          continue;
        }
      }
      if (extra != nullptr) {
        if (extra->is_object())
          Check(value, extra->as_object(), Join(path, key));
        else if (extra->is_bool() && !extra->as_bool())
          Unknown(key, props, path);
        continue;
      }
      if (keep != nullptr && keep->is_bool() && keep->as_bool()) continue;
      Unknown(key, props, path);
    }
    if (const json::value* req = schema.if_contains("required")) {
      for (const auto& r : req->as_array()) {
        const json::value* have = obj.if_contains(r.as_string());
        if (have == nullptr || have->is_null()) {
          Problem(path, fmt::format("missing required field '{}'", r.as_string().c_str()));
        }
      }
    }
  }

  void Unknown(std::string_view key, const json::value* props, const std::string& path) {
    std::vector<std::string> known;
    if (props != nullptr) {
      for (const auto& kv : props->as_object()) known.emplace_back(kv.key());
    }
    Problem(Join(path, key), "unknown field" + DidYouMean(key, known));
  }

  const json::object& schemas_;
  std::vector<std::string>& out_;
};

StatusOr<json::value> ReadJson(const std::filesystem::path& p) {
  std::ifstream in(p, std::ios::binary);
  std::stringstream s;
  s << in.rdbuf();
  if (!in) return NotFound(fmt::format("cannot read '{}'", p.string()));
  boost::system::error_code ec;
  json::value v = json::parse(s.str(), ec);
  if (ec) return DataLoss(fmt::format("'{}' is not JSON: {}", p.string(), ec.message()));
  return v;
}

}  // namespace

StatusOr<SchemaSet> SchemaSet::Load(const std::filesystem::path& dir) {
  const std::string hint =
      "; pass --schemas DIR with the Kubernetes OpenAPI v3 documents "
      "(*_openapi.json from api/openapi-spec/v3)";
  std::error_code ec;
  if (dir.empty() || !std::filesystem::is_directory(dir, ec)) {
    return NotFound(fmt::format("schema folder '{}' not found{}", dir.string(), hint));
  }
  std::vector<std::filesystem::path> files;
  for (const auto& e : std::filesystem::directory_iterator(dir, ec)) {
    std::string name = e.path().filename().string();
    if (name.size() > 13 && name.ends_with("_openapi.json")) files.push_back(e.path());
  }
  std::sort(files.begin(), files.end());
  if (files.empty())
    return NotFound(fmt::format("no *_openapi.json in '{}'{}", dir.string(), hint));
  SchemaSet set;
  for (const auto& f : files) {
    TFSK_ASSIGN_OR_RETURN(json::value doc, ReadJson(f));
    const json::value* schemas = nullptr;
    if (doc.is_object()) {
      if (auto* comp = doc.as_object().if_contains("components"); comp && comp->is_object()) {
        schemas = comp->as_object().if_contains("schemas");
      }
    }
    if (schemas == nullptr || !schemas->is_object()) {
      return DataLoss(fmt::format("'{}' has no components.schemas", f.string()));
    }
    auto owned = std::make_shared<const json::object>(schemas->as_object());
    std::size_t index = set.docs_.size();
    set.docs_.push_back(owned);
    ForEachKindSchema(*owned, [&](const std::string& api, const std::string& kind,
                                  const json::object&, const std::string& schema_name) {
      set.kinds_.emplace(std::make_pair(api, kind), Kind{index, schema_name});
    });
  }
  return set;
}

bool SchemaSet::Knows(const std::string& api_version, const std::string& kind) const {
  return kinds_.count({api_version, kind}) > 0;
}

std::vector<std::string> SchemaSet::Validate(const json::value& object) const {
  std::vector<std::string> out;
  if (!object.is_object()) return {"expected an object, got " + Shown(object)};
  const auto& o = object.as_object();
  const json::value* api = o.if_contains("apiVersion");
  const json::value* kind = o.if_contains("kind");
  if (api == nullptr || !api->is_string() || kind == nullptr || !kind->is_string()) {
    return {"missing apiVersion or kind"};
  }
  auto it = kinds_.find({std::string(api->as_string()), std::string(kind->as_string())});
  if (it == kinds_.end()) {
    return {fmt::format("unknown apiVersion/kind ('{}', '{}')", api->as_string().c_str(),
                        kind->as_string().c_str())};
  }
  const json::object& schemas = *docs_[it->second.doc];
  Walker(schemas, out).Check(object, schemas.at(it->second.schema).as_object(), "");
  return out;
}

void ForEachKindSchema(const json::object& schemas,
                       const std::function<void(const std::string&, const std::string&,
                                                const json::object&, const std::string&)>& fn) {
  for (const auto& [name, schema] : schemas) {
    const json::value* gvks =
        schema.is_object() ? schema.as_object().if_contains("x-kubernetes-group-version-kind")
                           : nullptr;
    if (gvks == nullptr || !gvks->is_array()) continue;
    for (const auto& g : gvks->as_array()) {
      const auto& o = g.as_object();
      std::string group(o.at("group").as_string());
      std::string version(o.at("version").as_string());
      std::string api = group.empty() ? version : group.append("/").append(version);
      fn(api, std::string(o.at("kind").as_string()), schema.as_object(), std::string(name));
    }
  }
}

std::vector<std::string> ValidateManifests(const std::vector<Manifest>& manifests,
                                           const SchemaSet& schemas) {
  std::vector<std::string> out;
  for (const Manifest& m : manifests) {
    for (const auto& p : schemas.Validate(YamlToJson(m.node))) {
      out.push_back(fmt::format("{}/{}: {}", m.kind, m.name, p));
    }
  }
  return out;
}

}  // namespace tfsk::render
