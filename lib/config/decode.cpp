#include "lib/config/decode.h"

#include <fmt/format.h>

namespace tfsk::config {
namespace {

void DecodeModel(MapReader r, ModelConfig& m) {
  r.String("name", m.name);
  r.Path("path", m.path);
  r.String("basePath", m.base_path);
  r.Finish();
}

void DecodeResourceList(MapReader r, ResourceList& l) {
  r.String("cpu", l.cpu);
  r.String("memory", l.memory);
  r.Finish();
}

void DecodeServer(MapReader r, ServerConfig& s) {
  r.String("image", s.image);
  r.Int("replicas", s.replicas);
  MapReader ports = r.Map("ports");
  ports.Int("rest", s.rest_port);
  ports.Int("grpc", s.grpc_port);
  ports.Finish();
  MapReader res = r.Map("resources");
  DecodeResourceList(res.Map("requests"), s.resources.requests);
  DecodeResourceList(res.Map("limits"), s.resources.limits);
  res.Finish();
  MapReader probe = r.Map("readiness");
  probe.Bool("enabled", s.readiness.enabled);
  probe.Int("initialDelaySeconds", s.readiness.initial_delay_seconds);
  probe.Int("periodSeconds", s.readiness.period_seconds);
  probe.Int("timeoutSeconds", s.readiness.timeout_seconds);
  probe.Int("failureThreshold", s.readiness.failure_threshold);
  probe.Finish();
  r.Bool("modelInImage", s.model_in_image);
  r.Finish();
}

void DecodeService(MapReader r, ServiceConfig& s) {
  r.String("type", s.type);
  r.Int("port", s.port);
  r.Int("nodePort", s.node_port);
  r.Finish();
}

void DecodeRules(MapReader& parent, const std::string& key, const ReadContext& ctx,
                 Diagnostics& diag, std::optional<ScalingRules>& out) {
  if (!parent.Has(key)) return;
  MapReader r = parent.Map(key);
  ScalingRules rules = out.value_or(ScalingRules{});
  r.OptionalInt("stabilizationWindowSeconds", rules.stabilization_window_seconds);
  r.String("selectPolicy", rules.select_policy);
  auto items = r.Sequence("policies");
  if (!items.empty()) rules.policies.clear();
  for (const auto& [path, node] : items) {
    ScalingPolicy p;
    MapReader pr(node, path, ctx, diag);
    pr.String("type", p.type);
    pr.Int("value", p.value);
    pr.Int("periodSeconds", p.period_seconds);
    pr.Finish();
    rules.policies.push_back(p);
  }
  r.Finish();
  out = rules;
}

void DecodeAutoscale(MapReader r, const ReadContext& ctx, Diagnostics& diag, AutoscaleConfig& a) {
  r.Bool("enabled", a.enabled);
  r.Int("minReplicas", a.min_replicas);
  r.Int("maxReplicas", a.max_replicas);
  r.Int("cpuUtilization", a.cpu_utilization);
  MapReader b = r.Map("behavior");
  DecodeRules(b, "scaleUp", ctx, diag, a.scale_up);
  DecodeRules(b, "scaleDown", ctx, diag, a.scale_down);
  b.Finish();
  r.Finish();
}

void DecodeCluster(MapReader r, ClusterConfig& c) {
  r.String("target", c.target);
  r.String("profile", c.profile);
  r.String("context", c.context);
  r.String("namespace", c.name_space);
  r.String("driver", c.driver);
  r.String("cpus", c.cpus);
  r.String("memory", c.memory);
  MapReader m = r.Map("mount");
  m.String("guest", c.mount.guest);
  m.Finish();
  r.String("registry", c.registry);
  r.Bool("insecureRegistry", c.insecure_registry);
  r.Finish();
}

void DecodeNames(MapReader r, ObjectNames& n) {
  r.String("configMap", n.configmap);
  r.String("deployment", n.deployment);
  r.String("service", n.service);
  r.String("hpa", n.hpa);
  r.String("container", n.container);
  r.String("volume", n.volume);
  r.String("port", n.port);
  r.Finish();
}

}  // namespace

void Decode(const YAML::Node& root, const ReadContext& ctx, Config& c, Diagnostics& diag) {
  MapReader r(root, "", ctx, diag);
  std::string api;
  bool has_api = r.Has("apiVersion");
  r.String("apiVersion", api);
  if (!has_api) {
    diag.Error("apiVersion",
               fmt::format("missing; add 'apiVersion: {}' as the first line", kApiVersion),
               ctx.file);
  } else if (api != kApiVersion) {
    YAML::Node n = root["apiVersion"];
    diag.Error("apiVersion",
               fmt::format("'{}' is not supported; this tfsk reads '{}'", api, kApiVersion),
               OriginOf(n, "apiVersion", ctx));
  } else {
    c.api_version = api;
  }
  r.String("name", c.name);
  DecodeModel(r.Map("model"), c.model);
  DecodeServer(r.Map("server"), c.server);
  DecodeService(r.Map("service"), c.service);
  DecodeAutoscale(r.Map("autoscale"), ctx, diag, c.autoscale);
  DecodeCluster(r.Map("cluster"), c.cluster);
  MapReader rollout = r.Map("rollout");
  rollout.Int("timeoutSeconds", c.rollout.timeout_seconds);
  rollout.Finish();
  MapReader render = r.Map("render");
  render.Path("templates", c.render.templates);
  render.Finish();
  DecodeNames(r.Map("names"), c.names);
  r.Finish();
}

}  // namespace tfsk::config
