#pragma once
// How a Service is reached from outside a cluster that tfsk did not create (target kube):
// a LoadBalancer's ingress, a NodePort on a node's address, or `kubectl port-forward`. Parsers of
// `kubectl get service|nodes -o json` (v1.32 shapes) and of port-forward's announcement line.

#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "lib/base/status.h"

namespace tfsk::cluster {

/// One Service's exposure, for the port tfsk serves on.
struct ServiceExposure {
  std::string type;     ///< ClusterIP | NodePort | LoadBalancer
  std::string ingress;  ///< status.loadBalancer.ingress[0].ip or .hostname, "" if none
  int node_port = 0;    ///< spec.ports[port == `port`].nodePort, 0 if none
};

/// `kubectl get service NAME -o json`; `port` picks the entry of spec.ports.
StatusOr<ServiceExposure> ParseServiceExposure(std::string_view json, int port);

/// One node's addresses (status.addresses), "" when the node has none of that type.
struct NodeAddresses {
  std::string name;
  std::string external_ip;
  std::string internal_ip;
  bool ready = false;  ///< condition Ready=True
};

/// `kubectl get nodes -o json` (a List).
StatusOr<std::vector<NodeAddresses>> ParseNodeAddresses(std::string_view json);

/// "Forwarding from 127.0.0.1:PORT -> 8501" → "http://127.0.0.1:PORT"; nullopt for other lines
/// (kubectl also prints the [::1] one and "Handling connection for ..." later).
std::optional<std::string> PortForwardUrlInLine(std::string_view line);

}  // namespace tfsk::cluster
