#include "lib/lifecycle/cluster_logs.h"

#include <fmt/format.h>

#include "lib/lifecycle/deploy_state.h"

namespace tfsk::lifecycle {

Status LogsCluster(const config::Config& config, MinikubeDrivers& d,
                   const LifecycleOptions& options, const ClusterLogsOptions& logs,
                   std::ostream& out) {
  TFSK_RETURN_IF_ERROR(RequireTool(d.runner, "kubectl"));
  TFSK_ASSIGN_OR_RETURN(std::optional<DeployState> state, LoadDeployState(options.project_dir));
  const std::string selector = state ? state->selector : ManagedSelector(config);
  // kubectl answers "No resources found" on stderr with exit 0 when nothing matches; asking for
  // the pods first turns that into an error that says what to run.
  TFSK_ASSIGN_OR_RETURN(std::vector<cluster::PodStatus> pods, d.kubectl.GetPods(selector));
  if (pods.empty()) {
    return NotFound(fmt::format("no pods labelled {} in namespace {}; deploy with: tfsk up",
                                selector, d.kubectl.args().target().ns));
  }
  if (!logs.follow) {
    TFSK_ASSIGN_OR_RETURN(std::string text, d.kubectl.Logs(selector, logs.tail));
    out << text;
    out.flush();
    return OkStatus();
  }
  TFSK_ASSIGN_OR_RETURN(std::unique_ptr<ChildProcess> child,
                        d.kubectl.FollowLogs(selector, logs.tail));
  while (!options.Interrupted()) {
    StatusOr<std::string> line = child->ReadLine(std::chrono::milliseconds(200));
    if (line.ok()) {
      out << *line << "\n";
      out.flush();
      continue;
    }
    if (line.status().code() == Code::kDeadlineExceeded) continue;  // quiet pods: keep waiting
    break;                                                          // kubectl ended
  }
  const int code = child->Stop();
  if (options.Interrupted() || code == 0) return OkStatus();
  return Unavailable(
      fmt::format("kubectl logs -f ended with exit code {}: {}", code, child->StderrText()));
}

}  // namespace tfsk::lifecycle
