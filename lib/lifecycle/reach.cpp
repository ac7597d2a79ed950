#include "lib/lifecycle/reach.h"

#include <fmt/format.h>

#include "lib/cluster/kubectl.h"
#include "lib/lifecycle/deploy_state.h"
#include "lib/lifecycle/kube_url.h"
#include "lib/state/local_state.h"

namespace tfsk::lifecycle {

StatusOr<ReachableEndpoint> ReachModelEndpoint(const std::string& url_flag,
                                               const std::filesystem::path& project,
                                               ProcessRunner& runner) {
  ReachableEndpoint out;
  // Same precedence as the pure rule: --url, then a local server, then the cluster deployment.
  std::error_code ec;
  const bool local_up = std::filesystem::exists(state::LocalStatePath(project), ec);
  if (url_flag.empty() && !local_up) {
    TFSK_ASSIGN_OR_RETURN(std::optional<DeployState> st, LoadDeployState(project));
    if (st && st->url.empty() && st->target == "minikube" && !st->service.empty()) {
      cluster::Minikube minikube(runner, st->profile);
      auto tunnel = minikube.ServiceUrl(st->service, st->name_space);
      if (!tunnel.ok()) {
        return tunnel.status().WithPrefix(
            fmt::format("opening a tunnel to service {} (minikube profile {}, as `tfsk url` does)",
                        st->service, st->profile));
      }
      out.endpoint.base_url = tunnel->url();
      out.endpoint.model_name = st->model;
      out.endpoint.source = DeployStatePath(project).string() + " (through a minikube tunnel)";
      out.tunnel.emplace(std::move(*tunnel));
      return out;
    }
    if (st && st->url.empty() && st->target == "kube" && !st->service.empty()) {
      // A cluster tfsk did not create, whose Service this host cannot reach directly: forward a
      // local port to it for as long as the caller holds the result.
      cluster::Kubectl kubectl(runner, cluster::KubeTarget{st->context, st->name_space});
      auto forward = UrlKube(*st, kubectl);
      if (!forward.ok()) return forward.status();
      out.endpoint.base_url = forward->url();
      out.endpoint.model_name = st->model;
      out.endpoint.source = DeployStatePath(project).string() + " (through kubectl port-forward)";
      out.tunnel.emplace(std::move(*forward));
      return out;
    }
  }
  TFSK_ASSIGN_OR_RETURN(out.endpoint, http::ResolveModelEndpoint(url_flag, project));
  return out;
}

}  // namespace tfsk::lifecycle
