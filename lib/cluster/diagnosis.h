#pragma once
// "Why is it not ready?" in a few lines instead of "timed out": the Deployment's state, each
// unready pod's blocker (waiting reason, restarts, last termination), the recent Warning events
// and the HPA's ScalingActive condition, each with advice from reasons.h. Pure: the lifecycle
// (tfsk up on a failed rollout, tfsk status, tfsk doctor) gathers the objects with Kubectl and
// prints these lines.

#include <string>
#include <vector>

#include "lib/base/status.h"
#include "lib/cluster/kubectl.h"
#include "lib/cluster/workload_status.h"

namespace tfsk::cluster {

/// What a diagnosis looks at. Pointers may be null (object missing or not fetched).
struct WorkloadSnapshot {
  const DeploymentStatus* deployment = nullptr;
  std::vector<PodStatus> pods;
  std::vector<EventInfo> events;  ///< oldest first (as ParseEventList returns them)
  const HpaStatus* hpa = nullptr;
};

/// One finding: a sentence and, when the catalogue knows one, advice.
struct Finding {
  std::string what;    ///< e.g. "pod x: CrashLoopBackOff, 4 restarts, last exit OOMKilled (137)"
  std::string advice;  ///< e.g. "the container ran out of memory: raise server.resources.limits.memory"
  std::string Line() const { return advice.empty() ? what : what + " -- " + advice; }
};

/// Findings in reading order: deployment, unready pods, the last `max_events` Warning events,
/// HPA. A healthy snapshot gives just the one-line deployment (and HPA) summary.
std::vector<Finding> Diagnose(const WorkloadSnapshot& snapshot, std::size_t max_events = 5);

/// Fetches deployment `name`, pods by `selector`, events and (if `hpa` is not empty) the HPA, and
/// diagnoses them. Objects that cannot be fetched become findings themselves ("hpa x: not found"),
/// so this only fails when kubectl cannot reach the cluster at all.
StatusOr<std::vector<Finding>> DiagnoseWorkload(Kubectl& kubectl, const std::string& deployment,
                                                const std::string& selector,
                                                const std::string& hpa, std::size_t max_events = 5);

}  // namespace tfsk::cluster
