#pragma once
// `tfsk up` on minikube, as numbered steps (docs/architecture.md "life of tfsk up"):
//   1 tools  2 cluster (+mount)  3 metrics  4 render+check  5 apply  6 rollout  7 URL  8 state.
// Each step prints one progress line; a failure stops the run with an error that says what to do.

#include <string>
#include <vector>

#include "lib/base/status.h"
#include "lib/cluster/kubectl_output.h"
#include "lib/config/config.h"
#include "lib/lifecycle/deploy_state.h"
#include "lib/lifecycle/minikube_env.h"
#include "lib/lifecycle/progress.h"

namespace tfsk::lifecycle {

struct UpResult {
  bool started_cluster = false;
  std::vector<cluster::AppliedObject> applied;
  std::string url;             ///< "" when a tunnel is needed or the port is unknown
  bool needs_tunnel = false;   ///< the NodePort is not reachable from this host
  DeployState state;           ///< what was written to .tfsk/state.json
  /// True when nothing changed: the cluster was reused and every object was unchanged.
  bool UpToDate() const;
};

/// Brings the project up on minikube. Errors carry the catalogue's reason and fix; a stuck
/// rollout's error lists DiagnoseWorkload's findings (also printed as notes).
StatusOr<UpResult> UpMinikube(const config::Config& config, MinikubeDrivers& d,
                              Progress& progress, const LifecycleOptions& options);

/// "created 2, configured 1, unchanged 1" style summary of an apply.
std::string ApplySummary(const std::vector<cluster::AppliedObject>& applied);

}  // namespace tfsk::lifecycle
