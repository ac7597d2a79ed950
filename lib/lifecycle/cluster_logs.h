#pragma once
// `tfsk logs` and `tfsk dashboard` on a cluster target: the server pods' logs through kubectl
// (the pods tfsk applied, found by the labels recorded in .tfsk/state.json), and the minikube
// dashboard's URL with its proxy held while the command runs.

#include <ostream>

#include "lib/base/status.h"
#include "lib/config/config.h"
#include "lib/lifecycle/minikube_env.h"

namespace tfsk::lifecycle {

struct ClusterLogsOptions {
  int tail = 100;
  bool follow = false;
};

/// Writes the pods' logs (`kubectl logs -l SELECTOR --prefix`) to `out`. With `follow`, streams
/// lines until kubectl ends or the user interrupts (options.Interrupted()). Errors: kubectl's
/// (K_CONTEXT_NOT_FOUND, ...); NotFound with "tfsk up" when no pod carries the labels.
Status LogsCluster(const config::Config& config, MinikubeDrivers& d,
                   const LifecycleOptions& options, const ClusterLogsOptions& logs,
                   std::ostream& out);

}  // namespace tfsk::lifecycle
