#pragma once
// The kinds the API-server stand-in serves, in one table: what discovery advertises, how a
// URL path names them, and which of them carry metadata.generation (the ones with a status
// subresource). Everything else in the stand-in looks kinds up here.

#include <string>
#include <string_view>
#include <vector>

namespace apiserver {

/// One served resource (group/version/plural), as in an APIResourceList entry.
struct ResourceType {
  std::string group;  ///< "" for the core group
  std::string version;
  std::string plural;
  std::string singular;
  std::string kind;
  std::vector<std::string> short_names;
  std::vector<std::string> verbs;
  bool namespaced = true;
  bool has_status = false;  ///< spec changes bump metadata.generation
  bool read_only = false;   ///< computed on the fly (PodMetrics): no store, get/list only

  /// "v1" or "apps/v1".
  std::string ApiVersion() const { return group.empty() ? version : group + "/" + version; }
  /// "deployments.apps" or "pods": how error messages name the resource.
  std::string QualifiedPlural() const { return group.empty() ? plural : plural + "." + group; }
};

/// Every served resource, in discovery order.
const std::vector<ResourceType>& ResourceTypes();

/// The resource at group/version/plural, or nullptr.
const ResourceType* FindResource(std::string_view group, std::string_view version,
                                 std::string_view plural);

/// The resource whose apiVersion/kind is given, or nullptr.
const ResourceType* FindKind(std::string_view api_version, std::string_view kind);

}  // namespace apiserver
