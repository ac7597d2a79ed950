#pragma once
// `tfsk url` on minikube: the model's URL from this host. When the host cannot reach a NodePort
// (docker driver on macOS/Windows/WSL, Docker Desktop, rootless: cluster::NeedsPortForward) or
// the NodePort is chosen by Kubernetes, `minikube service NAME --url` opens a tunnel that lives
// only while its process does; UrlMinikube returns the handle that holds it.

#include "lib/base/status.h"
#include "lib/cluster/minikube.h"
#include "lib/config/config.h"
#include "lib/lifecycle/minikube_env.h"

namespace tfsk::lifecycle {

/// The Service's URL (without the /v1/models path). The driver comes from the profile (falls
/// back to cluster.driver). Errors: the driver's (SVC_NOT_FOUND, MK_PROFILE_NOT_FOUND, ...).
StatusOr<cluster::ServiceTunnel> UrlMinikube(const config::Config& config, MinikubeDrivers& d,
                                             const LifecycleOptions& options);

}  // namespace tfsk::lifecycle
