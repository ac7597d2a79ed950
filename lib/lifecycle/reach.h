#pragma once
// Where `tfsk predict` and `tfsk stress` send requests, including the one case the pure rule in
// lib/http cannot serve: a minikube deployment that this host reaches only through a tunnel
// (docker driver on macOS/Windows/WSL, Docker Desktop, rootless; .tfsk/state.json has no URL).
// Then `minikube -p P service SVC --url -n NS` runs for exactly as long as the caller holds the
// result, as the lab's service tunnel did, but without a second terminal.

#include <filesystem>
#include <memory>
#include <optional>
#include <string>

#include "lib/base/status.h"
#include "lib/cluster/minikube.h"
#include "lib/http/model_endpoint.h"
#include "lib/lifecycle/deploy_state.h"
#include "lib/process/process_runner.h"

namespace tfsk::lifecycle {

struct ReachableEndpoint {
  http::ModelEndpoint endpoint;
  /// Set when a tunnel was opened: the endpoint works while this lives (destroying it stops
  /// minikube's child, SIGINT first).
  std::optional<cluster::ServiceTunnel> tunnel;
  /// What `tfsk up` recorded, when the endpoint is that cluster deployment (the HPA, selector and
  /// context stress watches).
  std::optional<DeployState> deployment;
};

/// http::ResolveModelEndpoint(url_flag, project), except that a minikube deployment without a
/// recorded URL gets a tunnel, and a kube one a `kubectl port-forward service/NAME :PORT`, from
/// `runner` (which must outlive the result). Errors: those of
/// ResolveModelEndpoint; the tunnel's (SVC_NOT_FOUND, MK_PROFILE_NOT_FOUND, a timeout), prefixed
/// with what was being opened.
StatusOr<ReachableEndpoint> ReachModelEndpoint(const std::string& url_flag,
                                               const std::filesystem::path& project,
                                               ProcessRunner& runner);

}  // namespace tfsk::lifecycle
