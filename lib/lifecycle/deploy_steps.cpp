#include "lib/lifecycle/deploy_steps.h"

#include <fmt/format.h>

#include "lib/cluster/diagnosis.h"
#include "lib/lifecycle/minikube_down.h"
#include "lib/lifecycle/minikube_up.h"
#include "lib/render/cross_check.h"

namespace tfsk::lifecycle {

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

StatusOr<std::vector<cluster::AppliedObject>> ApplyChecked(
    cluster::Kubectl& kubectl, const std::vector<render::Manifest>& manifests, bool no_cluster,
    Progress& progress) {
  // The API server first checks every object (--dry-run=server, strict fields), so a manifest it
  // refuses leaves nothing half-applied: kubectl applies object by object and stops at the first
  // refusal, after the ones before it were created.
  const std::string stream = render::ToStream(manifests);
  if (!no_cluster) {
    auto checked = kubectl.Apply(stream, /*dry_run_server=*/true);
    if (!checked.ok()) {
      return Status(
          checked.status().code(),
          checked.status().message() +
              "\n  nothing was applied: the API server refused the manifests in a dry run");
    }
    progress.Detail(fmt::format("apply: the API server accepts all {} objects (server dry run)",
                                checked->size()));
  }
  TFSK_ASSIGN_OR_RETURN(std::vector<cluster::AppliedObject> applied, kubectl.Apply(stream));
  for (const auto& a : applied) {
    progress.Detail(
        fmt::format("apply: {} {} {}", a.kind, a.name, cluster::ApplyActionName(a.action)));
  }
  progress.Step("apply: " + ApplySummary(applied));
  return applied;
}

DeployState StateOf(const config::Config& config, const cluster::Kubectl& kubectl,
                    const std::vector<render::Manifest>& manifests, const std::string& target) {
  DeployState st;
  const cluster::KubeTarget& t = kubectl.args().target();
  st.target = target;
  st.profile = target == "minikube" ? config.cluster.profile : "";
  st.context = t.context;
  st.name_space = t.ns;
  st.selector = ManagedSelector(config);
  st.model = config.model.name;
  st.deployment = config.names.deployment;
  st.service = config.names.service;
  st.service_port = config.service.port;
  st.hpa = config.autoscale.enabled ? config.names.hpa : "";
  for (const auto& m : manifests) st.objects.push_back({m.kind, m.name});
  return st;
}

Status WaitForRollout(const config::Config& config, cluster::Kubectl& kubectl, Progress& progress) {
  const std::chrono::seconds timeout(config.rollout.timeout_seconds);
  progress.Step(fmt::format("rollout: waiting for deployment/{} (up to {}s)",
                            config.names.deployment, timeout.count()));
  Status rolled = kubectl.RolloutStatus(config.names.deployment, timeout);
  if (rolled.ok()) {
    progress.Step(fmt::format("rollout: deployment/{} ready", config.names.deployment));
    return rolled;
  }
  // A stuck rollout: the kubectl error plus the reasons, so the user sees "ImagePullBackOff"
  // rather than "timed out".
  std::string text = rolled.message();
  auto findings =
      cluster::DiagnoseWorkload(kubectl, config.names.deployment, ManagedSelector(config),
                                config.autoscale.enabled ? config.names.hpa : "");
  if (findings.ok()) {
    text += "\nwhy:";
    for (const auto& f : *findings) {
      progress.Note("why: " + f.Line());
      text += "\n  " + f.Line();
    }
  }
  return Status(rolled.code(), text);
}

StatusOr<bool> DeleteManaged(cluster::Kubectl& kubectl, const std::string& selector,
                             Progress& progress, const LifecycleOptions& options) {
  // --wait=false: pods are watched below with our own bound and progress lines.
  Status deleted = kubectl.DeleteBySelector(ManagedKinds(), selector, false, options.down_timeout);
  if (!deleted.ok()) return deleted;
  progress.Step("delete: objects labelled " + selector);
  using std::chrono::duration_cast;
  using std::chrono::milliseconds;
  const milliseconds limit = duration_cast<milliseconds>(options.down_timeout);
  milliseconds waited{0};
  for (;;) {
    TFSK_ASSIGN_OR_RETURN(std::vector<cluster::PodStatus> pods, kubectl.GetPods(selector));
    if (pods.empty()) {
      progress.Step("delete: all pods gone");
      return true;
    }
    if (waited >= limit || options.Interrupted()) {
      progress.Note(fmt::format(
          "delete: {} pod(s) still terminating; they go on their own "
          "(kubectl --context {} -n {} get pods -l {})",
          pods.size(), kubectl.args().target().context, kubectl.args().target().ns, selector));
      return false;
    }
    progress.Detail(fmt::format("delete: {} pod(s) terminating", pods.size()));
    options.Sleep(options.poll_interval);
    waited += options.poll_interval;
  }
}

}  // namespace tfsk::lifecycle
