#pragma once
// Decoders of the Kubernetes objects tfsk reports on, as `kubectl get … -o json` prints them
// (k8s-tools.md §2.5): HorizontalPodAutoscaler (autoscaling/v2), Deployment, Pod lists and
// Event lists. Kubernetes omits zero counts and empty lists, so missing fields read as 0/empty;
// a metric the HPA cannot read yet is "unknown" (nullopt), never 0.

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "lib/base/status.h"

namespace tfsk::cluster {

/// A status condition (Deployment, HPA, Pod all share the shape).
struct Condition {
  std::string type;    ///< "Available", "ScalingActive", "Ready", ...
  std::string status;  ///< "True", "False", "Unknown"
  std::string reason;
  std::string message;
};

/// The condition of `type`, or nullptr.
const Condition* FindCondition(const std::vector<Condition>& conditions, std::string_view type);

/// `kubectl get hpa NAME -o json`.
struct HpaStatus {
  std::string name;
  std::string target;  ///< scaleTargetRef "Deployment/name"
  std::optional<int> min_replicas;
  int max_replicas = 0;
  int current_replicas = 0;
  int desired_replicas = 0;
  std::optional<int> cpu_current_percent;  ///< nullopt = <unknown> (no metrics yet / failing)
  std::optional<int> cpu_target_percent;   ///< the Utilization target, if it has one
  std::vector<Condition> conditions;

  /// kubectl's TARGETS column for the CPU metric: "45%/20%", "<unknown>/20%".
  std::string Targets() const;
  /// The ScalingActive condition's message ("" if absent): says why metrics are missing.
  std::string ScalingActiveMessage() const;
  /// ScalingActive is False (the HPA cannot compute replicas).
  bool ScalingInactive() const;
};
StatusOr<HpaStatus> ParseHpa(std::string_view json_text);

/// `kubectl get deployment NAME -o json`.
struct DeploymentStatus {
  std::string name;
  int desired = 1;  ///< spec.replicas (Kubernetes defaults it to 1)
  int replicas = 0;
  int ready = 0;
  int available = 0;
  int updated = 0;
  int unavailable = 0;
  std::int64_t generation = 0;
  std::int64_t observed_generation = 0;
  std::vector<Condition> conditions;

  /// The rollout is done: controller caught up, all desired replicas updated and available.
  bool Complete() const;
  /// Progressing=False with reason ProgressDeadlineExceeded.
  bool ProgressDeadlineExceeded() const;
};
StatusOr<DeploymentStatus> ParseDeployment(std::string_view json_text);

/// One container of a pod, with what blocks it.
struct ContainerState {
  std::string name;
  bool ready = false;
  int restarts = 0;
  std::string state;            ///< "running", "waiting", "terminated" or ""
  std::string waiting_reason;   ///< CrashLoopBackOff, ImagePullBackOff, ContainerCreating, ...
  std::string waiting_message;
  std::string terminated_reason;       ///< current state terminated: Error, Completed, OOMKilled
  std::string last_terminated_reason;  ///< lastState.terminated.reason, e.g. OOMKilled
  std::optional<int> last_exit_code;
};

/// One item of `kubectl get pods -l SELECTOR -o json`.
struct PodStatus {
  std::string name;
  std::string phase;  ///< Pending, Running, Succeeded, Failed, Unknown
  bool ready = false; ///< the Ready condition is True
  std::vector<ContainerState> containers;
  std::vector<Condition> conditions;

  int Restarts() const;
  /// The most telling reason the pod is not ready: a container's waiting reason, else its last
  /// termination reason, else an unmet condition's reason (e.g. Unschedulable), else the phase.
  std::string Blocker() const;
};
StatusOr<std::vector<PodStatus>> ParsePodList(std::string_view json_text);

/// One item of `kubectl get events -o json`.
struct EventInfo {
  std::string type;    ///< Normal, Warning
  std::string reason;  ///< FailedMount, BackOff, FailedGetResourceMetric, ...
  std::string message;
  std::string object_kind;
  std::string object_name;
  int count = 1;
  std::string last_timestamp;  ///< RFC 3339 (lastTimestamp, else eventTime, else firstTimestamp)
};
/// Events oldest first (by last_timestamp), so the tail is the most recent.
StatusOr<std::vector<EventInfo>> ParseEventList(std::string_view json_text);

}  // namespace tfsk::cluster
