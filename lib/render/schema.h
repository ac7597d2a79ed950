#pragma once
// Strict validation of rendered objects against the Kubernetes OpenAPI v3 documents
// (api/openapi-spec/v3/*_openapi.json, e.g. the saved v1.32 set), read at run time with
// Boost.JSON. The checks mirror kubeconform -strict: unknown fields (an object schema without
// additionalProperties allows no other keys), types including int-or-string and quantities,
// required fields and enums. Null members count as unset, as in Kubernetes.

#include <boost/json/value.hpp>

#include <filesystem>
#include <functional>
#include <map>
#include <memory>
#include <string>
#include <utility>
#include <vector>

#include "lib/base/status.h"
#include "lib/render/render.h"

namespace tfsk::render {

/// The schemas of every kind found in a folder of OpenAPI v3 documents. Immutable once loaded;
/// safe to share between threads for reading.
class SchemaSet {
 public:
  /// Reads every `*_openapi.json` in `dir` and indexes its kinds by
  /// x-kubernetes-group-version-kind. NotFound when `dir` is empty, missing or has no such file;
  /// DataLoss for a file that is not JSON or has no components.schemas.
  static StatusOr<SchemaSet> Load(const std::filesystem::path& dir);

  /// Problems of one object, each "spec.replicas: expected integer, got string \"one\"";
  /// empty when valid. An object whose apiVersion/kind is not in the set gets one problem.
  std::vector<std::string> Validate(const boost::json::value& object) const;

  /// True when (apiVersion, kind) has a schema, e.g. ("apps/v1", "Deployment").
  bool Knows(const std::string& api_version, const std::string& kind) const;

 private:
  struct Kind {
    std::size_t doc;
    std::string schema;
  };
  std::vector<std::shared_ptr<const boost::json::object>> docs_;  // components.schemas
  std::map<std::pair<std::string, std::string>, Kind> kinds_;
};

/// Calls `fn(apiVersion, kind, schema)` for every kind an OpenAPI v3 document's
/// components.schemas declares (x-kubernetes-group-version-kind), e.g. ("apps/v1",
/// "Deployment", the io.k8s.api.apps.v1.Deployment schema).
void ForEachKindSchema(
    const boost::json::object& schemas,
    const std::function<void(const std::string&, const std::string&, const boost::json::object&,
                             const std::string& schema_name)>& fn);

/// Validates every manifest (converted with YamlToJson); problems are prefixed "Kind/name: ".
std::vector<std::string> ValidateManifests(const std::vector<Manifest>& manifests,
                                           const SchemaSet& schemas);

}  // namespace tfsk::render
