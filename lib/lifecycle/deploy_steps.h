#pragma once
// The steps of `tfsk up` and `tfsk down` that do not care which cluster they act on (minikube or
// any kubeconfig context): render and check, apply with a server dry run first, record what was
// applied, wait for the rollout and say why it is stuck, delete by labels and wait for the pods.
// Each talks to the cluster only through the Kubectl driver.

#include <string>
#include <vector>

#include "lib/base/status.h"
#include "lib/cluster/kubectl.h"
#include "lib/config/config.h"
#include "lib/lifecycle/deploy_state.h"
#include "lib/lifecycle/minikube_env.h"
#include "lib/lifecycle/progress.h"
#include "lib/render/render.h"

namespace tfsk::lifecycle {

/// Renders the manifests and runs render::CrossCheck; InvalidArgument listing every problem.
StatusOr<std::vector<render::Manifest>> RenderChecked(const config::Config& config,
                                                      Progress& progress);

/// `apply --dry-run=server` (skipped when `no_cluster`: a dry run of a cluster not started),
/// then `apply`; one progress line per object and a summary. A refusal in the dry run applies
/// nothing and says so.
StatusOr<std::vector<cluster::AppliedObject>> ApplyChecked(
    cluster::Kubectl& kubectl, const std::vector<render::Manifest>& manifests, bool no_cluster,
    Progress& progress);

/// What `tfsk down/status/url` need to find the applied objects again (target "minikube" or
/// "kube"; the URL is filled in later).
DeployState StateOf(const config::Config& config, const cluster::Kubectl& kubectl,
                    const std::vector<render::Manifest>& manifests, const std::string& target);

/// `rollout status` bounded by rollout.timeoutSeconds; on failure the error (and progress notes)
/// list DiagnoseWorkload's findings: "ImagePullBackOff", not just "timed out".
Status WaitForRollout(const config::Config& config, cluster::Kubectl& kubectl, Progress& progress);

/// Deletes every managed kind carrying `selector` (idempotent), then waits for the pods to go,
/// at most options.down_timeout. Returns false when pods were still terminating at the end.
StatusOr<bool> DeleteManaged(cluster::Kubectl& kubectl, const std::string& selector,
                             Progress& progress, const LifecycleOptions& options);

}  // namespace tfsk::lifecycle
