#include "lib/render/values.h"

#include <string>

namespace tfsk::render {
namespace {

using kainjow::mustache::data;

data List() { return data(data::type::list); }

data Quantities(const config::ResourceList& r) {
  data list = List();
  auto add = [&list](const char* key, const std::string& value) {
    if (value.empty()) return;
    data item;
    item.set("key", key);
    item.set("value", value);
    list.push_back(item);
  };
  add("cpu", r.cpu);
  add("memory", r.memory);
  return list;
}

data Rules(const char* direction, const config::ScalingRules& r) {
  data d;
  d.set("direction", direction);
  d.set("has_window", r.stabilization_window_seconds.has_value());
  d.set("window", std::to_string(r.stabilization_window_seconds.value_or(0)));
  d.set("has_select_policy", !r.select_policy.empty());
  d.set("select_policy", r.select_policy);
  d.set("has_policies", !r.policies.empty());
  data policies = List();
  for (const auto& p : r.policies) {
    data item;
    item.set("type", p.type);
    item.set("value", std::to_string(p.value));
    item.set("period_seconds", std::to_string(p.period_seconds));
    policies.push_back(item);
  }
  d.set("policies", policies);
  return d;
}

}  // namespace

data TemplateValues(const config::Config& c) {
  data d;
  d.set("app", c.name);
  d.set("instance", c.model.name);
  d.set("namespace", c.cluster.name_space);
  d.set("configmap", c.names.configmap);
  d.set("deployment", c.names.deployment);
  d.set("service", c.names.service);
  d.set("hpa", c.names.hpa);
  d.set("container", c.names.container);
  d.set("volume", c.names.volume);
  d.set("port_name", c.names.port);

  d.set("image", c.server.image);
  d.set("in_tree_image", config::IsTfskServingImage(c.server.image));
  d.set("replicas", std::to_string(c.server.replicas));
  // With an HPA the replica count is the HPA's: a manifest that names one would reset a scaled
  // Deployment on every `tfsk up` (the HPA then scales out again, minutes later).
  d.set("has_replicas", !c.autoscale.enabled);
  d.set("rest_port", std::to_string(c.server.rest_port));
  d.set("grpc_port", std::to_string(c.server.grpc_port));
  d.set("model_name", c.model.name);
  d.set("model_base_path", c.model.base_path);
  std::string base = c.model.base_path;
  if (!base.empty() && base.back() == '/') base.pop_back();
  d.set("model_mount_path", base + "/" + c.model.name);
  d.set("mount_guest", c.cluster.mount.guest);
  // The model comes from the host folder (minikube's mount) unless it travels in the image: on
  // target kube there is no host folder the pod's node could see.
  d.set("has_model_volume", c.cluster.target != "kube" && !c.server.model_in_image);
  // A reference pinned by digest never changes, so a node that has it need not ask the
  // registry again (the pushed tfsk-serving image on target kube).
  // So does tfsk's own image loaded into minikube by `tfsk up` (no registry has it to pull).
  const bool pinned = c.server.image.find("@sha256:") != std::string::npos;
  d.set("has_pull_policy", pinned || config::IsInTreeImage(c.server.image));
  d.set("pull_policy", "IfNotPresent");

  data readiness = List();
  if (c.server.readiness.enabled) {
    const auto& p = c.server.readiness;
    data probe;
    probe.set("path", "/v1/models/" + c.model.name);
    probe.set("port", std::to_string(c.server.rest_port));
    probe.set("initial_delay_seconds", std::to_string(p.initial_delay_seconds));
    probe.set("period_seconds", std::to_string(p.period_seconds));
    probe.set("timeout_seconds", std::to_string(p.timeout_seconds));
    probe.set("failure_threshold", std::to_string(p.failure_threshold));
    readiness.push_back(probe);
  }
  d.set("readiness", readiness);

  data requests = Quantities(c.server.resources.requests);
  data limits = Quantities(c.server.resources.limits);
  bool has_requests = !requests.is_empty_list();
  bool has_limits = !limits.is_empty_list();
  d.set("has_requests", has_requests);
  d.set("has_limits", has_limits);
  d.set("has_resources", has_requests || has_limits);
  d.set("requests", requests);
  d.set("limits", limits);

  d.set("service_type", c.service.type);
  d.set("service_port", std::to_string(c.service.port));
  d.set("has_node_port", c.service.type != "ClusterIP" && c.service.node_port != 0);
  d.set("node_port", std::to_string(c.service.node_port));

  const auto& a = c.autoscale;
  d.set("min_replicas", std::to_string(a.min_replicas));
  d.set("max_replicas", std::to_string(a.max_replicas));
  d.set("cpu_utilization", std::to_string(a.cpu_utilization));
  data behavior = List();
  if (a.scale_up) behavior.push_back(Rules("scaleUp", *a.scale_up));
  if (a.scale_down) behavior.push_back(Rules("scaleDown", *a.scale_down));
  d.set("has_behavior", !behavior.is_empty_list());
  d.set("behavior", behavior);
  return d;
}

}  // namespace tfsk::render
