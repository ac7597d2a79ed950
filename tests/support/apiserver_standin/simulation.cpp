#include "tests/support/apiserver_standin/simulation.h"

#include <algorithm>
#include <cmath>
#include <cstdio>

#include "lib/config/quantity.h"
#include "tests/support/apiserver_standin/sim_objects.h"

namespace apiserver {
using namespace sim;

namespace {

std::string TemplateHash(const json::object& deployment) {
  const json::value* t = deployment.at("spec").as_object().if_contains("template");
  unsigned long long h = 1469598103934665603ULL;  // FNV-1a over the template's JSON
  for (char c : t != nullptr ? json::serialize(*t) : std::string()) {
    h = (h ^ static_cast<unsigned char>(c)) * 1099511628211ULL;
  }
  static const char kAlphabet[] = "bcdfghjklmnpqrstvwxz2456789";  // as rand.SafeEncodeString
  std::string out;
  for (int i = 0; i < 10; ++i, h /= 27) out += kAlphabet[h % 27];
  return out;
}

std::string FirstImage(const json::object& pod) {
  const json::value* cs = pod.at("spec").as_object().if_contains("containers");
  if (cs == nullptr || !cs->is_array() || cs->as_array().empty()) return "";
  return Str(cs->as_array()[0].as_object(), {"image"});
}

json::array ContainerStatuses(const json::object& pod, const json::object& state, bool ready) {
  json::array out;
  const json::value* cs = pod.at("spec").as_object().if_contains("containers");
  if (cs == nullptr || !cs->is_array()) return out;
  for (const auto& c : cs->as_array()) {
    out.push_back(json::object{{"name", Str(c.as_object(), {"name"})},
                               {"image", Str(c.as_object(), {"image"})},
                               {"imageID", ""},
                               {"ready", ready},
                               {"restartCount", 0},
                               {"started", ready},
                               {"state", state}});
  }
  return out;
}

}  // namespace

long long PodCpuMillis(const json::object& pod, int percent) {
  long double request = 0;
  const json::value* cs = pod.at("spec").as_object().if_contains("containers");
  if (cs != nullptr && cs->is_array()) {
    for (const auto& c : cs->as_array()) {
      const json::value* cpu = nullptr;
      if (const auto* r = c.as_object().if_contains("resources"); r && r->is_object()) {
        if (const auto* req = r->as_object().if_contains("requests"); req && req->is_object()) {
          cpu = req->as_object().if_contains("cpu");
        }
      }
      if (cpu != nullptr && cpu->is_string()) {
        request += tfsk::config::ParseQuantity(cpu->as_string().c_str()).value_or(0);
      } else if (cpu != nullptr && cpu->is_number()) {
        request += cpu->to_number<double>();
      }
    }
  }
  if (request <= 0) request = 0.1L;
  return std::max<long long>(1, std::llround(static_cast<double>(request * 1000 * percent / 100)));
}

void Simulation::RecordEvent(const json::object& about, const std::string& type,
                             const std::string& reason, const std::string& message) {
  const std::string ns = Str(about, {"metadata", "namespace"});
  char suffix[24];
  std::snprintf(suffix, sizeof suffix, ".%016llx", 0x181c0000000ULL + ++names_);
  const std::string now = Now();
  json::object e{{"apiVersion", "v1"},
                 {"kind", "Event"},
                 {"metadata", json::object{{"name", Str(about, {"metadata", "name"}) + suffix},
                                           {"namespace", ns}}},
                 {"involvedObject", json::object{{"apiVersion", Str(about, {"apiVersion"})},
                                                 {"kind", Str(about, {"kind"})},
                                                 {"name", Str(about, {"metadata", "name"})},
                                                 {"namespace", ns},
                                                 {"uid", Str(about, {"metadata", "uid"})}}},
                 {"reason", reason},
                 {"message", message},
                 {"type", type},
                 {"count", 1},
                 {"firstTimestamp", now},
                 {"lastTimestamp", now},
                 {"source", json::object{{"component", Str(about, {"kind"}) == "Pod"
                                                           ? "kubelet"
                                                           : "deployment-controller"}}},
                 {"reportingComponent", ""},
                 {"reportingInstance", ""}};
  store_.Create(Events(), std::move(e));
}

std::string Simulation::EnsureReplicaSet(const json::object& dep, const std::string& hash) {
  const std::string ns = Str(dep, {"metadata", "namespace"});
  const std::string name = Str(dep, {"metadata", "name"}) + "-" + hash;
  const long long replicas = Int(dep, {"spec", "replicas"}, 1);
  if (auto rs = store_.Get(ReplicaSets(), ns, name)) {
    store_.Modify(ReplicaSets(), ns, name, [&](json::object& o) {
      o["spec"].as_object()["replicas"] = replicas;
      return Edit::kChanged;
    });
    return Str(*rs, {"metadata", "uid"});
  }
  json::object tmpl = dep.at("spec").as_object().at("template").as_object();
  json::object& tmeta = tmpl["metadata"].is_object()
                            ? tmpl["metadata"].as_object()
                            : (tmpl["metadata"] = json::object()).as_object();
  if (!tmeta["labels"].is_object()) tmeta["labels"] = json::object();
  tmeta["labels"].as_object()["pod-template-hash"] = hash;
  json::object selector = dep.at("spec").as_object().at("selector").as_object();
  if (!selector["matchLabels"].is_object()) selector["matchLabels"] = json::object();
  selector["matchLabels"].as_object()["pod-template-hash"] = hash;
  json::object rs{
      {"apiVersion", "apps/v1"},
      {"kind", "ReplicaSet"},
      {"metadata", json::object{{"name", name},
                                {"namespace", ns},
                                {"labels", tmeta["labels"]},
                                {"ownerReferences", json::array{OwnerRef(Deployments(), dep)}}}},
      {"spec", json::object{{"replicas", replicas}, {"selector", selector}, {"template", tmpl}}}};
  auto created = store_.Create(ReplicaSets(), std::move(rs));
  if (!created) return "";
  RecordEvent(dep, "Normal", "ScalingReplicaSet",
              "Scaled up replica set " + name + " from 0 to " + std::to_string(replicas));
  return Str(*created, {"metadata", "uid"});
}

void Simulation::Deployment(const json::object& dep) {
  const std::string ns = Str(dep, {"metadata", "namespace"});
  const std::string name = Str(dep, {"metadata", "name"});
  const std::string uid = Str(dep, {"metadata", "uid"});
  if (Terminating(dep)) {  // foreground deletion: wait for the dependents, then go
    bool any =
        !store_.List(ReplicaSets(), ns, [&](const json::object& o) { return OwnerUid(o) == uid; })
             .empty();
    if (!any) store_.Delete(Deployments(), ns, name);
    for (const auto& rs : store_.List(ReplicaSets(), ns,
                                      [&](const json::object& o) { return OwnerUid(o) == uid; })) {
      store_.Delete(ReplicaSets(), ns, Str(rs, {"metadata", "name"}));
    }
    return;
  }
  const std::string hash = TemplateHash(dep);
  const std::string rs_name = name + "-" + hash;
  const std::string rs_uid = EnsureReplicaSet(dep, hash);
  // Older ReplicaSets of this Deployment go (a Recreate-like simplification of the rollout).
  for (const auto& rs : store_.List(ReplicaSets(), ns, [&](const json::object& o) {
         return OwnerUid(o) == uid && Str(o, {"metadata", "name"}) != rs_name;
       })) {
    store_.Delete(ReplicaSets(), ns, Str(rs, {"metadata", "name"}));
  }
  const long long want = Int(dep, {"spec", "replicas"}, 1);
  auto pods = store_.List(
      Pods(), ns, [&](const json::object& o) { return OwnerUid(o) == rs_uid && !Terminating(o); });
  auto rs = store_.Get(ReplicaSets(), ns, rs_name);
  if (!rs) return;
  for (long long i = static_cast<long long>(pods.size()); i < want; ++i) {
    json::object tmpl = rs->at("spec").as_object().at("template").as_object();
    char suffix[8];
    std::snprintf(suffix, sizeof suffix, "-%05llx", (0x2f3a1ULL * ++names_) % 0xfffff);
    json::object meta = tmpl["metadata"].as_object();
    meta["name"] = rs_name + suffix;
    meta["namespace"] = ns;
    meta["generateName"] = rs_name + "-";
    meta["ownerReferences"] = json::array{OwnerRef(ReplicaSets(), *rs)};
    json::object spec = tmpl["spec"].as_object();
    spec["nodeName"] = "minikube";
    json::object pod{{"apiVersion", "v1"}, {"kind", "Pod"}, {"metadata", meta}, {"spec", spec}};
    json::object status{
        {"phase", "Pending"}, {"qosClass", "Burstable"}, {"hostIP", "192.168.49.2"}};
    SetCondition(status, "PodScheduled", "True", "", "");
    SetCondition(status, "Ready", "False", "ContainersNotReady",
                 "containers with unready status: [" +
                     Str(spec["containers"].as_array()[0].as_object(), {"name"}) + "]");
    status["containerStatuses"] = ContainerStatuses(
        pod, json::object{{"waiting", json::object{{"reason", "ContainerCreating"}}}}, false);
    pod["status"] = status;
    if (auto created = store_.Create(Pods(), std::move(pod))) {
      born_[Str(*created, {"metadata", "uid"})] = Clock::now();
      RecordEvent(*created, "Normal", "Scheduled",
                  "Successfully assigned " + ns + "/" + Str(*created, {"metadata", "name"}) +
                      " to minikube");
      RecordEvent(*created, "Normal", "Pulling", "Pulling image \"" + FirstImage(*created) + "\"");
    }
  }
  for (std::size_t i = static_cast<std::size_t>(want); i < pods.size(); ++i) {
    store_.Modify(Pods(), ns, Str(pods[i], {"metadata", "name"}), [](json::object& o) {
      o["metadata"].as_object()["deletionTimestamp"] = Now();
      return Edit::kChanged;
    });
  }
  for (const auto& p :
       store_.List(Pods(), ns, [&](const json::object& o) { return OwnerUid(o) == rs_uid; }))
    AdvancePod(p);

  long long updated = 0, ready = 0, total = 0;
  for (const auto& p :
       store_.List(Pods(), ns, [&](const json::object& o) { return !Terminating(o); })) {
    const auto owner = OwnerUid(p);
    bool mine = false;
    for (const auto& r : store_.List(ReplicaSets(), ns)) {
      if (Str(r, {"metadata", "uid"}) == owner && OwnerUid(r) == uid) mine = true;
    }
    if (!mine) continue;
    ++total;
    if (owner != rs_uid) continue;
    ++updated;
    const json::value* conds = p.at("status").as_object().if_contains("conditions");
    for (const auto& c : conds != nullptr ? conds->as_array() : json::array()) {
      if (Str(c.as_object(), {"type"}) == "Ready" && Str(c.as_object(), {"status"}) == "True")
        ++ready;
    }
  }
  store_.Modify(ReplicaSets(), ns, rs_name, [&](json::object& o) {
    json::object& s = o["status"].is_object() ? o["status"].as_object()
                                              : (o["status"] = json::object()).as_object();
    s["replicas"] = updated;
    SetCount(s, "fullyLabeledReplicas", updated);
    SetCount(s, "readyReplicas", ready);
    SetCount(s, "availableReplicas", ready);
    s["observedGeneration"] = Int(o, {"metadata", "generation"}, 1);
    return Edit::kChanged;
  });
  store_.Modify(Deployments(), ns, name, [&](json::object& o) {
    json::object& s = o["status"].is_object() ? o["status"].as_object()
                                              : (o["status"] = json::object()).as_object();
    s["observedGeneration"] = Int(o, {"metadata", "generation"}, 1);
    SetCount(s, "replicas", total);
    SetCount(s, "updatedReplicas", updated);
    SetCount(s, "readyReplicas", ready);
    SetCount(s, "availableReplicas", ready);
    SetCount(s, "unavailableReplicas", std::max<long long>(0, total - ready));
    if (ready >= want) {
      SetCondition(s, "Available", "True", "MinimumReplicasAvailable",
                   "Deployment has minimum availability.", true);
      SetCondition(s, "Progressing", "True", "NewReplicaSetAvailable",
                   "ReplicaSet \"" + rs_name + "\" has successfully progressed.", true);
    } else {
      SetCondition(s, "Available", "False", "MinimumReplicasUnavailable",
                   "Deployment does not have minimum availability.", true);
      SetCondition(s, "Progressing", "True", "ReplicaSetUpdated",
                   "ReplicaSet \"" + rs_name + "\" is progressing.", true);
    }
    return Edit::kChanged;
  });
}

void Simulation::AdvancePod(const json::object& pod) {
  if (Terminating(pod)) return;
  const std::string uid = Str(pod, {"metadata", "uid"});
  const std::string phase = Str(pod, {"status", "phase"});
  const auto born = born_.try_emplace(uid, Clock::now()).first->second;
  const auto age = Clock::now() - born;
  const std::string ns = Str(pod, {"metadata", "namespace"});
  const std::string name = Str(pod, {"metadata", "name"});
  const std::string image = FirstImage(pod);
  if (options_.never_ready) {
    // The kubelet's first pull fails at once, then it backs off; the events say why.
    const json::value* cs = pod.at("status").as_object().if_contains("containerStatuses");
    const bool backing_off =
        cs != nullptr && cs->is_array() && !cs->as_array().empty() &&
        Str(cs->as_array()[0].as_object(), {"state", "waiting", "reason"}) == "ImagePullBackOff";
    if (backing_off || age < std::chrono::milliseconds(300)) return;
    store_.Modify(Pods(), ns, name, [&](json::object& o) {
      json::object waiting{{"reason", "ImagePullBackOff"},
                           {"message", "Back-off pulling image \"" + image + "\""}};
      o["status"].as_object()["containerStatuses"] =
          ContainerStatuses(o, json::object{{"waiting", waiting}}, false);
      return Edit::kChanged;
    });
    RecordEvent(pod, "Warning", "Failed",
                "Failed to pull image \"" + image +
                    "\": Error response from daemon: pull access denied for " + image +
                    ", repository does not exist or may require 'docker login'");
    RecordEvent(pod, "Warning", "Failed", "Error: ErrImagePull");
    RecordEvent(pod, "Normal", "BackOff", "Back-off pulling image \"" + image + "\"");
    RecordEvent(pod, "Warning", "Failed", "Error: ImagePullBackOff");
    return;
  }
  if (phase == "Running" || age < options_.ready_after) return;
  store_.Modify(Pods(), ns, name, [&](json::object& o) {
    json::object& s = o["status"].as_object();
    s["phase"] = "Running";
    s["podIP"] = "10.244.0." + std::to_string(2 + names_ % 250);
    s["startTime"] = Now();
    SetCondition(s, "Initialized", "True", "", "");
    SetCondition(s, "ContainersReady", "True", "", "");
    SetCondition(s, "Ready", "True", "", "");
    s["containerStatuses"] =
        ContainerStatuses(o, json::object{{"running", json::object{{"startedAt", Now()}}}}, true);
    return Edit::kChanged;
  });
  RecordEvent(pod, "Normal", "Pulled",
              "Container image \"" + image + "\" already present on machine");
  RecordEvent(
      pod, "Normal", "Created",
      "Created container: " +
          Str(pod.at("spec").as_object().at("containers").as_array()[0].as_object(), {"name"}));
  RecordEvent(
      pod, "Normal", "Started",
      "Started container " +
          Str(pod.at("spec").as_object().at("containers").as_array()[0].as_object(), {"name"}));
}

void Simulation::CollectGarbage() {
  auto exists = [&](const ResourceType& type, const std::string& ns, const std::string& uid) {
    return !store_
                .List(type, ns,
                      [&](const json::object& o) {
                        return Str(o, {"metadata", "uid"}) == uid;
                      })
                .empty();
  };
  for (const auto& rs : store_.List(ReplicaSets(), "")) {
    const std::string owner = OwnerUid(rs);
    if (!owner.empty() && !exists(Deployments(), Str(rs, {"metadata", "namespace"}), owner)) {
      store_.Delete(ReplicaSets(), Str(rs, {"metadata", "namespace"}),
                    Str(rs, {"metadata", "name"}));
    }
  }
  for (const auto& pod : store_.List(Pods(), "")) {
    const std::string ns = Str(pod, {"metadata", "namespace"}),
                      name = Str(pod, {"metadata", "name"});
    const std::string uid = Str(pod, {"metadata", "uid"});
    const std::string owner = OwnerUid(pod);
    if (!Terminating(pod) && !owner.empty() && !exists(ReplicaSets(), ns, owner)) {
      store_.Modify(Pods(), ns, name, [](json::object& o) {
        o["metadata"].as_object()["deletionTimestamp"] = Now();
        o["metadata"].as_object()["deletionGracePeriodSeconds"] = 30;
        return Edit::kChanged;
      });
      RecordEvent(
          pod, "Normal", "Killing",
          "Stopping container " +
              Str(pod.at("spec").as_object().at("containers").as_array()[0].as_object(), {"name"}));
    }
    if (Terminating(pod) || !store_.Get(Pods(), ns, name) ||
        Terminating(*store_.Get(Pods(), ns, name))) {
      auto t = terminating_.try_emplace(uid, Clock::now()).first->second;
      if (Clock::now() - t >= options_.terminate_after) {
        store_.Delete(Pods(), ns, name);
        terminating_.erase(uid);
        born_.erase(uid);
      }
    }
  }
}

void Simulation::Tick() {
  for (const auto& d : store_.List(Deployments(), "")) Deployment(d);
  for (const auto& h : store_.List(Autoscalers(), "")) Autoscaler(h);
  CollectGarbage();
}

}  // namespace apiserver
