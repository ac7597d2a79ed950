#include "lib/cluster/kube_exposure.h"

#include <boost/json.hpp>

#include "lib/cluster/json_fields.h"

namespace tfsk::cluster {

StatusOr<ServiceExposure> ParseServiceExposure(std::string_view text, int port) {
  TFSK_ASSIGN_OR_RETURN(boost::json::value v, json::Parse(text, "kubectl get service -o json"));
  ServiceExposure out;
  out.type = json::Str(v, {"spec", "type"}, "ClusterIP");
  if (const auto* ingress = json::At(v, {"status", "loadBalancer", "ingress"});
      ingress != nullptr && ingress->is_array() && !ingress->as_array().empty()) {
    const auto& first = ingress->as_array().front();
    out.ingress = json::Str(first, {"ip"});
    if (out.ingress.empty()) out.ingress = json::Str(first, {"hostname"});
  }
  if (const auto* ports = json::At(v, {"spec", "ports"}); ports != nullptr && ports->is_array()) {
    for (const auto& p : ports->as_array()) {
      if (json::Int(p, {"port"}).value_or(-1) == port) {
        out.node_port = static_cast<int>(json::Int(p, {"nodePort"}).value_or(0));
      }
    }
  }
  return out;
}

StatusOr<std::vector<NodeAddresses>> ParseNodeAddresses(std::string_view text) {
  TFSK_ASSIGN_OR_RETURN(boost::json::value v, json::Parse(text, "kubectl get nodes -o json"));
  std::vector<NodeAddresses> out;
  const auto* items = json::At(v, {"items"});
  if (items == nullptr || !items->is_array()) return out;
  for (const auto& item : items->as_array()) {
    NodeAddresses n;
    n.name = json::Str(item, {"metadata", "name"});
    if (const auto* addrs = json::At(item, {"status", "addresses"});
        addrs != nullptr && addrs->is_array()) {
      for (const auto& a : addrs->as_array()) {
        const std::string type = json::Str(a, {"type"});
        std::string& slot = type == "ExternalIP" ? n.external_ip : n.internal_ip;
        if ((type == "ExternalIP" || type == "InternalIP") && slot.empty()) {
          slot = json::Str(a, {"address"});
        }
      }
    }
    if (const auto* conds = json::At(item, {"status", "conditions"});
        conds != nullptr && conds->is_array()) {
      for (const auto& c : conds->as_array()) {
        if (json::Str(c, {"type"}) == "Ready") n.ready = json::Str(c, {"status"}) == "True";
      }
    }
    out.push_back(std::move(n));
  }
  return out;
}

std::optional<std::string> PortForwardUrlInLine(std::string_view line) {
  constexpr std::string_view kPrefix = "Forwarding from 127.0.0.1:";
  std::size_t at = line.find(kPrefix);
  if (at == std::string_view::npos) return std::nullopt;
  std::string_view rest = line.substr(at + kPrefix.size());
  std::size_t digits = rest.find_first_not_of("0123456789");
  if (digits == 0 || digits == std::string_view::npos) return std::nullopt;
  return "http://127.0.0.1:" + std::string(rest.substr(0, digits));
}

}  // namespace tfsk::cluster
