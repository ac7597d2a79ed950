#pragma once
// The model manager: turns aspired versions into loaded, servable versions for several models,
// with TF Serving's availability-preserving policy, version labels and a status snapshot.
//
// The life of a version: the model's VersionSource lists folder N as aspired -> the manager
// creates a Loader (START), calls Load() (LOADING) -> AVAILABLE (Find() may return it) ->
// when no longer aspired and safe to retire: UNLOADING -> Unload() -> END. A failed load ends in
// END with the error as health; the versions already serving keep serving.
//
// Availability preservation: within one reconcile pass new versions are loaded (highest first)
// before any retired version is unloaded (lowest first), and retired versions are unloaded only
// when an aspired version is AVAILABLE, nothing is aspired any more, or more than one retired
// version is still loaded. So a swap 1 -> 2 never leaves a moment without an AVAILABLE version.

#include <chrono>
#include <condition_variable>
#include <cstdint>
#include <filesystem>
#include <map>
#include <memory>
#include <mutex>
#include <optional>
#include <string>
#include <string_view>
#include <thread>
#include <vector>

#include "lib/base/status.h"
#include "serving/core/servable.h"
#include "serving/core/servable_state.h"
#include "serving/core/version_policy.h"
#include "serving/core/version_source.h"

namespace tfsk::serving::core {

/// One model as the config file (or --model_name/--model_base_path) describes it.
struct ModelSpec {
  std::string name;
  std::filesystem::path base_path;
  VersionPolicy policy;
  std::map<std::string, std::int64_t> labels;  ///< version_labels: label -> version

  friend bool operator==(const ModelSpec&, const ModelSpec&) = default;
};

/// How the manager behaves; fixed for its lifetime.
struct ManagerOptions {
  /// Required. Called on the loading thread for every version to load.
  LoaderFactory loader_factory;
  /// Log lines (loads, unloads, source warnings). Default: stderr. Called from the manager's
  /// threads, must be thread-safe.
  LogFn log;
  /// --file_system_poll_wait_seconds: > 0 poll on a background thread (StartPolling) with this
  /// period; == 0 poll each model once when ApplyConfig adds or changes it; < 0 never poll by
  /// itself (tests call PollNow()). With >= 0 ApplyConfig polls new/changed models at once, so
  /// startup does not wait a period.
  std::chrono::milliseconds poll_period{1000};
  /// --allow_version_labels_for_unavailable_models.
  bool allow_version_labels_for_unavailable_models = false;
  /// --max_num_load_retries / --load_retry_interval_micros: extra Load() attempts after a failure.
  int max_num_load_retries = 0;
  std::chrono::milliseconds load_retry_interval{0};
};

/// Which version a request asks for.
struct VersionRequest {
  enum class Kind { kLatest, kSpecific, kLabel };
  Kind kind = Kind::kLatest;
  std::int64_t version = 0;  ///< kSpecific
  std::string label;         ///< kLabel

  static VersionRequest Latest() { return {}; }
  static VersionRequest Specific(std::int64_t v) { return {Kind::kSpecific, v, {}}; }
  static VersionRequest Label(std::string l) { return {Kind::kLabel, 0, std::move(l)}; }
};

/// Thread-safety: every public method may be called from any thread. Find() and
/// GetModelStatus() hold the lock only for a lookup and never wait for a load. ApplyConfig(), PollNow()
/// and UnloadAll() are serialized among themselves (loads happen one at a time, in the calling
/// thread or the polling thread). Loaders are owned by the manager; servables live as long as the
/// manager's reference or the last ServableHandle.
class Manager {
 public:
  explicit Manager(ManagerOptions options);
  /// Stops polling and unloads every version.
  ~Manager();
  Manager(const Manager&) = delete;
  Manager& operator=(const Manager&) = delete;

  /// Makes `models` the served set: adds new models, removes (unloads) models not listed, applies
  /// changed base paths/policies and replaces labels. Labels are checked first, against the
  /// versions AVAILABLE right now (see ModelSpec::labels and the options); on a label error or a
  /// duplicate name nothing changes and the error is returned ("Request to assign label ...").
  /// With poll_period >= 0, new or changed models are polled (and loaded) before returning.
  Status ApplyConfig(const std::vector<ModelSpec>& models);

  /// Polls every model's base path once and reconciles (loads/unloads) synchronously.
  void PollNow();

  /// Starts the background polling thread when poll_period > 0 (otherwise does nothing).
  /// Idempotent.
  void StartPolling();
  /// Stops and joins the polling thread; an ongoing load finishes first. Idempotent.
  void StopPolling();

  /// Unloads every loaded version of every model (lowest first). Used on shutdown.
  void UnloadAll();

  /// The servable for a request. Errors (TF Serving's texts):
  /// NOT_FOUND "Servable not found for request: Latest(<model>)" / "Specific(<model>, <v>)";
  /// INVALID_ARGUMENT "Unrecognized servable version label: <label>".
  /// Latest = the highest AVAILABLE version.
  StatusOr<ServableHandle> Find(std::string_view model, const VersionRequest& request) const;

  /// The status API: every version ever tracked for `model`, highest first, or only `version`.
  /// NOT_FOUND "Could not find any versions of model <m>" / "Could not find version <v> of model
  /// <m>".
  StatusOr<std::vector<VersionStatus>> GetModelStatus(std::string_view model,
                                                      std::optional<std::int64_t> version) const;

  /// Names of the models currently configured, sorted.
  std::vector<std::string> ModelNames() const;

  /// The label map of `model` (empty when unknown).
  std::map<std::string, std::int64_t> Labels(std::string_view model) const;

  /// Blocks until every configured model has polled a non-empty aspired set and each aspired
  /// version has settled. OK when all are AVAILABLE; otherwise the failure
  /// ("<n> model(s) did not become available: ...") or DEADLINE_EXCEEDED on timeout.
  Status WaitUntilAvailable(std::chrono::milliseconds timeout) const;

 private:
  struct Version;
  struct Model;

  void Log(const std::string& line) const;
  Status CheckLabels(const ModelSpec& spec, const Model* current) const;
  void PollModel(Model& model);
  void Reconcile(Model& model, const std::vector<AspiredVersion>& aspired);
  void LoadVersion(Model& model, const AspiredVersion& aspired);
  void UnloadVersion(Model& model, std::int64_t version);
  bool SleepUnlessStopping(std::chrono::milliseconds d);
  void PollLoop();

  const ManagerOptions options_;

  // Serializes writers (ApplyConfig/PollNow/UnloadAll); guards loaders and sources.
  std::mutex reconcile_mu_;
  // Guards everything readers see: the model map and states, servables, labels. A plain mutex,
  // not a shared_mutex: glibc's rwlock prefers readers, so a steady stream of Find() calls could
  // starve a version swap; the critical sections are a map lookup and a shared_ptr copy.
  mutable std::mutex mu_;
  mutable std::condition_variable changed_;  // signalled on every state change
  std::map<std::string, std::unique_ptr<Model>, std::less<>> models_;

  std::mutex thread_mu_;
  std::condition_variable stop_cv_;
  bool stopping_ = false;
  std::thread poller_;
};

}  // namespace tfsk::serving::core
