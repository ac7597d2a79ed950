#pragma once
// Small readers and writers of the objects the simulation touches (internal to the stand-in):
// the resource types it uses, owner references, conditions as controllers keep them.

#include "tests/support/apiserver_standin/store.h"

namespace apiserver::sim {

/// The resource types the controllers work on.
const ResourceType& Deployments();
const ResourceType& ReplicaSets();
const ResourceType& Pods();
const ResourceType& Events();
const ResourceType& Autoscalers();
/// The number at `path`, or `fallback`.
long long Int(const json::object& o, std::initializer_list<std::string_view> path,
              long long fallback);
/// The uid of the first owner reference, or "".
std::string OwnerUid(const json::object& o);
/// True once metadata.deletionTimestamp is set.
bool Terminating(const json::object& o);
/// A controller owner reference to `owner`.
json::object OwnerRef(const ResourceType& type, const json::object& owner);
/// Sets status.conditions[type], keeping lastTransitionTime while the status stays the same.
void SetCondition(json::object& status, const std::string& type, const std::string& value,
                  const std::string& reason, const std::string& message, bool update_time = false);
/// Sets a count, or leaves it out when 0 (as Deployment/ReplicaSet status does).
void SetCount(json::object& status, const char* key, long long n);

}  // namespace apiserver::sim
