#include "lib/cluster/diagnosis.h"

#include <cctype>

#include "lib/cluster/reasons.h"

namespace tfsk::cluster {
namespace {

std::string ConditionText(const Condition& c) {
  std::string text = c.type + "=" + c.status;
  if (!c.reason.empty()) text += " " + c.reason;
  if (!c.message.empty()) text += ": " + c.message;
  return text;
}

Finding AboutDeployment(const DeploymentStatus& d) {
  std::string what = "deployment " + d.name + ": " + std::to_string(d.ready) + "/" +
                     std::to_string(d.desired) + " ready";
  if (d.unavailable > 0) what += " (" + std::to_string(d.unavailable) + " unavailable)";
  if (d.Complete()) return {what, ""};
  if (const Condition* p = FindCondition(d.conditions, "Progressing"); p && p->status != "True") {
    what += "; " + ConditionText(*p);
  } else if (const Condition* a = FindCondition(d.conditions, "Available"); a && a->status != "True") {
    what += "; " + ConditionText(*a);
  }
  return {what, ""};
}

Finding AboutPod(const PodStatus& p) {
  std::string blocker = p.Blocker();
  std::string what = "pod " + p.name + ": " + blocker;
  const ContainerState* worst = nullptr;
  for (const auto& c : p.containers) {
    if (!c.ready && (worst == nullptr || c.restarts > worst->restarts)) worst = &c;
  }
  std::string advice_key = blocker;
  if (worst != nullptr) {
    if (!worst->waiting_message.empty() && worst->waiting_reason != "CrashLoopBackOff") {
      what += ": " + worst->waiting_message;
    }
    if (p.Restarts() > 0) what += ", " + std::to_string(p.Restarts()) + " restarts";
    if (!worst->last_terminated_reason.empty()) {
      what += ", last exit " + worst->last_terminated_reason;
      if (worst->last_exit_code) what += " (" + std::to_string(*worst->last_exit_code) + ")";
      // An OOM kill explains a crash loop better than "CrashLoopBackOff" does.
      if (worst->last_terminated_reason == "OOMKilled") advice_key = "OOMKilled";
    }
  }
  return {what, std::string(AdviceForWorkloadProblem(advice_key))};
}

Finding AboutEvent(const EventInfo& e) {
  std::string what = "event " + e.reason;
  if (e.count > 1) what += " (x" + std::to_string(e.count) + ")";
  std::string kind = e.object_kind;
  for (char& ch : kind) ch = static_cast<char>(std::tolower(static_cast<unsigned char>(ch)));
  what += " " + kind + "/" + e.object_name + ": " + e.message;
  std::string advice(AdviceForWorkloadProblem(e.message));
  if (advice.empty()) advice = AdviceForWorkloadProblem(e.reason);
  return {what, advice};
}

Finding AboutHpa(const HpaStatus& h) {
  std::string what = "hpa " + h.name + ": cpu " + h.Targets() + ", replicas " +
                     std::to_string(h.current_replicas) + " (desired " +
                     std::to_string(h.desired_replicas) + ")";
  if (!h.ScalingInactive()) return {what, ""};
  const Condition* c = FindCondition(h.conditions, "ScalingActive");
  what += "; " + ConditionText(*c);
  std::string advice(AdviceForWorkloadProblem(c->message));
  if (advice.empty()) advice = AdviceForWorkloadProblem(c->reason);
  return {what, advice};
}

}  // namespace

std::vector<Finding> Diagnose(const WorkloadSnapshot& s, std::size_t max_events) {
  std::vector<Finding> findings;
  if (s.deployment != nullptr) findings.push_back(AboutDeployment(*s.deployment));
  for (const auto& p : s.pods) {
    if (!p.ready) findings.push_back(AboutPod(p));
  }
  std::vector<const EventInfo*> warnings;
  for (const auto& e : s.events) {
    if (e.type == "Warning") warnings.push_back(&e);
  }
  std::size_t first = warnings.size() > max_events ? warnings.size() - max_events : 0;
  for (std::size_t i = first; i < warnings.size(); ++i) findings.push_back(AboutEvent(*warnings[i]));
  if (s.hpa != nullptr) findings.push_back(AboutHpa(*s.hpa));
  return findings;
}

StatusOr<std::vector<Finding>> DiagnoseWorkload(Kubectl& kubectl, const std::string& deployment,
                                                const std::string& selector,
                                                const std::string& hpa, std::size_t max_events) {
  std::vector<Finding> missing;
  WorkloadSnapshot snapshot;
  auto d = kubectl.GetDeployment(deployment);
  if (d.ok()) {
    snapshot.deployment = &*d;
  } else if (d.status().code() == Code::kNotFound) {
    missing.push_back({"deployment " + deployment + ": not found", "`tfsk up` creates it"});
  } else {
    return d.status();  // cannot reach the cluster: nothing else will work either
  }
  TFSK_ASSIGN_OR_RETURN(snapshot.pods, kubectl.GetPods(selector));
  TFSK_ASSIGN_OR_RETURN(snapshot.events, kubectl.GetEvents());
  StatusOr<HpaStatus> h = NotFound("not requested");
  if (!hpa.empty()) {
    h = kubectl.GetHpa(hpa);
    if (h.ok()) {
      snapshot.hpa = &*h;
    } else {
      missing.push_back({"hpa " + hpa + ": " + h.status().message().substr(0, h.status().message().find('\n')), ""});
    }
  }
  std::vector<Finding> findings = Diagnose(snapshot, max_events);
  findings.insert(findings.begin(), missing.begin(), missing.end());
  return findings;
}

}  // namespace tfsk::cluster
