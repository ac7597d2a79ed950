#include "lib/lifecycle/minikube_up.h"

#include <fmt/format.h>

#include <map>

#include "lib/cluster/diagnosis.h"
#include "lib/lifecycle/cluster_steps.h"
#include "lib/lifecycle/in_tree_image.h"
#include "lib/render/cross_check.h"
#include "lib/render/render.h"

namespace tfsk::lifecycle {
namespace {

using cluster::ApplyAction;

StatusOr<std::vector<render::Manifest>> RenderChecked(const config::Config& config,
                                                      Progress& progress) {
  TFSK_ASSIGN_OR_RETURN(std::vector<render::Manifest> manifests, render::Render(config));
  std::vector<std::string> problems = render::CrossCheck(manifests, config);
  if (!problems.empty()) {
    std::string text = "the rendered manifests do not fit together:";
    for (const auto& p : problems) text += "\n  " + p;
    return InvalidArgument(text);
  }
  progress.Step(fmt::format("render: {} objects checked", manifests.size()));
  return manifests;
}

// A stuck rollout: the kubectl error plus the reasons, so the user sees "ImagePullBackOff" rather
// than "timed out".
Status ExplainRollout(const config::Config& config, MinikubeDrivers& d, Progress& progress,
                      const Status& failure) {
  std::string text = failure.message();
  auto findings =
      cluster::DiagnoseWorkload(d.kubectl, config.names.deployment, ManagedSelector(config),
                                config.autoscale.enabled ? config.names.hpa : "");
  if (findings.ok()) {
    text += "\nwhy:";
    for (const auto& f : *findings) {
      progress.Note("why: " + f.Line());
      text += "\n  " + f.Line();
    }
  }
  return Status(failure.code(), text);
}

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
  // 5. Apply. The API server first checks every object (--dry-run=server, strict fields), so a
  // manifest it refuses leaves nothing half-applied: kubectl applies object by object and stops
  // at the first refusal, after the ones before it were created.
  const std::string stream = render::ToStream(manifests);
  if (!no_cluster) {
    auto checked = d.kubectl.Apply(stream, /*dry_run_server=*/true);
    if (!checked.ok()) {
      return Status(
          checked.status().code(),
          checked.status().message() +
              "\n  nothing was applied: the API server refused the manifests in a dry run");
    }
    progress.Detail(fmt::format("apply: the API server accepts all {} objects (server dry run)",
                                checked->size()));
  }
  TFSK_ASSIGN_OR_RETURN(result.applied, d.kubectl.Apply(stream));
  for (const auto& a : result.applied) {
    progress.Detail(
        fmt::format("apply: {} {} {}", a.kind, a.name, cluster::ApplyActionName(a.action)));
  }
  progress.Step("apply: " + ApplySummary(result.applied));
  // 8 (early). Record what is on the cluster now, so `tfsk down` works even if the rollout
  // below fails or is interrupted.
  DeployState& st = result.state;
  const cluster::KubeTarget target = d.kubectl.args().target();
  st.profile = config.cluster.profile;
  st.context = target.context;
  st.name_space = target.ns;
  st.selector = ManagedSelector(config);
  st.model = config.model.name;
  st.deployment = config.names.deployment;
  st.service = config.names.service;
  st.hpa = config.autoscale.enabled ? config.names.hpa : "";
  for (const auto& m : manifests) st.objects.push_back({m.kind, m.name});
  Status saved = options.dry_run ? OkStatus() : SaveDeployState(options.project_dir, st);
  if (!saved.ok()) return saved;
  // 6. Rollout.
  const std::chrono::seconds timeout(config.rollout.timeout_seconds);
  progress.Step(fmt::format("rollout: waiting for deployment/{} (up to {}s)",
                            config.names.deployment, timeout.count()));
  Status rolled = d.kubectl.RolloutStatus(config.names.deployment, timeout);
  if (!rolled.ok()) return ExplainRollout(config, d, progress, rolled);
  progress.Step(fmt::format("rollout: deployment/{} ready", config.names.deployment));
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
