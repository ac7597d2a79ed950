#include "serving/loader/manager_registry.h"

#include <typeinfo>

#include "serving/loader/saved_model_servable.h"

namespace tfsk::serving::loader {
namespace {

rest::ServableState ToRestState(core::ManagerState s) {
  switch (s) {
    case core::ManagerState::kUnknown: return rest::ServableState::kUnknown;
    case core::ManagerState::kStart: return rest::ServableState::kStart;
    case core::ManagerState::kLoading: return rest::ServableState::kLoading;
    case core::ManagerState::kAvailable: return rest::ServableState::kAvailable;
    case core::ManagerState::kUnloading: return rest::ServableState::kUnloading;
    case core::ManagerState::kEnd: return rest::ServableState::kEnd;
  }
  return rest::ServableState::kUnknown;
}

}  // namespace

StatusOr<std::shared_ptr<rest::Servable>> ManagerRegistry::Find(
    const rest::ServableRequest& request) {
  core::VersionRequest want = core::VersionRequest::Latest();
  if (request.version) want = core::VersionRequest::Specific(*request.version);
  if (request.label) want = core::VersionRequest::Label(*request.label);
  TFSK_ASSIGN_OR_RETURN(core::ServableHandle handle, manager_.Find(request.name, want));
  // The manager hands out servables as const (it never mutates them); running a signature is
  // internally synchronized by the executor, so the REST side may call the non-const Run().
  auto mutable_servable = std::const_pointer_cast<core::Servable>(handle.servable);
  // Every servable the server loads is a SavedModelServable: a typeid comparison and a
  // static_cast are a few instructions, a cross-cast dynamic_cast some 300 per request.
  core::Servable* const core_servable = mutable_servable.get();
  rest::Servable* const rest_servable =
      core_servable != nullptr && typeid(*core_servable) == typeid(SavedModelServable)
          ? static_cast<SavedModelServable*>(core_servable)
          : dynamic_cast<rest::Servable*>(core_servable);
  if (rest_servable == nullptr) {
    return Internal("servable " + request.name + " version " + std::to_string(handle.version) +
                    " cannot answer REST requests");
  }
  // Aliasing constructor: the returned pointer keeps the whole servable alive.
  return std::shared_ptr<rest::Servable>(mutable_servable, rest_servable);
}

std::vector<rest::VersionStatus> ManagerRegistry::ListVersions(const std::string& name) {
  std::vector<rest::VersionStatus> out;
  auto statuses = manager_.GetModelStatus(name, std::nullopt);
  if (!statuses.ok()) return out;
  for (const core::VersionStatus& v : *statuses) {
    out.push_back({v.version, ToRestState(v.state), v.health});
  }
  return out;
}

}  // namespace tfsk::serving::loader
