#pragma once
// Reaching the Service on a cluster tfsk did not create: a LoadBalancer's ingress when it has
// one; else the NodePort on a node's ExternalIP (or InternalIP) when this host gets an answer
// there; else no URL, and `tfsk url` / predict / stress hold `kubectl port-forward` instead.

#include <string>

#include "lib/base/status.h"
#include "lib/cluster/kubectl.h"
#include "lib/config/config.h"
#include "lib/lifecycle/deploy_state.h"
#include "lib/lifecycle/minikube_env.h"
#include "lib/lifecycle/progress.h"

namespace tfsk::lifecycle {

/// The URL (without /v1/models) reachable from this host, or "" when only a port-forward
/// reaches the Service. A NodePort counts as reachable when options.http_get answers at
/// URL/v1/models/NAME (any HTTP status); unset http_get means it is not tried. Nodes that cannot
/// be listed (no RBAC rights on nodes) leave only the port-forward, with a note.
StatusOr<std::string> KubeServiceUrl(const config::Config& config, cluster::Kubectl& kubectl,
                                     const LifecycleOptions& options, Progress& progress);

/// `tfsk url` on kube: the recorded URL as is, or a held `kubectl port-forward` to the Service.
StatusOr<cluster::ServiceTunnel> UrlKube(const DeployState& state, cluster::Kubectl& kubectl);

}  // namespace tfsk::lifecycle
