#include "lib/lifecycle/target.h"

#include <unistd.h>

#include <cstdlib>
#include <filesystem>
#include <sstream>

namespace tfsk::lifecycle {
namespace {

StatusOr<TargetKind> Parse(const std::string& name, const std::string& where) {
  if (name == "local") return TargetKind::kLocal;
  if (name == "minikube") return TargetKind::kMinikube;
  if (name == "kube") return TargetKind::kKube;
  return InvalidArgument(where + ": unknown target '" + name + "' (choose local, minikube or kube)");
}

}  // namespace

std::string TargetName(TargetKind kind) {
  switch (kind) {
    case TargetKind::kLocal:
      return "local";
    case TargetKind::kMinikube:
      return "minikube";
    case TargetKind::kKube:
      return "kube";
  }
  return "local";
}

StatusOr<Target> ChooseTarget(const std::string& flag, const std::string& configured,
                              const std::string& origin, bool minikube_on_path) {
  if (!flag.empty()) {
    TFSK_ASSIGN_OR_RETURN(TargetKind k, Parse(flag, "--target"));
    return Target{k, "--target " + flag};
  }
  if (!configured.empty()) {
    const std::string where = origin.empty() ? "cluster.target" : "cluster.target (" + origin + ")";
    TFSK_ASSIGN_OR_RETURN(TargetKind k, Parse(configured, where));
    return Target{k, where + " is " + configured};
  }
  if (minikube_on_path) {
    return Target{TargetKind::kMinikube, "no target configured and the minikube command is on PATH"};
  }
  return Target{TargetKind::kLocal,
                "no target configured and no minikube command on PATH"};
}

bool CommandOnPath(const std::string& name) {
  const char* path = std::getenv("PATH");
  if (path == nullptr) return false;
  std::stringstream entries(path);
  std::error_code ec;
  for (std::string entry; std::getline(entries, entry, ':');) {
    if (entry.empty()) continue;
    const auto candidate = std::filesystem::path(entry) / name;
    if (std::filesystem::is_regular_file(candidate, ec) && ::access(candidate.c_str(), X_OK) == 0) {
      return true;
    }
  }
  return false;
}

}  // namespace tfsk::lifecycle
