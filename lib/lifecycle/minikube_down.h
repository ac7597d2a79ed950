#pragma once
// `tfsk down` on minikube: deletes exactly what tfsk applied (by its labels, never by name
// guesses), waits (bounded) for the pods to go, clears .tfsk/state.json and, if asked, stops the
// cluster. Idempotent: a second run deletes nothing and succeeds.

#include "lib/base/status.h"
#include "lib/config/config.h"
#include "lib/lifecycle/minikube_env.h"
#include "lib/lifecycle/progress.h"

namespace tfsk::lifecycle {

struct DownOptions {
  bool stop_cluster = false;
};

struct DownResult {
  bool pods_gone = true;   ///< false when pods were still terminating at the deadline
  bool stopped_cluster = false;
};

/// The selector comes from .tfsk/state.json when present (what was applied), else from config.
/// Errors: the delete's failure (cluster unreachable: the state file stays, so a re-run can
/// finish the job).
StatusOr<DownResult> DownMinikube(const config::Config& config, MinikubeDrivers& d,
                                  Progress& progress, const LifecycleOptions& options,
                                  const DownOptions& down);

/// The kinds `down` deletes (every kind the templates render).
const std::vector<std::string>& ManagedKinds();

}  // namespace tfsk::lifecycle
