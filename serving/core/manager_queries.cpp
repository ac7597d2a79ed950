// The manager's read side: request lookups, the status API and the startup wait. Every function
// here holds mu_ only for lookups and never waits for a load (except WaitUntilAvailable, by
// design).

#include <set>

#include "serving/core/manager.h"
#include "serving/core/manager_internal.h"

namespace tfsk::serving::core {

StatusOr<ServableHandle> Manager::Find(std::string_view name, const VersionRequest& request) const {
  std::unique_lock lock(mu_);
  auto it = models_.find(name);
  const Model* model = it != models_.end() && it->second->active ? it->second.get() : nullptr;
  std::int64_t wanted = request.version;
  switch (request.kind) {
    case VersionRequest::Kind::kLatest:
      if (model != nullptr) {
        for (const auto& [v, version] : model->versions) {  // highest first
          if (version.state == ManagerState::kAvailable) {
            return ServableHandle{std::string(name), v, version.servable};
          }
        }
      }
      return NotFound("Servable not found for request: Latest(" + std::string(name) + ")");
    case VersionRequest::Kind::kLabel: {
      if (model == nullptr || model->labels.count(request.label) == 0) {
        return InvalidArgument("Unrecognized servable version label: " + request.label);
      }
      wanted = model->labels.find(request.label)->second;
      break;
    }
    case VersionRequest::Kind::kSpecific:
      break;
  }
  if (model != nullptr) {
    auto v = model->versions.find(wanted);
    if (v != model->versions.end() && v->second.state == ManagerState::kAvailable) {
      return ServableHandle{std::string(name), wanted, v->second.servable};
    }
  }
  return NotFound("Servable not found for request: Specific(" + std::string(name) + ", " +
                  std::to_string(wanted) + ")");
}

StatusOr<std::vector<VersionStatus>> Manager::GetModelStatus(
    std::string_view name, std::optional<std::int64_t> version) const {
  std::unique_lock lock(mu_);
  auto it = models_.find(name);
  // A removed model keeps its history (all END), as TF Serving's state monitor does.
  if (it == models_.end() || it->second->versions.empty()) {
    return NotFound("Could not find any versions of model " + std::string(name));
  }
  std::vector<VersionStatus> out;
  for (const auto& [v, state] : it->second->versions) {
    if (version && *version != v) continue;
    out.push_back({v, state.state, state.health});
  }
  if (version && out.empty()) {
    return NotFound("Could not find version " + std::to_string(*version) + " of model " +
                    std::string(name));
  }
  return out;
}

std::vector<std::string> Manager::ModelNames() const {
  std::unique_lock lock(mu_);
  std::vector<std::string> names;
  for (const auto& [name, model] : models_) {
    if (model->active) names.push_back(name);
  }
  return names;
}

std::map<std::string, std::int64_t> Manager::Labels(std::string_view name) const {
  std::unique_lock lock(mu_);
  auto it = models_.find(name);
  if (it == models_.end() || !it->second->active) return {};
  return it->second->labels;
}

Status Manager::WaitUntilAvailable(std::chrono::milliseconds timeout) const {
  const auto deadline = std::chrono::steady_clock::now() + timeout;
  std::unique_lock lock(mu_);
  std::vector<std::string> waiting;
  std::vector<std::string> failed;
  std::set<std::string> failed_models;
  Status first_error;
  auto settled = [&] {
    waiting.clear();
    failed.clear();
    failed_models.clear();
    first_error = OkStatus();
    for (const auto& [name, model] : models_) {
      if (!model->active) continue;
      if (!model->aspired || model->aspired->empty()) {
        waiting.push_back(name + " (no versions found under " + model->spec.base_path.string() +
                          ")");
        continue;
      }
      for (std::int64_t v : *model->aspired) {
        auto it = model->versions.find(v);
        if (it == model->versions.end()) {
          waiting.push_back(ServableId(name, v));
        } else if (it->second.load_failed) {
          failed.push_back(ServableId(name, v) + ": " + it->second.health.ToString());
          failed_models.insert(name);
          if (first_error.ok()) first_error = it->second.health;
        } else if (it->second.state != ManagerState::kAvailable) {
          waiting.push_back(ServableId(name, v));
        }
      }
    }
    return waiting.empty();
  };
  auto join = [](const std::vector<std::string>& items) {
    std::string s;
    for (const std::string& item : items) s += (s.empty() ? "" : ", ") + item;
    return s;
  };
  if (!changed_.wait_until(lock, deadline, settled)) {
    return DeadlineExceeded("timed out waiting for models to become available; waiting for: " +
                            join(waiting));
  }
  if (!failed.empty()) {
    return Status(first_error.code(), std::to_string(failed_models.size()) +
                                          " model(s) did not become available: " + join(failed));
  }
  return OkStatus();
}

}  // namespace tfsk::serving::core
