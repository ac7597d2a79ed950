#include "lib/lifecycle/kube_down.h"

#include "lib/lifecycle/deploy_state.h"
#include "lib/lifecycle/deploy_steps.h"

namespace tfsk::lifecycle {

StatusOr<DownResult> DownKube(const config::Config& config, MinikubeDrivers& d, Progress& progress,
                              const LifecycleOptions& options) {
  DownResult result;
  TFSK_ASSIGN_OR_RETURN(std::optional<DeployState> state, LoadDeployState(options.project_dir));
  const std::string selector = state ? state->selector : ManagedSelector(config);
  TFSK_ASSIGN_OR_RETURN(result.pods_gone, DeleteManaged(d.kubectl, selector, progress, options));
  Status cleared = options.dry_run ? OkStatus() : ClearDeployState(options.project_dir);
  if (!cleared.ok()) return cleared;
  progress.Step("down: done (target kube: the cluster itself is left as it is)");
  return result;
}

}  // namespace tfsk::lifecycle
