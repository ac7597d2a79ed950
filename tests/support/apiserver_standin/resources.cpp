#include "tests/support/apiserver_standin/resources.h"

namespace apiserver {

const std::vector<ResourceType>& ResourceTypes() {
  static const std::vector<std::string> rw = {"create", "delete", "deletecollection", "get",
                                              "list",   "patch",  "update",           "watch"};
  static const std::vector<ResourceType> types = {
      {"", "v1", "configmaps", "configmap", "ConfigMap", {"cm"}, rw},
      {"", "v1", "events", "event", "Event", {"ev"}, rw},
      {"", "v1", "pods", "pod", "Pod", {"po"}, rw},
      {"", "v1", "services", "service", "Service", {"svc"}, rw, true, false},
      {"apps", "v1", "deployments", "deployment", "Deployment", {"deploy"}, rw, true, true},
      {"apps", "v1", "replicasets", "replicaset", "ReplicaSet", {"rs"}, rw, true, true},
      {"autoscaling",
       "v2",
       "horizontalpodautoscalers",
       "horizontalpodautoscaler",
       "HorizontalPodAutoscaler",
       {"hpa"},
       rw,
       true,
       true},
      {"metrics.k8s.io",
       "v1beta1",
       "pods",
       "",
       "PodMetrics",
       {},
       {"get", "list"},
       true,
       false,
       true},
  };
  return types;
}

const ResourceType* FindResource(std::string_view group, std::string_view version,
                                 std::string_view plural) {
  for (const auto& t : ResourceTypes()) {
    if (t.group == group && t.version == version && t.plural == plural) return &t;
  }
  return nullptr;
}

const ResourceType* FindKind(std::string_view api_version, std::string_view kind) {
  for (const auto& t : ResourceTypes()) {
    if (t.ApiVersion() == api_version && t.kind == kind) return &t;
  }
  return nullptr;
}

}  // namespace apiserver
