#pragma once
// What `tfsk stress` shows of the cluster while it loads it: the HPA's replicas and CPU and how
// many pods are Ready. An interface so the live view and --until-replicas are tested with the
// fake process runner; KubectlClusterView is the real one (lib/cluster's Kubectl + parsers).

#include <chrono>
#include <condition_variable>
#include <memory>
#include <mutex>
#include <optional>
#include <string>
#include <thread>

#include "lib/base/status.h"

namespace tfsk::cluster {
class Kubectl;
}

namespace tfsk::stress {

struct ClusterSample {
  std::optional<int> current_replicas;  ///< HPA status.currentReplicas
  std::optional<int> desired_replicas;
  std::optional<int> cpu_current;       ///< percent of request; nullopt = <unknown>
  std::optional<int> cpu_target;
  std::optional<int> pods_ready;
  std::optional<int> pods_total;
  std::string note;                     ///< why something is missing (last error), "" if none
};

/// "replicas 2→4  cpu 45%/20%  pods 2/4 ready" (unknown parts as "?").
std::string FormatCluster(const ClusterSample& s);

class ClusterView {
 public:
  virtual ~ClusterView() = default;
  /// One observation. Errors are reported, never fatal to the load.
  virtual StatusOr<ClusterSample> Sample() = 0;
};

/// `kubectl get hpa NAME -o json` + `kubectl get pods -l SELECTOR -o json`.
class KubectlClusterView : public ClusterView {
 public:
  /// `kubectl` must outlive this object.
  KubectlClusterView(cluster::Kubectl& kubectl, std::string hpa, std::string selector);
  StatusOr<ClusterSample> Sample() override;

 private:
  cluster::Kubectl& kubectl_;
  std::string hpa_;
  std::string selector_;
};

/// Polls a ClusterView on its own thread (kubectl takes a while; the load's tick loop must not
/// wait for it) and keeps the latest sample. Stops and joins in the destructor.
class ClusterPoller {
 public:
  ClusterPoller(ClusterView& view, std::chrono::milliseconds interval);
  ~ClusterPoller();
  ClusterPoller(const ClusterPoller&) = delete;
  ClusterPoller& operator=(const ClusterPoller&) = delete;

  /// The latest sample; nullopt before the first one completed.
  std::optional<ClusterSample> Latest() const;
  /// Samples once on the calling thread and stores it (used by tests and at start).
  void PollNow();

 private:
  ClusterView& view_;
  std::chrono::milliseconds interval_;
  mutable std::mutex mu_;
  std::condition_variable cv_;
  bool stop_ = false;
  std::optional<ClusterSample> latest_;
  std::thread thread_;
};

}  // namespace tfsk::stress
