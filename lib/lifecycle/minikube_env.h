#pragma once
// What every minikube lifecycle step shares: the drivers (all calls through one ProcessRunner, so
// tests script them and --dry-run/--verbose observe them), the knobs that make waiting bounded
// and testable, and the names derived from tfsk.yaml.

#include <chrono>
#include <filesystem>
#include <functional>
#include <string>
#include <utility>

#include "lib/base/status.h"
#include "lib/cluster/endpoint.h"
#include "lib/cluster/kubectl.h"
#include "lib/cluster/minikube.h"
#include "lib/config/config.h"
#include "lib/process/process_runner.h"

namespace tfsk::lifecycle {

/// The three seams. References must outlive the steps that use them.
struct MinikubeDrivers {
  ProcessRunner& runner;
  cluster::Minikube& minikube;
  cluster::Kubectl& kubectl;
};

/// Bounds and hooks. The defaults are for people; tests shrink the waits and stub the sleep.
struct LifecycleOptions {
  std::filesystem::path project_dir = ".";  ///< where .tfsk/ lives
  std::chrono::seconds metrics_timeout{300};
  std::chrono::seconds down_timeout{120};
  std::chrono::milliseconds poll_interval{5000};
  /// Waits between polls; default std::this_thread::sleep_for.
  std::function<void(std::chrono::milliseconds)> sleep;
  /// True once the user pressed Ctrl-C: polling loops stop at the next turn.
  std::function<bool()> interrupted;
  cluster::HostFacts host = cluster::DetectHostFacts();
  /// --dry-run: the runner answers for commands that change things; .tfsk/state.json is left
  /// alone.
  bool dry_run = false;
  /// The static server packed for `server.image: tfsk-serving`; empty: tfsk-serving-static
  /// beside tfsk or in the build tree.
  std::filesystem::path serving_binary;
  /// GET url -> (HTTP status, body), for the model's own status. Empty: not checked (tests that
  /// do not care; Session sets lib/http's client).
  std::function<StatusOr<std::pair<int, std::string>>(const std::string& url)> http_get;

  void Sleep(std::chrono::milliseconds d) const;
  bool Interrupted() const { return interrupted && interrupted(); }
};

/// The labels every object tfsk renders carries (templates/*.mustache): what `down` deletes by
/// and what `status` lists pods by.
std::string ManagedSelector(const config::Config& config);

/// "host:guest" of cluster.mount, or "" when there is no host folder.
std::string DesiredMount(const config::Config& config);

/// The kubectl target (context, namespace) for this project.
cluster::KubeTarget KubeTargetOf(const config::Config& config);

/// NotFound with the install hint when `program` is not on PATH (checked through the runner).
Status RequireTool(ProcessRunner& runner, const std::string& program);

}  // namespace tfsk::lifecycle
