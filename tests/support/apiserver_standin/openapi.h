#pragma once
// The real Kubernetes OpenAPI v3 documents (a folder of *_openapi.json, e.g. the saved v1.32
// set), read once at start: served at /openapi/v3 (index) and /openapi/v3/<group-version>, and
// walked for strategic-merge metadata (x-kubernetes-patch-strategy / -merge-key on list fields).
// Immutable after Load; safe to read from several threads.

#include <boost/json.hpp>

#include <filesystem>
#include <map>
#include <optional>
#include <string>

namespace apiserver {

/// A position in one document's schemas: the schema of the value at some path of an object.
/// A null schema means "unknown here" (no patch metadata below it).
struct SchemaCursor {
  const boost::json::object* schemas = nullptr;  ///< components.schemas of the document
  const boost::json::object* schema = nullptr;

  /// The schema of member `key` of an object at this position.
  SchemaCursor Member(std::string_view key) const;
  /// The schema of the items of a list at this position.
  SchemaCursor Items() const;
  /// For a list field: the merge key when its patch strategy is "merge" ("name",
  /// "containerPort"), "" for a merged list of scalars, nullopt for an atomic (replaced) list.
  std::optional<std::string> MergeKey() const;
  /// True when the strategy includes retainKeys (e.g. volumes' sources).
  bool RetainKeys() const;
};

class OpenApi {
 public:
  /// Reads every *_openapi.json in `dir`; error text in `error` when none can be read.
  static std::optional<OpenApi> Load(const std::filesystem::path& dir, std::string* error);

  /// {"paths":{"api/v1":{"serverRelativeURL":"/openapi/v3/api/v1?hash=..."},...}}
  std::string IndexJson() const;
  /// The document for "api/v1" / "apis/apps/v1", or nullptr.
  const std::string* Document(const std::string& group_version) const;
  /// The root schema of a kind ("apps/v1", "Deployment"); null cursor when unknown.
  SchemaCursor Root(const std::string& api_version, const std::string& kind) const;

 private:
  struct Doc {
    std::string text;
    std::string hash;
    std::shared_ptr<const boost::json::object> schemas;
  };
  std::map<std::string, Doc> docs_;  // by "api/v1", "apis/apps/v1"
  std::map<std::pair<std::string, std::string>, SchemaCursor> kinds_;
};

}  // namespace apiserver
