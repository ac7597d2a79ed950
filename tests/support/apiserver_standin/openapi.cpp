#include "tests/support/apiserver_standin/openapi.h"

#include "lib/render/schema.h"

#include <cstdio>
#include <fstream>
#include <sstream>

namespace apiserver {
namespace json = boost::json;
namespace {

constexpr std::string_view kRef = "#/components/schemas/";

// Follows $ref and single-element allOf wrappers to the schema that has the shape.
const json::object* Resolve(const json::object* schemas, const json::object* s) {
  for (int guard = 0; s != nullptr && guard < 16; ++guard) {
    if (const json::value* ref = s->if_contains("$ref"); ref && ref->is_string()) {
      std::string_view r = ref->as_string();
      if (r.substr(0, kRef.size()) != kRef) return nullptr;
      const json::value* t = schemas->if_contains(r.substr(kRef.size()));
      s = t != nullptr ? t->if_object() : nullptr;
      continue;
    }
    const json::value* all = s->if_contains("allOf");
    if (all != nullptr && all->is_array() && all->as_array().size() == 1) {
      s = all->as_array()[0].if_object();
      continue;
    }
    return s;
  }
  return s;
}

std::string Strategy(const json::object* s) {
  if (s == nullptr) return "";
  const json::value* v = s->if_contains("x-kubernetes-patch-strategy");
  return v != nullptr && v->is_string() ? std::string(v->as_string()) : "";
}

// "api__v1_openapi.json" -> "api/v1"; "apis__apps__v1_openapi.json" -> "apis/apps/v1".
std::string GroupVersionOf(const std::string& file) {
  std::string base = file.substr(0, file.size() - std::string("_openapi.json").size());
  std::string out;
  for (std::size_t i = 0; i < base.size(); ++i) {
    if (base.compare(i, 2, "__") == 0) {
      out += '/';
      ++i;
    } else {
      out += base[i];
    }
  }
  return out;
}

}  // namespace

SchemaCursor SchemaCursor::Member(std::string_view key) const {
  const json::object* s = Resolve(schemas, schema);
  if (s == nullptr) return {schemas, nullptr};
  if (const json::value* props = s->if_contains("properties"); props && props->is_object()) {
    if (const json::value* p = props->as_object().if_contains(key))
      return {schemas, p->if_object()};
  }
  if (const json::value* extra = s->if_contains("additionalProperties");
      extra && extra->is_object()) {
    return {schemas, &extra->as_object()};
  }
  return {schemas, nullptr};
}

SchemaCursor SchemaCursor::Items() const {
  const json::object* s = Resolve(schemas, schema);
  if (s == nullptr) return {schemas, nullptr};
  const json::value* items = s->if_contains("items");
  return {schemas, items != nullptr ? items->if_object() : nullptr};
}

std::optional<std::string> SchemaCursor::MergeKey() const {
  // The extensions sit on the property schema itself, beside its allOf/$ref.
  if (Strategy(schema).find("merge") == std::string::npos) return std::nullopt;
  const json::value* key = schema->if_contains("x-kubernetes-patch-merge-key");
  return key != nullptr && key->is_string() ? std::string(key->as_string()) : std::string();
}

bool SchemaCursor::RetainKeys() const {
  return Strategy(schema).find("retainKeys") != std::string::npos;
}

std::optional<OpenApi> OpenApi::Load(const std::filesystem::path& dir, std::string* error) {
  OpenApi api;
  std::error_code ec;
  for (const auto& e : std::filesystem::directory_iterator(dir, ec)) {
    const std::string name = e.path().filename().string();
    if (name.size() <= 13 || !name.ends_with("_openapi.json")) continue;
    std::ifstream in(e.path(), std::ios::binary);
    std::stringstream text;
    text << in.rdbuf();
    boost::system::error_code jec;
    json::value doc = json::parse(text.str(), jec);
    const json::value* schemas = nullptr;
    if (!jec && doc.is_object()) {
      if (const auto* c = doc.as_object().if_contains("components"); c && c->is_object()) {
        schemas = c->as_object().if_contains("schemas");
      }
    }
    if (schemas == nullptr || !schemas->is_object()) {
      *error = "'" + e.path().string() + "' is not an OpenAPI v3 document with components.schemas";
      return std::nullopt;
    }
    Doc d;
    d.text = text.str();
    char hash[20];
    std::snprintf(hash, sizeof hash, "%016zX", std::hash<std::string>{}(d.text));
    d.hash = hash;
    d.schemas = std::make_shared<const json::object>(schemas->as_object());
    tfsk::render::ForEachKindSchema(
        *d.schemas, [&](const std::string& api_version, const std::string& kind,
                        const json::object& schema, const std::string&) {
          api.kinds_[{api_version, kind}] = SchemaCursor{d.schemas.get(), &schema};
        });
    api.docs_[GroupVersionOf(name)] = std::move(d);
  }
  if (api.docs_.empty()) {
    *error = "no *_openapi.json in '" + dir.string() + "'";
    return std::nullopt;
  }
  return api;
}

std::string OpenApi::IndexJson() const {
  json::object paths;
  for (const auto& [gv, doc] : docs_) {
    paths[gv] = json::object{{"serverRelativeURL", "/openapi/v3/" + gv + "?hash=" + doc.hash}};
  }
  return json::serialize(json::object{{"paths", paths}});
}

const std::string* OpenApi::Document(const std::string& group_version) const {
  auto it = docs_.find(group_version);
  return it == docs_.end() ? nullptr : &it->second.text;
}

SchemaCursor OpenApi::Root(const std::string& api_version, const std::string& kind) const {
  auto it = kinds_.find({api_version, kind});
  return it == kinds_.end() ? SchemaCursor{} : it->second;
}

}  // namespace apiserver
