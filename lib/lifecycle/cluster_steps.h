#pragma once
// The first two steps of `tfsk up` on minikube: a running cluster with the model mount, and a
// Metrics API that answers (the HPA shows <unknown> without it, k8s-tools.md §4 #2/#3). Each
// does nothing when the cluster already is as asked, so a re-run starts and enables nothing.

#include "lib/base/status.h"
#include "lib/config/config.h"
#include "lib/lifecycle/minikube_env.h"
#include "lib/lifecycle/progress.h"

namespace tfsk::lifecycle {

/// What EnsureCluster found or did.
struct ClusterState {
  bool started = false;  ///< `minikube start` ran
  std::string driver;    ///< the profile's driver (for the endpoint), "" if unknown
};

/// `minikube status`; when not fully running, checks the existing profile's mount against
/// cluster.mount (a docker/podman cluster cannot change it: FailedPrecondition with the
/// `minikube delete` advice, before a slow start fails with exit 81) and runs `minikube start`
/// with driver/cpus/memory and both mount flags. A running cluster with a different mount is a
/// FailedPrecondition too: the pods would not see the model.
StatusOr<ClusterState> EnsureCluster(const config::Config& config, MinikubeDrivers& d,
                                     Progress& progress);

/// Enables the metrics-server addon unless it is enabled, then polls `kubectl top pods` every
/// poll_interval until the Metrics API answers, at most options.metrics_timeout. Errors:
/// DeadlineExceeded with advice when it never answers; Cancelled on Ctrl-C.
Status EnsureMetrics(MinikubeDrivers& d, Progress& progress, const LifecycleOptions& options);

}  // namespace tfsk::lifecycle
