#pragma once
// The controllers and kubelet the stand-in pretends to have, run by a ticker: for each
// Deployment a ReplicaSet (named by a hash of the pod template) and its Pods, which become
// Running and Ready after a delay, or never (an image that cannot be pulled: ImagePullBackOff
// and Warning events); Deployment/ReplicaSet status as the deployment controller writes it;
// HorizontalPodAutoscaler status (and scaling) from a fixed CPU use; garbage collection of
// dependents whose owner is gone, with a short Terminating phase for pods.

#include <chrono>
#include <map>
#include <string>

#include "tests/support/apiserver_standin/store.h"

namespace apiserver {

struct SimulationOptions {
  std::chrono::milliseconds ready_after{1000};     ///< pod created -> Running and Ready
  bool never_ready = false;                        ///< pods stay Pending in ImagePullBackOff
  std::chrono::milliseconds terminate_after{800};  ///< pod marked for deletion -> gone
  int cpu_percent = 10;  ///< every ready pod's CPU use, in percent of its request
};

/// Not thread-safe itself: one ticker thread calls Tick(); the store locks its own data.
class Simulation {
 public:
  Simulation(Store& store, SimulationOptions options) : store_(store), options_(options) {}

  /// One pass over every object: advances pods, writes statuses, collects garbage.
  void Tick();

 private:
  using Clock = std::chrono::steady_clock;
  void Deployment(const json::object& deployment);
  std::string EnsureReplicaSet(const json::object& deployment, const std::string& hash);
  void AdvancePod(const json::object& pod);
  void Autoscaler(const json::object& hpa);
  void CollectGarbage();
  void RecordEvent(const json::object& about, const std::string& type, const std::string& reason,
                   const std::string& message);

  Store& store_;
  SimulationOptions options_;
  std::map<std::string, Clock::time_point> born_;         // pod uid -> created
  std::map<std::string, Clock::time_point> terminating_;  // pod uid -> marked for deletion
  long long names_ = 0;
};

/// The CPU a ready pod uses in millicores: `percent` of its containers' summed CPU request
/// (100m when none is set).
long long PodCpuMillis(const json::object& pod, int percent);

}  // namespace apiserver
