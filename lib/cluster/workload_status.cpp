#include "lib/cluster/workload_status.h"

#include <boost/json.hpp>

#include <algorithm>

#include "lib/cluster/json_fields.h"

namespace tfsk::cluster {
namespace {

int IntOr(const boost::json::value& v, std::initializer_list<std::string_view> path, int fallback) {
  auto n = json::Int(v, path);
  return n ? static_cast<int>(*n) : fallback;
}

std::vector<Condition> Conditions(const boost::json::value& obj) {
  std::vector<Condition> out;
  const auto* list = json::At(obj, {"status", "conditions"});
  if (list == nullptr || !list->is_array()) return out;
  for (const auto& c : list->get_array()) {
    out.push_back({json::Str(c, {"type"}), json::Str(c, {"status"}), json::Str(c, {"reason"}),
                   json::Str(c, {"message"})});
  }
  return out;
}

StatusOr<boost::json::value> ParseKind(std::string_view text, std::string_view kind) {
  TFSK_ASSIGN_OR_RETURN(auto doc, json::Parse(text, "`kubectl get` " + std::string(kind) + " JSON"));
  std::string got = json::Str(doc, {"kind"});
  if (got != kind) {
    return InvalidArgument("expected a " + std::string(kind) + " from kubectl but got kind \"" +
                           got + "\"");
  }
  return doc;
}

}  // namespace

const Condition* FindCondition(const std::vector<Condition>& conditions, std::string_view type) {
  for (const auto& c : conditions) {
    if (c.type == type) return &c;
  }
  return nullptr;
}

std::string HpaStatus::Targets() const {
  std::string current = cpu_current_percent ? std::to_string(*cpu_current_percent) + "%" : "<unknown>";
  std::string target = cpu_target_percent ? std::to_string(*cpu_target_percent) + "%" : "<unset>";
  return current + "/" + target;
}

std::string HpaStatus::ScalingActiveMessage() const {
  const Condition* c = FindCondition(conditions, "ScalingActive");
  return c != nullptr ? c->message : "";
}

bool HpaStatus::ScalingInactive() const {
  const Condition* c = FindCondition(conditions, "ScalingActive");
  return c != nullptr && c->status == "False";
}

StatusOr<HpaStatus> ParseHpa(std::string_view json_text) {
  TFSK_ASSIGN_OR_RETURN(auto doc, ParseKind(json_text, "HorizontalPodAutoscaler"));
  HpaStatus h;
  h.name = json::Str(doc, {"metadata", "name"});
  h.target = json::Str(doc, {"spec", "scaleTargetRef", "kind"}) + "/" +
             json::Str(doc, {"spec", "scaleTargetRef", "name"});
  if (auto n = json::Int(doc, {"spec", "minReplicas"})) h.min_replicas = static_cast<int>(*n);
  h.max_replicas = IntOr(doc, {"spec", "maxReplicas"}, 0);
  h.current_replicas = IntOr(doc, {"status", "currentReplicas"}, 0);
  h.desired_replicas = IntOr(doc, {"status", "desiredReplicas"}, 0);
  if (const auto* metrics = json::At(doc, {"spec", "metrics"}); metrics && metrics->is_array()) {
    for (const auto& m : metrics->get_array()) {
      if (json::Str(m, {"type"}) == "Resource" && json::Str(m, {"resource", "name"}) == "cpu") {
        if (auto t = json::Int(m, {"resource", "target", "averageUtilization"})) {
          h.cpu_target_percent = static_cast<int>(*t);
        }
      }
    }
  }
  // A failing metric leaves a zero-value entry ({"type": ""}); only a real number counts.
  if (const auto* metrics = json::At(doc, {"status", "currentMetrics"}); metrics && metrics->is_array()) {
    for (const auto& m : metrics->get_array()) {
      if (json::Str(m, {"type"}) == "Resource" && json::Str(m, {"resource", "name"}) == "cpu") {
        if (auto c = json::Int(m, {"resource", "current", "averageUtilization"})) {
          h.cpu_current_percent = static_cast<int>(*c);
        }
      }
    }
  }
  h.conditions = Conditions(doc);
  return h;
}

bool DeploymentStatus::Complete() const {
  return observed_generation >= generation && updated >= desired && available >= desired &&
         replicas <= updated;
}

bool DeploymentStatus::ProgressDeadlineExceeded() const {
  const Condition* c = FindCondition(conditions, "Progressing");
  return c != nullptr && c->status == "False" && c->reason == "ProgressDeadlineExceeded";
}

StatusOr<DeploymentStatus> ParseDeployment(std::string_view json_text) {
  TFSK_ASSIGN_OR_RETURN(auto doc, ParseKind(json_text, "Deployment"));
  DeploymentStatus d;
  d.name = json::Str(doc, {"metadata", "name"});
  d.desired = IntOr(doc, {"spec", "replicas"}, 1);
  d.replicas = IntOr(doc, {"status", "replicas"}, 0);
  d.ready = IntOr(doc, {"status", "readyReplicas"}, 0);
  d.available = IntOr(doc, {"status", "availableReplicas"}, 0);
  d.updated = IntOr(doc, {"status", "updatedReplicas"}, 0);
  d.unavailable = IntOr(doc, {"status", "unavailableReplicas"}, 0);
  d.generation = json::Int(doc, {"metadata", "generation"}).value_or(0);
  d.observed_generation = json::Int(doc, {"status", "observedGeneration"}).value_or(0);
  d.conditions = Conditions(doc);
  return d;
}

int PodStatus::Restarts() const {
  int n = 0;
  for (const auto& c : containers) n += c.restarts;
  return n;
}

std::string PodStatus::Blocker() const {
  for (const auto& c : containers) {
    if (!c.waiting_reason.empty()) return c.waiting_reason;
  }
  for (const auto& c : containers) {
    if (!c.terminated_reason.empty()) return c.terminated_reason;
    if (!c.ready && !c.last_terminated_reason.empty()) return c.last_terminated_reason;
  }
  for (const auto& c : conditions) {
    if (c.status != "True" && !c.reason.empty() && c.reason != "ContainersNotReady") return c.reason;
  }
  if (!ready && phase == "Running") return "NotReady";
  return phase;
}

StatusOr<std::vector<PodStatus>> ParsePodList(std::string_view json_text) {
  TFSK_ASSIGN_OR_RETURN(auto doc, ParseKind(json_text, "List"));
  std::vector<PodStatus> pods;
  const auto* items = json::At(doc, {"items"});
  if (items == nullptr || !items->is_array()) return pods;
  for (const auto& item : items->get_array()) {
    PodStatus p;
    p.name = json::Str(item, {"metadata", "name"});
    p.phase = json::Str(item, {"status", "phase"});
    p.conditions = Conditions(item);
    const Condition* ready = FindCondition(p.conditions, "Ready");
    p.ready = ready != nullptr && ready->status == "True";
    if (const auto* cs = json::At(item, {"status", "containerStatuses"}); cs && cs->is_array()) {
      for (const auto& c : cs->get_array()) {
        ContainerState s;
        s.name = json::Str(c, {"name"});
        s.ready = json::Bool(c, {"ready"});
        s.restarts = IntOr(c, {"restartCount"}, 0);
        for (const char* st : {"running", "waiting", "terminated"}) {
          if (json::At(c, {"state", st}) != nullptr) s.state = st;
        }
        s.waiting_reason = json::Str(c, {"state", "waiting", "reason"});
        s.waiting_message = json::Str(c, {"state", "waiting", "message"});
        s.terminated_reason = json::Str(c, {"state", "terminated", "reason"});
        s.last_terminated_reason = json::Str(c, {"lastState", "terminated", "reason"});
        if (auto code = json::Int(c, {"lastState", "terminated", "exitCode"})) {
          s.last_exit_code = static_cast<int>(*code);
        }
        p.containers.push_back(std::move(s));
      }
    }
    pods.push_back(std::move(p));
  }
  return pods;
}

StatusOr<std::vector<EventInfo>> ParseEventList(std::string_view json_text) {
  TFSK_ASSIGN_OR_RETURN(auto doc, ParseKind(json_text, "List"));
  std::vector<EventInfo> events;
  const auto* items = json::At(doc, {"items"});
  if (items == nullptr || !items->is_array()) return events;
  for (const auto& item : items->get_array()) {
    EventInfo e;
    e.type = json::Str(item, {"type"});
    e.reason = json::Str(item, {"reason"});
    e.message = json::Str(item, {"message"});
    e.object_kind = json::Str(item, {"involvedObject", "kind"});
    e.object_name = json::Str(item, {"involvedObject", "name"});
    e.count = IntOr(item, {"count"}, 1);
    e.last_timestamp = json::Str(item, {"lastTimestamp"});
    if (e.last_timestamp.empty()) e.last_timestamp = json::Str(item, {"eventTime"});
    if (e.last_timestamp.empty()) e.last_timestamp = json::Str(item, {"firstTimestamp"});
    events.push_back(std::move(e));
  }
  // RFC 3339 UTC timestamps sort as strings.
  std::stable_sort(events.begin(), events.end(), [](const EventInfo& a, const EventInfo& b) {
    return a.last_timestamp < b.last_timestamp;
  });
  return events;
}

}  // namespace tfsk::cluster
