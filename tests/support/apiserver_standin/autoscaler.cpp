// The HorizontalPodAutoscaler controller of the simulation: status from the fixed CPU use of
// the ready pods, and scaling of the target Deployment within min/max, as the real one does
// (desired = ceil(current * utilization / target) outside a 10 % tolerance).
#include <algorithm>
#include <cmath>

#include "tests/support/apiserver_standin/sim_objects.h"
#include "tests/support/apiserver_standin/simulation.h"

namespace apiserver {

using namespace sim;

void Simulation::Autoscaler(const json::object& hpa) {
  const std::string ns = Str(hpa, {"metadata", "namespace"});
  const std::string target = Str(hpa, {"spec", "scaleTargetRef", "name"});
  const long long min = Int(hpa, {"spec", "minReplicas"}, 1),
                  max = Int(hpa, {"spec", "maxReplicas"}, 1);
  auto dep = store_.Get(Deployments(), ns, target);
  long long current = 0, desired = 0, ready = 0;
  std::optional<long long> utilization;
  long long millis = 0;
  if (dep) {
    current = Int(*dep, {"status", "replicas"}, Int(*dep, {"spec", "replicas"}, 1));
    ready = Int(*dep, {"status", "readyReplicas"}, 0);
    desired = current;
    // metrics-server reports nothing for a workload without ready pods.
    if (ready > 0) utilization = options_.cpu_percent;
  }
  long long target_pct = 80;  // the controller's default when no CPU target is given
  if (const auto* m = hpa.at("spec").as_object().if_contains("metrics"); m && m->is_array()) {
    for (const auto& x : m->as_array()) {
      if (Str(x.as_object(), {"resource", "name"}) == "cpu")
        target_pct = Int(x.as_object(), {"resource", "target", "averageUtilization"}, 80);
    }
  }
  if (utilization && target_pct > 0) {
    const double ratio = static_cast<double>(*utilization) / static_cast<double>(target_pct);
    if (std::abs(ratio - 1.0) > 0.1)
      desired = static_cast<long long>(std::ceil(static_cast<double>(current) * ratio));
    for (const auto& p : store_.List(Pods(), ns)) {
      if (OwnerUid(p).empty() || Terminating(p)) continue;
      millis = PodCpuMillis(p, *utilization);
      break;
    }
  }
  const long long raw = desired;
  desired = std::clamp(desired, min, max);
  if (dep && desired != Int(*dep, {"spec", "replicas"}, 1) &&
      (utilization || raw < min || raw > max)) {
    store_.Modify(Deployments(), ns, target, [&](json::object& o) {
      o["spec"].as_object()["replicas"] = desired;
      return Edit::kChanged;
    });
    RecordEvent(hpa, "Normal", "SuccessfulRescale",
                "New size: " + std::to_string(desired) +
                    "; reason: cpu resource utilization (percentage of request) " +
                    (desired > current ? "above" : "below") + " target");
  }
  store_.Modify(Autoscalers(), ns, Str(hpa, {"metadata", "name"}), [&](json::object& o) {
    json::object& s = o["status"].is_object() ? o["status"].as_object()
                                              : (o["status"] = json::object()).as_object();
    s["currentReplicas"] = current;
    s["desiredReplicas"] = dep ? desired : 0;
    if (!dep) {
      SetCondition(s, "AbleToScale", "False", "FailedGetScale",
                   "the HPA controller was unable to get the target's current scale: "
                   "deployments/scale.apps \"" +
                       target + "\" not found");
      return Edit::kChanged;
    }
    if (desired == current) {
      SetCondition(s, "AbleToScale", "True", "ReadyForNewScale",
                   "recommended size matches current size");
    } else {
      SetCondition(
          s, "AbleToScale", "True", "SucceededRescale",
          "the HPA controller was able to update the target scale to " + std::to_string(desired));
    }
    if (utilization) {
      s["currentMetrics"] = json::array{json::object{
          {"type", "Resource"},
          {"resource", json::object{{"name", "cpu"},
                                    {"current", json::object{{"averageUtilization", *utilization},
                                                             {"averageValue",
                                                              std::to_string(millis) + "m"}}}}}}};
      SetCondition(s, "ScalingActive", "True", "ValidMetricFound",
                   "the HPA was able to successfully calculate a replica count from cpu resource "
                   "utilization (percentage of request)");
    } else {
      s.erase("currentMetrics");
      SetCondition(
          s, "ScalingActive", "False", "FailedGetResourceMetric",
          "the HPA was unable to compute the replica count: failed to get cpu utilization: unable "
          "to get metrics for resource cpu: no metrics returned from resource metrics API");
    }
    if (raw > max) {
      SetCondition(s, "ScalingLimited", "True", "TooManyReplicas",
                   "the desired replica count is more than the maximum replica count");
    } else if (raw < min) {
      SetCondition(s, "ScalingLimited", "True", "TooFewReplicas",
                   "the desired replica count is less than the minimum replica count");
    } else {
      SetCondition(s, "ScalingLimited", "False", "DesiredWithinRange",
                   "the desired count is within the acceptable range");
    }
    return Edit::kChanged;
  });
}

}  // namespace apiserver
