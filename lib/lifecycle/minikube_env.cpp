#include "lib/lifecycle/minikube_env.h"

#include <thread>

#include "lib/cluster/reasons.h"

namespace tfsk::lifecycle {

void LifecycleOptions::Sleep(std::chrono::milliseconds d) const {
  if (sleep) {
    sleep(d);
  } else {
    std::this_thread::sleep_for(d);
  }
}

std::string ManagedSelector(const config::Config& config) {
  // `instance` is the model name in the templates (lib/render/values.cpp), not the project name.
  return "app.kubernetes.io/managed-by=tfsk,app.kubernetes.io/instance=" + config.model.name;
}

std::string DesiredMount(const config::Config& config) {
  if (config.cluster.mount.host.empty()) return "";
  return config.cluster.mount.host.string() + ":" + config.cluster.mount.guest;
}

cluster::KubeTarget KubeTargetOf(const config::Config& config) {
  cluster::KubeTarget t;
  t.context = config.cluster.context.empty() ? config.cluster.profile : config.cluster.context;
  if (!config.cluster.name_space.empty()) t.ns = config.cluster.name_space;
  return t;
}

Status RequireTool(ProcessRunner& runner, const std::string& program) {
  if (runner.Which(program)) return OkStatus();
  return cluster::WithInstallHint(NotFound(program + ": command not found on PATH"), program);
}

}  // namespace tfsk::lifecycle
