#include "lib/lifecycle/minikube_url.h"

namespace tfsk::lifecycle {

StatusOr<cluster::ServiceTunnel> UrlMinikube(const config::Config& config, MinikubeDrivers& d,
                                             const LifecycleOptions& options) {
  TFSK_ASSIGN_OR_RETURN(std::optional<cluster::ProfileInfo> info, d.minikube.Profile());
  const std::string driver = info ? info->driver : config.cluster.driver;
  const std::string& ns = d.kubectl.args().target().ns;
  // A port Kubernetes chose is only known to the Service; minikube looks it up for us.
  if (config.service.node_port == 0 || config.service.type != "NodePort") {
    return d.minikube.ServiceUrl(config.names.service, ns);
  }
  return cluster::ResolveServiceEndpoint(d.minikube, config.names.service, ns,
                                         config.service.node_port, driver, options.host);
}

}  // namespace tfsk::lifecycle
