#include "lib/cluster/endpoint.h"

#include <cctype>
#include <cstdlib>
#include <fstream>
#include <sstream>

namespace tfsk::cluster {
namespace {

bool IsKic(std::string_view driver) { return driver == "docker" || driver == "podman"; }

bool RemoteDockerHost(const std::string& docker_host) {
  return !docker_host.empty() && docker_host.rfind("unix://", 0) != 0;
}

std::string Lower(std::string s) {
  for (char& c : s) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  return s;
}

}  // namespace

bool NeedsPortForward(std::string_view driver, const HostFacts& f) {
  if (!IsKic(driver)) return false;
  return RemoteDockerHost(f.docker_host) || f.os == "darwin" || f.os == "windows" || f.wsl ||
         f.docker_desktop || f.rootless;
}

std::string PortForwardReason(std::string_view driver, const HostFacts& f) {
  std::string d(driver.empty() ? "(auto)" : driver);
  if (!IsKic(driver)) return d + " driver: the node IP is reachable from this host";
  std::string why;
  if (RemoteDockerHost(f.docker_host)) why = "DOCKER_HOST points at a remote daemon";
  else if (f.os == "darwin" || f.os == "windows") why = "the containers run in a VM on " + f.os;
  else if (f.wsl) why = "running under WSL";
  else if (f.docker_desktop) why = "Docker Desktop runs the containers in a VM";
  else if (f.rootless) why = "rootless " + d + " has no route to the container network";
  if (why.empty()) return d + " driver on native Linux: the node IP is reachable from this host";
  return d + " driver: " + why + ", so tfsk holds a `minikube service --url` tunnel";
}

HostFacts DetectHostFacts() {
  HostFacts f;
#if defined(__APPLE__)
  f.os = "darwin";
#elif defined(_WIN32)
  f.os = "windows";
#else
  f.os = "linux";
  std::ifstream rel("/proc/sys/kernel/osrelease");
  std::stringstream text;
  text << rel.rdbuf();
  f.wsl = Lower(text.str()).find("microsoft") != std::string::npos;
#endif
  if (const char* h = std::getenv("DOCKER_HOST")) f.docker_host = h;
  return f;
}

Argv DockerInfoArgs() {
  return {"docker", "info", "--format", "{{.OperatingSystem}}|{{json .SecurityOptions}}"};
}

void ApplyDockerInfo(std::string_view out, HostFacts& facts) {
  std::string_view os = out.substr(0, out.find('|'));
  facts.docker_desktop = os.find("Docker Desktop") != std::string_view::npos;
  facts.rootless = out.find("name=rootless") != std::string_view::npos;
}

StatusOr<ServiceTunnel> ResolveServiceEndpoint(Minikube& minikube, const std::string& service,
                                               const std::string& ns, int node_port,
                                               std::string_view driver, const HostFacts& facts) {
  if (NeedsPortForward(driver, facts)) return minikube.ServiceUrl(service, ns);
  TFSK_ASSIGN_OR_RETURN(std::string ip, minikube.Ip());
  std::string host = ip.find(':') != std::string::npos ? "[" + ip + "]" : ip;
  return ServiceTunnel("http://" + host + ":" + std::to_string(node_port), nullptr);
}

}  // namespace tfsk::cluster
