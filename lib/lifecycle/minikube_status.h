#pragma once
// `tfsk status` on minikube: the cluster, the Deployment (ready/desired), its pods, the HPA
// (replicas, CPU current/target and why it cannot scale), and the URL from .tfsk/state.json.
// Read-only. The model's own status (GET URL/v1/models/NAME) is asked when a URL is recorded
// and options.http_get is set; a URL behind a tunnel is not (it needs `tfsk url` running).

#include <optional>
#include <string>
#include <vector>

#include "lib/base/status.h"
#include "lib/cluster/minikube_output.h"
#include "lib/cluster/workload_status.h"
#include "lib/config/config.h"
#include "lib/lifecycle/minikube_env.h"

namespace tfsk::lifecycle {

struct StatusReport {
  std::string profile;
  cluster::MinikubeStatus cluster;
  /// Target kube: the context (the cluster line shows it instead of a minikube profile).
  std::string kube_context;
  std::optional<cluster::DeploymentStatus> deployment;  ///< nullopt: not deployed
  std::vector<cluster::PodStatus> pods;
  std::optional<cluster::HpaStatus> hpa;                ///< nullopt: none or not found
  std::string url;                                      ///< from the state file
  std::string model_state;  ///< "AVAILABLE", "LOADING", ... or "" when not asked/answered
  std::vector<std::string> notes;                       ///< what was not checked and why

  /// Deployed and every desired replica ready.
  bool Healthy() const;
};

/// Gathers the report. Errors only when minikube/kubectl cannot run or the cluster cannot be
/// reached; a missing deployment or HPA is part of the report.
StatusOr<StatusReport> StatusMinikube(const config::Config& config, MinikubeDrivers& d,
                                      const LifecycleOptions& options);

/// `tfsk status` on target kube: the same report for the context `d.kubectl` is pinned to (see
/// UseKubeContext); reaching the API server is the cluster check.
StatusOr<StatusReport> StatusKube(const config::Config& config, MinikubeDrivers& d,
                                  const LifecycleOptions& options);

/// Lines for people ("deployment  tf-serving-deployment  1/1 ready").
std::string StatusText(const StatusReport& report);
/// One JSON object for scripts (`tfsk status -o json`).
std::string StatusJson(const StatusReport& report);

}  // namespace tfsk::lifecycle
