#include "serving/core/manager.h"

#include <algorithm>
#include <iostream>
#include <set>

#include "serving/core/manager_internal.h"

namespace tfsk::serving::core {

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
