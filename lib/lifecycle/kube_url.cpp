#include "lib/lifecycle/kube_url.h"

#include <fmt/format.h>

namespace tfsk::lifecycle {
namespace {

constexpr const char* kPortForwardHint =
    "`tfsk url` (and predict/stress) hold a kubectl port-forward";

// http://HOST:PORT with IPv6 literals bracketed.
std::string HttpUrl(const std::string& host, int port) {
  if (host.find(':') != std::string::npos) return fmt::format("http://[{}]:{}", host, port);
  return fmt::format("http://{}:{}", host, port);
}

}  // namespace

StatusOr<std::string> KubeServiceUrl(const config::Config& config, cluster::Kubectl& kubectl,
                                     const LifecycleOptions& options, Progress& progress) {
  const std::string& svc = config.names.service;
  TFSK_ASSIGN_OR_RETURN(cluster::ServiceExposure exposure,
                        kubectl.GetServiceExposure(svc, config.service.port));
  if (!exposure.ingress.empty()) {
    std::string url = HttpUrl(exposure.ingress, config.service.port);
    progress.Step(fmt::format("url: {}/v1/models/{} (load balancer)", url, config.model.name));
    return url;
  }
  if (exposure.node_port == 0) {
    progress.Step(fmt::format("url: service {} is {} without an external address; {}", svc,
                              exposure.type, kPortForwardHint));
    return std::string();
  }
  auto nodes = kubectl.GetNodeAddresses();
  if (!nodes.ok()) {
    progress.Note(fmt::format(
        "url: cannot list nodes for the NodePort ({}); {}",
        nodes.status().message().substr(0, nodes.status().message().find('\n')), kPortForwardHint));
    return std::string();
  }
  for (bool external : {true, false}) {
    for (const auto& n : *nodes) {
      const std::string& ip = external ? n.external_ip : n.internal_ip;
      if (ip.empty() || !options.http_get) continue;
      std::string url = HttpUrl(ip, exposure.node_port);
      if (options.http_get(url + "/v1/models/" + config.model.name).ok()) {
        progress.Step(fmt::format("url: {}/v1/models/{} (NodePort on node {}, {})", url,
                                  config.model.name, n.name,
                                  external ? "ExternalIP" : "InternalIP"));
        return url;
      }
    }
  }
  progress.Step(fmt::format("url: NodePort {} does not answer from this host; {}",
                            exposure.node_port, kPortForwardHint));
  return std::string();
}

StatusOr<cluster::ServiceTunnel> UrlKube(const DeployState& state, cluster::Kubectl& kubectl) {
  if (!state.url.empty()) return cluster::ServiceTunnel(state.url, nullptr);
  if (state.service.empty() || state.service_port == 0) {
    return FailedPrecondition(".tfsk/state.json names no service to forward to; run `tfsk up`");
  }
  auto held = kubectl.PortForward(state.service, state.service_port);
  if (!held.ok()) {
    return held.status().WithPrefix(
        fmt::format("port-forwarding to service {} (context {})", state.service, state.context));
  }
  return held;
}

}  // namespace tfsk::lifecycle
