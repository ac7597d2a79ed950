#include "lib/lifecycle/minikube_status.h"

#include <fmt/format.h>

#include <boost/json.hpp>

#include "lib/lifecycle/deploy_state.h"
#include "lib/local/http_probe.h"

namespace tfsk::lifecycle {
namespace json = boost::json;

namespace {

// The Deployment, its pods, the HPA and the model's own answer, for whichever cluster.
Status GatherWorkload(const config::Config& config, cluster::Kubectl& kubectl,
                      const LifecycleOptions& options, StatusReport& r) {
  // What was applied wins over what tfsk.yaml says now (names may have changed since).
  TFSK_ASSIGN_OR_RETURN(std::optional<DeployState> state, LoadDeployState(options.project_dir));
  const std::string deployment = state ? state->deployment : config.names.deployment;
  const std::string selector = state ? state->selector : ManagedSelector(config);
  const std::string hpa = state ? state->hpa : (config.autoscale.enabled ? config.names.hpa : "");
  if (state) r.url = state->url;

  auto dep = kubectl.GetDeployment(deployment);
  if (dep.ok()) {
    r.deployment = *dep;
  } else if (dep.status().code() == Code::kNotFound) {
    r.notes.push_back(fmt::format("deployment {} not found: run `tfsk up`", deployment));
    return OkStatus();
  } else {
    return dep.status();
  }
  TFSK_ASSIGN_OR_RETURN(r.pods, kubectl.GetPods(selector));
  if (!hpa.empty()) {
    auto h = kubectl.GetHpa(hpa);
    if (h.ok()) {
      r.hpa = *h;
    } else if (h.status().code() == Code::kNotFound) {
      r.notes.push_back(fmt::format("hpa {} not found", hpa));
    } else {
      return h.status();
    }
  }
  if (r.url.empty()) {
    r.notes.push_back(r.kube_context.empty()
                          ? "url: none recorded (a tunnel is needed): run `tfsk url`"
                          : "url: none recorded (only a port-forward reaches it): run `tfsk url`");
  }
  if (!r.url.empty() && options.http_get) {
    const std::string model_url = r.url + "/v1/models/" + config.model.name;
    auto answer = options.http_get(model_url);
    if (!answer.ok()) {
      r.notes.push_back("model: " + answer.status().message());
    } else if (answer->first != 200) {
      r.notes.push_back(fmt::format("model: GET {} answered HTTP {}", model_url, answer->first));
    } else {
      r.model_state = local::ModelStateFromJson(answer->second);
    }
  }
  return OkStatus();
}

}  // namespace

bool StatusReport::Healthy() const {
  const bool cluster_up = !kube_context.empty() || cluster.Ready();
  return cluster_up && deployment && deployment->ready >= deployment->desired;
}

StatusOr<StatusReport> StatusMinikube(const config::Config& config, MinikubeDrivers& d,
                                      const LifecycleOptions& options) {
  StatusReport r;
  r.profile = config.cluster.profile;
  TFSK_ASSIGN_OR_RETURN(r.cluster, d.minikube.Status());
  if (!r.cluster.Ready()) {
    r.notes.push_back("cluster not running: run `tfsk up`");
    return r;
  }
  Status s = GatherWorkload(config, d.kubectl, options, r);
  if (!s.ok()) return s;
  return r;
}

StatusOr<StatusReport> StatusKube(const config::Config& config, MinikubeDrivers& d,
                                  const LifecycleOptions& options) {
  StatusReport r;
  r.kube_context = d.kubectl.args().target().context;
  Status s = GatherWorkload(config, d.kubectl, options, r);
  if (!s.ok()) return s;
  return r;
}

std::string StatusText(const StatusReport& r) {
  std::string t = r.kube_context.empty()
                      ? fmt::format("cluster     {}: {}\n", r.profile, r.cluster.Summary())
                      : fmt::format("cluster     context {}: reachable\n", r.kube_context);
  if (r.deployment) {
    const auto& d = *r.deployment;
    t += fmt::format("deployment  {}: {}/{} ready, {} updated, {} available\n", d.name, d.ready,
                     d.desired, d.updated, d.available);
  }
  for (const auto& p : r.pods) {
    t += fmt::format("pod         {}: {}{}, {} restarts\n", p.name, p.phase,
                     p.ready ? " ready" : " (" + p.Blocker() + ")", p.Restarts());
  }
  if (r.hpa) {
    const auto& h = *r.hpa;
    t += fmt::format("hpa         {}: replicas {}/{} (max {}), cpu {}\n", h.name, h.current_replicas,
                     h.desired_replicas, h.max_replicas, h.Targets());
    if (h.ScalingInactive()) t += "            cannot scale: " + h.ScalingActiveMessage() + "\n";
  }
  if (!r.url.empty()) t += "url         " + r.url + "\n";
  if (!r.model_state.empty()) t += "model       " + r.model_state + "\n";
  for (const auto& n : r.notes) t += "note        " + n + "\n";
  return t;
}

std::string StatusJson(const StatusReport& r) {
  json::object o;
  if (r.kube_context.empty()) {
    o["cluster"] = json::object{{"profile", r.profile},
                                {"summary", r.cluster.Summary()},
                                {"running", r.cluster.Ready()}};
  } else {
    o["cluster"] = json::object{
        {"context", r.kube_context}, {"summary", "reachable"}, {"running", true}};
  }
  if (r.deployment) {
    o["deployment"] = json::object{{"name", r.deployment->name},
                                   {"ready", r.deployment->ready},
                                   {"desired", r.deployment->desired},
                                   {"available", r.deployment->available}};
  }
  json::array pods;
  for (const auto& p : r.pods) {
    pods.push_back(json::object{{"name", p.name},
                                {"phase", p.phase},
                                {"ready", p.ready},
                                {"restarts", p.Restarts()},
                                {"blocker", p.ready ? "" : p.Blocker()}});
  }
  o["pods"] = std::move(pods);
  if (r.hpa) {
    json::object h{{"name", r.hpa->name},
                   {"current_replicas", r.hpa->current_replicas},
                   {"desired_replicas", r.hpa->desired_replicas},
                   {"max_replicas", r.hpa->max_replicas},
                   {"scaling_active_message", r.hpa->ScalingActiveMessage()}};
    h["cpu_current_percent"] = r.hpa->cpu_current_percent ? json::value(*r.hpa->cpu_current_percent)
                                                          : json::value(nullptr);
    h["cpu_target_percent"] = r.hpa->cpu_target_percent ? json::value(*r.hpa->cpu_target_percent)
                                                        : json::value(nullptr);
    o["hpa"] = std::move(h);
  }
  o["url"] = r.url;
  o["model_state"] = r.model_state;
  json::array notes;
  for (const auto& n : r.notes) notes.push_back(json::value(n));
  o["notes"] = std::move(notes);
  o["healthy"] = r.Healthy();
  return json::serialize(o) + "\n";
}

}  // namespace tfsk::lifecycle
