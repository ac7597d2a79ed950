#include "lib/lifecycle/minikube_down.h"

#include <fmt/format.h>

#include "lib/lifecycle/deploy_state.h"
#include "lib/lifecycle/deploy_steps.h"

namespace tfsk::lifecycle {

const std::vector<std::string>& ManagedKinds() {
  static const std::vector<std::string> kinds = {"deployment", "service", "configmap", "hpa"};
  return kinds;
}

StatusOr<DownResult> DownMinikube(const config::Config& config, MinikubeDrivers& d,
                                  Progress& progress, const LifecycleOptions& options,
                                  const DownOptions& down) {
  DownResult result;
  Status tool = RequireTool(d.runner, "kubectl");
  if (!tool.ok()) return tool;
  TFSK_ASSIGN_OR_RETURN(std::optional<DeployState> state, LoadDeployState(options.project_dir));
  const std::string selector = state ? state->selector : ManagedSelector(config);
  // Cluster gone or stopped: nothing to delete there; only the state file and maybe the stop.
  TFSK_ASSIGN_OR_RETURN(cluster::MinikubeStatus status, d.minikube.Status());
  if (!status.Ready()) {
    progress.Step(fmt::format("cluster {}: {}; nothing to delete", config.cluster.profile,
                              status.Summary()));
  } else {
    TFSK_ASSIGN_OR_RETURN(result.pods_gone, DeleteManaged(d.kubectl, selector, progress, options));
  }
  Status cleared = options.dry_run ? OkStatus() : ClearDeployState(options.project_dir);
  if (!cleared.ok()) return cleared;
  if (down.stop_cluster && status.HostRunning()) {
    progress.Step(fmt::format("cluster {}: stopping", config.cluster.profile));
    Status stopped = d.minikube.Stop();
    if (!stopped.ok()) return stopped;
    result.stopped_cluster = true;
    progress.Step(fmt::format("cluster {}: stopped", config.cluster.profile));
  }
  progress.Step("down: done");
  return result;
}

}  // namespace tfsk::lifecycle
