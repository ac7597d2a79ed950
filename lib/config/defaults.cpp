#include "lib/config/defaults.h"

namespace tfsk::config {
namespace {

// A Service port name is an IANA service name: at most 15 characters.
constexpr std::size_t kMaxPortName = 15;

}  // namespace

Config Defaults() {
  Config c;
  c.api_version = kApiVersion;
  c.name = "tf-serving";

  c.model.name = "half_plus_two";
  c.model.base_path = "/models";  // TF Serving's image default for MODEL_BASE_PATH

  c.server.image = "tensorflow/serving";
  c.server.rest_port = 8501;
  c.server.grpc_port = 8500;
  c.server.replicas = 1;
  c.server.resources.requests = {"5m", "32M"};
  c.server.resources.limits = {"10m", "64M"};
  c.server.readiness.enabled = true;
  c.server.readiness.initial_delay_seconds = 5;
  c.server.readiness.period_seconds = 5;
  c.server.readiness.timeout_seconds = 2;
  c.server.readiness.failure_threshold = 12;  // one minute of a slow model load

  c.service.type = "NodePort";
  c.service.port = 8501;
  c.service.node_port = 30001;

  c.autoscale.enabled = true;
  c.autoscale.min_replicas = 1;
  c.autoscale.max_replicas = 3;
  c.autoscale.cpu_utilization = 20;

  c.cluster.target = "minikube";
  c.cluster.profile = "minikube";
  c.cluster.name_space = "default";

  c.rollout.timeout_seconds = 300;  // image pulls are slow; see k8s-tools.md §4 problem 9
  return c;
}

void Derive(Config& c) {
  auto fill = [](std::string& field, const std::string& value) {
    if (field.empty()) field = value;
  };
  fill(c.names.configmap, c.name + "-configs");
  fill(c.names.deployment, c.name + "-deployment");
  fill(c.names.service, c.name + "-service");
  fill(c.names.hpa, c.name + "-hpa");
  fill(c.names.container, c.name);
  fill(c.names.volume, c.name + "-volume");
  std::string port = c.name + "-http";
  fill(c.names.port, port.size() <= kMaxPortName ? port : std::string("http"));

  if (c.cluster.mount.host.empty()) c.cluster.mount.host = c.model.path;
  if (c.cluster.mount.guest.empty() && !c.model.path.empty()) {
    std::filesystem::path p = c.model.path.lexically_normal();
    if (!p.has_filename()) p = p.parent_path();  // "models/x/" -> "models/x"
    c.cluster.mount.guest = "/var/tmp/" + p.filename().string();
  }
  if (c.cluster.context.empty() && c.cluster.target == "minikube") {
    c.cluster.context = c.cluster.profile;
  }
}

}  // namespace tfsk::config
