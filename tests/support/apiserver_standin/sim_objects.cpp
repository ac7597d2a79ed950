#include "tests/support/apiserver_standin/sim_objects.h"

namespace apiserver::sim {

const ResourceType& Deployments() { return *FindResource("apps", "v1", "deployments"); }
const ResourceType& ReplicaSets() { return *FindResource("apps", "v1", "replicasets"); }
const ResourceType& Pods() { return *FindResource("", "v1", "pods"); }
const ResourceType& Events() { return *FindResource("", "v1", "events"); }
const ResourceType& Autoscalers() {
  return *FindResource("autoscaling", "v2", "horizontalpodautoscalers");
}

long long Int(const json::object& o, std::initializer_list<std::string_view> path,
              long long fallback) {
  const json::object* cur = &o;
  const json::value* v = nullptr;
  for (std::string_view key : path) {
    if (cur == nullptr || (v = cur->if_contains(key)) == nullptr) return fallback;
    cur = v->if_object();
  }
  return v != nullptr && v->is_number() ? v->to_number<long long>() : fallback;
}

std::string OwnerUid(const json::object& o) {
  const json::value* refs = o.at("metadata").as_object().if_contains("ownerReferences");
  if (refs == nullptr || !refs->is_array() || refs->as_array().empty()) return "";
  return Str(refs->as_array()[0].as_object(), {"uid"});
}

bool Terminating(const json::object& o) {
  return o.at("metadata").as_object().contains("deletionTimestamp");
}

json::object OwnerRef(const ResourceType& type, const json::object& owner) {
  return {{"apiVersion", type.ApiVersion()},
          {"kind", type.kind},
          {"name", Str(owner, {"metadata", "name"})},
          {"uid", Str(owner, {"metadata", "uid"})},
          {"controller", true},
          {"blockOwnerDeletion", true}};
}

// Sets a condition, keeping lastTransitionTime while its status stays the same.
void SetCondition(json::object& status, const std::string& type, const std::string& value,
                  const std::string& reason, const std::string& message, bool update_time) {
  json::value& list = status["conditions"];
  if (!list.is_array()) list = json::array();
  json::object c{{"type", type}, {"status", value}, {"reason", reason}, {"message", message}};
  for (auto& existing : list.as_array()) {
    json::object& e = existing.as_object();
    if (Str(e, {"type"}) != type) continue;
    const bool same = Str(e, {"status"}) == value;
    c["lastTransitionTime"] = same ? e["lastTransitionTime"] : json::value(Now());
    if (update_time)
      c["lastUpdateTime"] =
          same && Str(e, {"reason"}) == reason ? e["lastUpdateTime"] : json::value(Now());
    e = c;
    return;
  }
  c["lastTransitionTime"] = Now();
  if (update_time) c["lastUpdateTime"] = Now();
  list.as_array().push_back(c);
}

// Kubernetes leaves zero counts out of Deployment/ReplicaSet status.
void SetCount(json::object& status, const char* key, long long n) {
  if (n == 0) {
    status.erase(key);
  } else {
    status[key] = n;
  }
}

}  // namespace apiserver::sim
