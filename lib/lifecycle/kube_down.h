#pragma once
// `tfsk down` on target kube: deletes exactly what tfsk applied (its labels, in the context and
// namespace .tfsk/state.json recorded), waits for the pods (bounded) and clears the state. Never
// touches the cluster itself. Idempotent.

#include "lib/base/status.h"
#include "lib/config/config.h"
#include "lib/lifecycle/minikube_down.h"
#include "lib/lifecycle/minikube_env.h"
#include "lib/lifecycle/progress.h"

namespace tfsk::lifecycle {

/// `d.kubectl` must already be pinned to the context (UseKubeContext). Errors: the delete's
/// (cluster unreachable: the state file stays, so a re-run can finish the job).
StatusOr<DownResult> DownKube(const config::Config& config, MinikubeDrivers& d, Progress& progress,
                              const LifecycleOptions& options);

}  // namespace tfsk::lifecycle
