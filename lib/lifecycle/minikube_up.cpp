#include "lib/lifecycle/minikube_up.h"

#include <fmt/format.h>

#include <map>

#include "lib/lifecycle/cluster_steps.h"
#include "lib/lifecycle/deploy_steps.h"
#include "lib/lifecycle/in_tree_image.h"

namespace tfsk::lifecycle {
namespace {

using cluster::ApplyAction;

// Step 7: the URL the host can reach, without holding a tunnel (`tfsk url` holds one).
StatusOr<std::string> ServiceUrl(const config::Config& config, MinikubeDrivers& d,
                                 const std::string& driver, const LifecycleOptions& options,
                                 bool& needs_tunnel, Progress& progress) {
  const std::string& svc = config.names.service;
  if (config.service.type == "ClusterIP") {
    progress.Step(
        fmt::format("url: service {} is ClusterIP; reach it with `tfsk url` (port-forward)", svc));
    needs_tunnel = true;
    return std::string();
  }
  if (cluster::NeedsPortForward(driver, options.host)) {
    needs_tunnel = true;
    progress.Step(fmt::format("url: {}; run `tfsk url` to open and hold a tunnel",
                              cluster::PortForwardReason(driver, options.host)));
    return std::string();
  }
  if (config.service.node_port == 0) {
    progress.Step(
        fmt::format("url: Kubernetes chose the NodePort of {}; `tfsk url` prints it", svc));
    return std::string();
  }
  TFSK_ASSIGN_OR_RETURN(std::string ip, d.minikube.Ip());
  std::string url = fmt::format("http://{}:{}", ip, config.service.node_port);
  progress.Step(fmt::format("url: {}/v1/models/{}", url, config.model.name));
  return url;
}

}  // namespace

bool UpResult::UpToDate() const {
  if (started_cluster) return false;
  for (const auto& a : applied) {
    if (a.action != ApplyAction::kUnchanged) return false;
  }
  return true;
}

std::string ApplySummary(const std::vector<cluster::AppliedObject>& applied) {
  std::map<std::string, int> counts;
  for (const auto& a : applied) counts[std::string(cluster::ApplyActionName(a.action))]++;
  std::string text;
  for (const char* action : {"created", "configured", "unchanged", "serverside-applied", "other"}) {
    auto it = counts.find(action);
    if (it == counts.end()) continue;
    if (!text.empty()) text += ", ";
    text += fmt::format("{} {}", action, it->second);
  }
  return text.empty() ? "nothing applied" : text;
}

StatusOr<UpResult> UpMinikube(const config::Config& config, MinikubeDrivers& d, Progress& progress,
                              const LifecycleOptions& options) {
  UpResult result;
  // 1. Tools: say how to install them before anything else runs.
  for (const char* tool : {"minikube", "kubectl"}) {
    Status s = RequireTool(d.runner, tool);
    if (!s.ok()) return s;
  }
  progress.Detail("tools: minikube and kubectl found");
  // 2. Cluster with the model mount.
  TFSK_ASSIGN_OR_RETURN(ClusterState cluster_state, EnsureCluster(config, d, progress));
  result.started_cluster = cluster_state.started;
  // 3. Metrics before the HPA exists, so it never starts out <unknown> for long.
  // On a dry run a cluster that "was started" does not exist, so nothing can be read from it.
  const bool no_cluster = options.dry_run && cluster_state.started;
  if (config.autoscale.enabled && !no_cluster) {
    Status s = EnsureMetrics(d, progress, options);
    if (!s.ok()) return s;
  }
  // 3b. tfsk's own image: built here and loaded into the node, rendered by its content tag.
  config::Config deployed = config;
  if (config::IsInTreeImage(config.server.image) && !no_cluster) {
    TFSK_ASSIGN_OR_RETURN(deployed.server.image, EnsureInTreeImage(config, d, progress, options));
  }
  // 4. Render and check.
  TFSK_ASSIGN_OR_RETURN(std::vector<render::Manifest> manifests, RenderChecked(deployed, progress));
  if (options.Interrupted())
    return Status(Code::kCancelled, "interrupted before apply; nothing applied");
  // 5. Apply (server dry run first, so a refused object leaves nothing half-applied).
  TFSK_ASSIGN_OR_RETURN(result.applied, ApplyChecked(d.kubectl, manifests, no_cluster, progress));
  // 8 (early). Record what is on the cluster now, so `tfsk down` works even if the rollout
  // below fails or is interrupted.
  DeployState& st = result.state;
  st = StateOf(config, d.kubectl, manifests, "minikube");
  Status saved = options.dry_run ? OkStatus() : SaveDeployState(options.project_dir, st);
  if (!saved.ok()) return saved;
  // 6. Rollout.
  Status rolled = WaitForRollout(config, d.kubectl, progress);
  if (!rolled.ok()) return rolled;
  if (options.dry_run) {
    progress.Step("dry run: nothing was changed");
    return result;
  }
  // 7. URL.
  TFSK_ASSIGN_OR_RETURN(result.url, ServiceUrl(config, d, cluster_state.driver, options,
                                               result.needs_tunnel, progress));
  st.url = result.url;
  saved = options.dry_run ? OkStatus() : SaveDeployState(options.project_dir, st);
  if (!saved.ok()) return saved;
  progress.Step(result.UpToDate() ? "up: already up to date (unchanged)" : "up: done");
  return result;
}

}  // namespace tfsk::lifecycle
