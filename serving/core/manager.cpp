#include "serving/core/manager.h"

#include <algorithm>
#include <iostream>
#include <set>

namespace tfsk::serving::core {

struct Manager::Version {
  ManagerState state = ManagerState::kStart;
  Status health;
  std::unique_ptr<Loader> loader;            // reconcile thread only
  std::shared_ptr<const Servable> servable;  // set while AVAILABLE; read under mu_
  bool load_failed = false;  // failed while aspired: not retried until it stops being aspired
};

struct Manager::Model {
  ModelSpec spec;
  bool active = true;
  std::unique_ptr<VersionSource> source;  // reconcile thread only
  // Every version ever tracked, highest first (the status API order).
  std::map<std::int64_t, Version, std::greater<>> versions;
  std::map<std::string, std::int64_t> labels;
  std::optional<std::vector<std::int64_t>> aspired;  // last successful poll
};

namespace {

std::string ServableId(const std::string& model, std::int64_t version) {
  return "{name: " + model + " version: " + std::to_string(version) + "}";
}

}  // namespace

Manager::Manager(ManagerOptions options) : options_(std::move(options)) {}

Manager::~Manager() {
  StopPolling();
  UnloadAll();
}

void Manager::Log(const std::string& line) const {
  if (options_.log) {
    options_.log(line);
  } else {
    std::cerr << line + "\n";
  }
}

Status Manager::CheckLabels(const ModelSpec& spec, const Model* current) const {
  for (const auto& [label, version] : spec.labels) {
    bool available = false;
    bool moves_existing = false;
    if (current != nullptr && current->active) {
      auto v = current->versions.find(version);
      available = v != current->versions.end() && v->second.state == ManagerState::kAvailable;
      auto l = current->labels.find(label);
      moves_existing = l != current->labels.end() && l->second != version;
    }
    // The flag lets a new label point ahead of loading, but never moves a label that requests
    // already use onto a version that cannot serve them.
    if (!available && (!options_.allow_version_labels_for_unavailable_models || moves_existing)) {
      return FailedPrecondition("Request to assign label to version " + std::to_string(version) +
                                " of model " + spec.name +
                                ", which is not currently available for inference");
    }
  }
  return OkStatus();
}

Status Manager::ApplyConfig(const std::vector<ModelSpec>& specs) {
  std::lock_guard reconcile(reconcile_mu_);
  std::set<std::string, std::less<>> names;
  for (const ModelSpec& spec : specs) {
    if (spec.name.empty()) return InvalidArgument("model name must not be empty");
    if (!names.insert(spec.name).second) {
      return InvalidArgument("Illegal to list model " + spec.name +
                             " multiple times in config list");
    }
  }
  {
    std::unique_lock lock(mu_);
    for (const ModelSpec& spec : specs) {
      auto it = models_.find(spec.name);
      TFSK_RETURN_IF_ERROR(CheckLabels(spec, it == models_.end() ? nullptr : it->second.get()));
    }
  }

  // Removed models: nothing aspired any more, so every version unloads.
  for (auto& [name, model] : models_) {
    if (!model->active || names.count(name) != 0) continue;
    Log("Removing model " + name);
    Reconcile(*model, {});
    std::unique_lock lock(mu_);
    model->active = false;
    model->labels.clear();
    model->aspired.reset();
    model->source.reset();
    changed_.notify_all();
  }

  std::vector<Model*> to_poll;
  for (const ModelSpec& spec : specs) {
    Model* model = nullptr;
    {
      std::unique_lock lock(mu_);
      auto& slot = models_[spec.name];
      if (!slot) slot = std::make_unique<Model>();
      model = slot.get();
      const bool source_changed = !model->active || !model->source ||
                                  model->spec.base_path != spec.base_path ||
                                  model->spec.policy != spec.policy;
      model->active = true;
      model->spec = spec;
      model->labels = spec.labels;
      if (source_changed) {
        model->source = std::make_unique<VersionSource>(
            spec.name, spec.base_path, spec.policy, [this](const std::string& l) { Log(l); });
        model->aspired.reset();
        to_poll.push_back(model);
      }
      changed_.notify_all();
    }
  }
  if (options_.poll_period.count() >= 0) {
    for (Model* model : to_poll) PollModel(*model);
  }
  return OkStatus();
}

void Manager::PollNow() {
  std::lock_guard reconcile(reconcile_mu_);
  for (auto& [name, model] : models_) {
    if (model->active) PollModel(*model);
  }
}

void Manager::PollModel(Model& model) {
  std::optional<std::vector<AspiredVersion>> aspired = model.source->Poll();
  if (!aspired) return;  // keep serving what we have; the source logged why
  Reconcile(model, *aspired);
}

void Manager::Reconcile(Model& model, const std::vector<AspiredVersion>& aspired) {
  std::set<std::int64_t> wanted;
  for (const AspiredVersion& a : aspired) wanted.insert(a.version);
  {
    std::unique_lock lock(mu_);
    model.aspired = std::vector<std::int64_t>(wanted.begin(), wanted.end());
    for (auto& [v, version] : model.versions) {
      // A folder that disappears and comes back gets a fresh load attempt.
      if (wanted.count(v) == 0) version.load_failed = false;
    }
    changed_.notify_all();
  }

  // 1. Load new aspired versions, highest first: the one that Latest requests will use.
  for (auto it = aspired.rbegin(); it != aspired.rend(); ++it) {
    auto found = model.versions.find(it->version);
    if (found != model.versions.end()) {
      const Version& v = found->second;
      if (v.load_failed || v.state == ManagerState::kAvailable) continue;
    }
    LoadVersion(model, *it);
  }

  // 2. Retire versions that are no longer aspired, lowest first, without ever dropping the last
  // AVAILABLE version while an aspired one has failed to come up.
  std::vector<std::int64_t> retired;
  bool aspired_available = false;
  for (const auto& [v, version] : model.versions) {
    if (version.state != ManagerState::kAvailable) continue;
    if (wanted.count(v) != 0) {
      aspired_available = true;
    } else {
      retired.push_back(v);
    }
  }
  std::sort(retired.begin(), retired.end());
  std::size_t remaining = retired.size();
  for (std::int64_t v : retired) {
    if (!(aspired_available || wanted.empty() || remaining > 1)) break;
    UnloadVersion(model, v);
    --remaining;
  }
}

void Manager::LoadVersion(Model& model, const AspiredVersion& aspired) {
  const std::string id = ServableId(model.spec.name, aspired.version);
  {
    std::unique_lock lock(mu_);
    Version& v = model.versions[aspired.version];
    v.state = ManagerState::kStart;
    v.health = OkStatus();
    v.load_failed = false;
    v.servable.reset();
    changed_.notify_all();
  }
  Version& v = model.versions.find(aspired.version)->second;  // node is stable
  std::unique_ptr<Loader> loader =
      options_.loader_factory ? options_.loader_factory(model.spec.name, aspired.version, aspired.path)
                              : nullptr;
  {
    std::unique_lock lock(mu_);
    v.state = ManagerState::kLoading;
    changed_.notify_all();
  }
  Log("Loading servable version " + id);
  Status status = loader ? loader->Load() : Internal("no loader for servable version " + id);
  for (int attempt = 0; !status.ok() && loader && attempt < options_.max_num_load_retries;
       ++attempt) {
    Log("Loading servable version " + id + " failed: " + status.ToString() + "; retrying");
    if (!SleepUnlessStopping(options_.load_retry_interval)) break;
    status = loader->Load();
  }
  std::shared_ptr<const Servable> servable;
  if (status.ok()) {
    servable = loader->servable();
    if (servable == nullptr) status = Internal("loader produced no servable for " + id);
  }
  std::unique_lock lock(mu_);
  if (status.ok()) {
    v.loader = std::move(loader);
    v.servable = std::move(servable);
    v.state = ManagerState::kAvailable;
    Log("Successfully loaded servable version " + id);
  } else {
    v.state = ManagerState::kEnd;
    v.health = status;
    v.load_failed = true;
    Log("Failed to load servable version " + id + ": " + status.ToString());
  }
  changed_.notify_all();
}

void Manager::UnloadVersion(Model& model, std::int64_t version) {
  Version& v = model.versions.find(version)->second;
  std::shared_ptr<const Servable> last_ref;
  {
    // From here on Find() no longer hands the version out; handles already given keep it alive.
    std::unique_lock lock(mu_);
    v.state = ManagerState::kUnloading;
    last_ref = std::move(v.servable);
    changed_.notify_all();
  }
  Log("Unloading servable version " + ServableId(model.spec.name, version));
  if (v.loader) v.loader->Unload();
  v.loader.reset();
  last_ref.reset();
  std::unique_lock lock(mu_);
  v.state = ManagerState::kEnd;
  v.health = OkStatus();
  changed_.notify_all();
  Log("Done unloading servable version " + ServableId(model.spec.name, version));
}

void Manager::UnloadAll() {
  std::lock_guard reconcile(reconcile_mu_);
  for (auto& [name, model] : models_) {
    std::vector<std::int64_t> loaded;
    for (const auto& [v, version] : model->versions) {
      if (version.state == ManagerState::kAvailable) loaded.push_back(v);
    }
    std::sort(loaded.begin(), loaded.end());
    for (std::int64_t v : loaded) UnloadVersion(*model, v);
  }
}

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

bool Manager::SleepUnlessStopping(std::chrono::milliseconds d) {
  std::unique_lock lock(thread_mu_);
  return !stop_cv_.wait_for(lock, d, [this] { return stopping_; });
}

void Manager::StartPolling() {
  std::lock_guard lock(thread_mu_);
  if (options_.poll_period.count() <= 0 || poller_.joinable()) return;
  stopping_ = false;
  poller_ = std::thread([this] { PollLoop(); });
}

void Manager::StopPolling() {
  {
    std::lock_guard lock(thread_mu_);
    stopping_ = true;
  }
  stop_cv_.notify_all();
  if (poller_.joinable()) poller_.join();
}

void Manager::PollLoop() {
  while (SleepUnlessStopping(options_.poll_period)) PollNow();
}

}  // namespace tfsk::serving::core
