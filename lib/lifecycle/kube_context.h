#pragma once
// Target kube acts on a kubeconfig context tfsk did not create: which one, decided once per
// command and then pinned on the Kubectl driver, so a `kubectl config use-context` elsewhere
// cannot redirect a running tfsk, and `status/down` act where `up` deployed.

#include <optional>
#include <string>

#include "lib/base/status.h"
#include "lib/cluster/kubectl.h"
#include "lib/config/config.h"
#include "lib/lifecycle/deploy_state.h"
#include "lib/lifecycle/progress.h"

namespace tfsk::lifecycle {

/// The context to use: the one `tfsk up` recorded in .tfsk/state.json (target kube), else
/// cluster.context, else kubectl's current context. It must exist in the kubeconfig
/// (`kubectl config get-contexts -o name`): FailedPrecondition listing the contexts otherwise.
/// On success `kubectl` is pinned to it.
StatusOr<std::string> UseKubeContext(const config::Config& config,
                                     const std::optional<DeployState>& state,
                                     cluster::Kubectl& kubectl, Progress& progress);

}  // namespace tfsk::lifecycle
