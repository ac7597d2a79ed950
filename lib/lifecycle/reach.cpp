#include "lib/lifecycle/reach.h"

#include <fmt/format.h>

#include "lib/cluster/kubectl.h"
#include "lib/lifecycle/deploy_state.h"
#include "lib/lifecycle/kube_url.h"
#include "lib/state/local_state.h"

namespace tfsk::lifecycle {

namespace {

// The held URL of a deployment this host cannot reach directly: minikube's service tunnel, or a
// `kubectl port-forward` on a cluster tfsk did not create. Errors say what was being opened.
StatusOr<cluster::ServiceTunnel> OpenTunnel(const DeployState& st, ProcessRunner& runner) {
  if (st.target == "kube") {
    cluster::Kubectl kubectl(runner, cluster::KubeTarget{st.context, st.name_space});
    auto forward = UrlKube(st, kubectl);
    if (!forward.ok()) {
      return forward.status().WithPrefix(
          fmt::format("forwarding a port to service {} (context {}, as `tfsk url` does)",
                      st.service, st.context));
    }
    return forward;
  }
  cluster::Minikube minikube(runner, st.profile);
  auto tunnel = minikube.ServiceUrl(st.service, st.name_space);
  if (!tunnel.ok()) {
    return tunnel.status().WithPrefix(
        fmt::format("opening a tunnel to service {} (minikube profile {}, as `tfsk url` does)",
                    st.service, st.profile));
  }
  return tunnel;
}

}  // namespace

StatusOr<ReachableEndpoint> ReachModelEndpoint(const std::string& url_flag,
                                               const std::filesystem::path& project,
                                               ProcessRunner& runner) {
  ReachableEndpoint out;
  // Same precedence as the pure rule: --url, then a local server, then the cluster deployment.
  std::error_code ec;
  const bool local_up = std::filesystem::exists(state::LocalStatePath(project), ec);
  if (url_flag.empty() && !local_up) {
    TFSK_ASSIGN_OR_RETURN(out.deployment, LoadDeployState(project));
    const DeployState* st = out.deployment ? &*out.deployment : nullptr;
    if (st && st->url.empty() && !st->service.empty() &&
        (st->target == "minikube" || st->target == "kube")) {
      TFSK_ASSIGN_OR_RETURN(cluster::ServiceTunnel tunnel, OpenTunnel(*st, runner));
      out.endpoint.base_url = tunnel.url();
      out.endpoint.model_name = st->model;
      out.endpoint.source = DeployStatePath(project).string() +
                            (st->target == "kube" ? " (through kubectl port-forward)"
                                                  : " (through a minikube tunnel)");
      out.tunnel.emplace(std::move(tunnel));
      return out;
    }
  }
  TFSK_ASSIGN_OR_RETURN(out.endpoint, http::ResolveModelEndpoint(url_flag, project));
  // Only a deployment the endpoint really came from (not --url, not a local server).
  if (out.endpoint.source != DeployStatePath(project).string()) out.deployment.reset();
  return out;
}

}  // namespace tfsk::lifecycle
