#include "lib/lifecycle/minikube_down.h"

#include <fmt/format.h>

#include "lib/lifecycle/deploy_state.h"

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
    // --wait=false: pods are watched below with our own bound and progress lines.
    Status deleted = d.kubectl.DeleteBySelector(ManagedKinds(), selector, false, options.down_timeout);
    if (!deleted.ok()) return deleted;
    progress.Step("delete: objects labelled " + selector);
    using std::chrono::duration_cast;
    using std::chrono::milliseconds;
    const milliseconds limit = duration_cast<milliseconds>(options.down_timeout);
    milliseconds waited{0};
    for (;;) {
      TFSK_ASSIGN_OR_RETURN(std::vector<cluster::PodStatus> pods, d.kubectl.GetPods(selector));
      if (pods.empty()) {
        progress.Step("delete: all pods gone");
        break;
      }
      if (waited >= limit || options.Interrupted()) {
        result.pods_gone = false;
        progress.Note(fmt::format("delete: {} pod(s) still terminating; they go on their own "
                                  "(kubectl --context {} -n {} get pods -l {})",
                                  pods.size(), d.kubectl.args().target().context,
                                  d.kubectl.args().target().ns, selector));
        break;
      }
      progress.Detail(fmt::format("delete: {} pod(s) terminating", pods.size()));
      options.Sleep(options.poll_interval);
      waited += options.poll_interval;
    }
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
