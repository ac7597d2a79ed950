#include "lib/lifecycle/cluster_steps.h"

#include <fmt/format.h>

namespace tfsk::lifecycle {

StatusOr<ClusterState> EnsureCluster(const config::Config& config, MinikubeDrivers& d,
                                     Progress& progress) {
  const std::string& profile = config.cluster.profile;
  TFSK_ASSIGN_OR_RETURN(cluster::MinikubeStatus status, d.minikube.Status());
  // The profile list tells the driver (for the URL) and the mount the cluster was created with.
  TFSK_ASSIGN_OR_RETURN(std::optional<cluster::ProfileInfo> info, d.minikube.Profile());
  ClusterState out;
  if (info) out.driver = info->driver;
  const std::string mount = DesiredMount(config);
  if (info) {
    if (auto conflict = cluster::MountConflict(*info, mount)) {
      return FailedPrecondition(fmt::format("cluster {}: {}", profile, *conflict));
    }
  }
  if (status.Ready()) {
    progress.Step(fmt::format("cluster {}: running (reused)", profile));
    return out;
  }
  cluster::StartSpec spec;
  spec.driver = config.cluster.driver;
  spec.cpus = config.cluster.cpus;
  spec.memory = config.cluster.memory;
  spec.mount_host = config.cluster.mount.host.string();
  spec.mount_guest = config.cluster.mount.guest;
  progress.Step(fmt::format("cluster {}: {}; starting (a first start downloads images and takes minutes)",
                            profile, status.Summary()));
  Status started = d.minikube.Start(spec);
  if (!started.ok()) return started;
  out.started = true;
  if (out.driver.empty()) out.driver = config.cluster.driver;
  progress.Step(fmt::format("cluster {}: started", profile));
  return out;
}

Status EnsureMetrics(MinikubeDrivers& d, Progress& progress, const LifecycleOptions& options) {
  TFSK_ASSIGN_OR_RETURN(bool enabled, d.minikube.AddonEnabled("metrics-server"));
  if (!enabled) {
    progress.Step("metrics-server: enabling the addon");
    Status s = d.minikube.EnableAddon("metrics-server");
    if (!s.ok()) return s;
    if (options.dry_run) return OkStatus();  // nothing will answer: the addon was not enabled
  }
  using std::chrono::duration_cast;
  using std::chrono::milliseconds;
  const milliseconds limit = duration_cast<milliseconds>(options.metrics_timeout);
  milliseconds waited{0};
  for (int attempt = 1;; ++attempt) {
    TFSK_ASSIGN_OR_RETURN(bool available, d.kubectl.MetricsAvailable());
    if (available) {
      progress.Step("metrics-server: enabled, Metrics API answers");
      return OkStatus();
    }
    if (waited >= limit) break;
    if (options.Interrupted()) return Status(Code::kCancelled, "interrupted while waiting for the Metrics API");
    progress.Step(fmt::format("metrics-server: Metrics API not answering yet (try {}, {}s of {}s)",
                              attempt, waited.count() / 1000, limit.count() / 1000));
    options.Sleep(options.poll_interval);
    waited += options.poll_interval;
  }
  return DeadlineExceeded(fmt::format(
      "the Metrics API did not answer within {}s after enabling metrics-server; the autoscaler "
      "would show <unknown>.\n  see why: kubectl --context {} -n kube-system describe deploy/metrics-server\n"
      "  then re-run `tfsk up` (it resumes), or raise the wait",
      limit.count() / 1000, d.kubectl.args().target().context));
}

}  // namespace tfsk::lifecycle
