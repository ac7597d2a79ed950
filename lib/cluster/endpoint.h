#pragma once
// How tfsk reaches the model Service on minikube (k8s-tools.md §1.5, §4 #1). The node IP and
// NodePort work when the host can route to the node; minikube's own rule (driver.NeedsPortForward)
// says when it cannot: docker/podman drivers on macOS or Windows, under WSL, with Docker Desktop
// on Linux, rootless, or with a remote DOCKER_HOST. Then `minikube service --url` opens a tunnel
// that lives only as long as its process.

#include <string>
#include <string_view>

#include "lib/base/status.h"
#include "lib/cluster/minikube.h"
#include "lib/process/process_runner.h"

namespace tfsk::cluster {

/// The facts NeedsPortForward looks at.
struct HostFacts {
  std::string os = "linux";    ///< Go's GOOS words: "linux", "darwin", "windows"
  bool wsl = false;            ///< Linux under WSL
  bool docker_desktop = false; ///< `docker info` says OperatingSystem "Docker Desktop"
  bool rootless = false;       ///< `docker info` SecurityOptions has name=rootless
  std::string docker_host;     ///< $DOCKER_HOST ("" or unix://… is local)
};

/// True when the NodePort on `minikube ip` is not reachable from this host and a tunnel is needed.
bool NeedsPortForward(std::string_view driver, const HostFacts& facts);

/// One sentence for `tfsk doctor`: which fact decided it ("docker driver on darwin: …").
std::string PortForwardReason(std::string_view driver, const HostFacts& facts);

/// What can be known without running anything: the OS tfsk was built for, WSL (from
/// /proc/sys/kernel/osrelease) and $DOCKER_HOST. docker_desktop/rootless stay false until
/// ApplyDockerInfo fills them.
HostFacts DetectHostFacts();

/// docker info --format '{{.OperatingSystem}}|{{json .SecurityOptions}}'
Argv DockerInfoArgs();

/// Fills docker_desktop and rootless from DockerInfoArgs()'s output.
void ApplyDockerInfo(std::string_view out, HostFacts& facts);

/// The URL of `service`: http://<minikube ip>:<node_port> when reachable (no child), otherwise a
/// held `minikube service --url` tunnel. The returned handle owns any tunnel child.
StatusOr<ServiceTunnel> ResolveServiceEndpoint(Minikube& minikube, const std::string& service,
                                               const std::string& ns, int node_port,
                                               std::string_view driver, const HostFacts& facts);

}  // namespace tfsk::cluster
