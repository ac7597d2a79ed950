#include "lib/lifecycle/kube_up.h"

#include <fmt/format.h>

#include "lib/lifecycle/deploy_steps.h"
#include "lib/lifecycle/kube_context.h"
#include "lib/lifecycle/kube_url.h"

namespace tfsk::lifecycle {
namespace {

// Step 3: say when the HPA will show <unknown>, and how to fix it; never install anything.
Status CheckMetricsApi(cluster::Kubectl& kubectl, Progress& progress) {
  TFSK_ASSIGN_OR_RETURN(bool available, kubectl.MetricsAvailable());
  if (available) {
    progress.Step("metrics: the Metrics API answers");
  } else {
    progress.Note(
        "metrics: the Metrics API does not answer, so the autoscaler will show <unknown> and not "
        "scale; ask the cluster's admin to install metrics-server (`kubectl apply -f "
        "https://github.com/kubernetes-sigs/metrics-server/releases/latest/download/"
        "components.yaml`); tfsk installs nothing on a cluster it did not create");
  }
  return OkStatus();
}

// Step 4: the image the Deployment names.
StatusOr<std::string> ImageToDeploy(const config::Config& config, const LifecycleOptions& options,
                                    const ImagePusher& push, Progress& progress) {
  if (!NeedsPush(config)) {
    progress.Detail(
        fmt::format("image: {} (holds the model: server.modelInImage)", config.server.image));
    return config.server.image;
  }
  if (options.dry_run) {
    progress.Note(fmt::format("would push the tfsk-serving image to {}", config.cluster.registry));
    return config.server.image;
  }
  if (!push) {
    return FailedPrecondition(fmt::format(
        "server.image tfsk-serving on target kube: tfsk pushes the image with the model inside to "
        "{}, but was given no image; pass it with `tfsk up --image-archive FILE.tar` (built by "
        "`tfsk image build --model {} --output FILE.tar`)",
        config.cluster.registry, config.model.path.string()));
  }
  TFSK_ASSIGN_OR_RETURN(std::string pinned, push(config, progress));
  progress.Step("image: pushed " + pinned);
  return pinned;
}

}  // namespace

bool NeedsPush(const config::Config& config) {
  return config.cluster.target == "kube" && !config.server.model_in_image &&
         config.server.image == config::kTfskServingImage;
}

bool KubeUpResult::UpToDate() const {
  for (const auto& a : applied) {
    if (a.action != cluster::ApplyAction::kUnchanged) return false;
  }
  return true;
}

StatusOr<KubeUpResult> UpKube(const config::Config& config, MinikubeDrivers& d, Progress& progress,
                              const LifecycleOptions& options, const ImagePusher& push) {
  KubeUpResult result;
  // 1. Tools.
  Status tool = RequireTool(d.runner, "kubectl");
  if (!tool.ok()) return tool;
  if (NeedsPush(config) && !options.dry_run) {
    tool = RequireTool(d.runner, "skopeo");
    if (!tool.ok()) return tool;
  }
  // 2. Context.
  TFSK_ASSIGN_OR_RETURN(std::optional<DeployState> previous, LoadDeployState(options.project_dir));
  TFSK_ASSIGN_OR_RETURN(result.context, UseKubeContext(config, previous, d.kubectl, progress));
  // 3. Metrics.
  if (config.autoscale.enabled) {
    Status s = CheckMetricsApi(d.kubectl, progress);
    if (!s.ok()) return s;
  }
  // 4. Image.
  TFSK_ASSIGN_OR_RETURN(result.image, ImageToDeploy(config, options, push, progress));
  config::Config deployed = config;
  deployed.server.image = result.image;
  // 5. Render and check.
  TFSK_ASSIGN_OR_RETURN(std::vector<render::Manifest> manifests, RenderChecked(deployed, progress));
  if (options.Interrupted())
    return Status(Code::kCancelled, "interrupted before apply; nothing applied");
  // 6. Apply.
  TFSK_ASSIGN_OR_RETURN(result.applied, ApplyChecked(d.kubectl, manifests, false, progress));
  // 7. State, before the rollout, so `tfsk down` works even if it fails.
  result.state = StateOf(deployed, d.kubectl, manifests, "kube");
  Status saved = options.dry_run ? OkStatus() : SaveDeployState(options.project_dir, result.state);
  if (!saved.ok()) return saved;
  // 8. Rollout.
  Status rolled = WaitForRollout(deployed, d.kubectl, progress);
  if (!rolled.ok()) return rolled;
  if (options.dry_run) {
    progress.Step("dry run: nothing was changed");
    return result;
  }
  // 9. URL.
  TFSK_ASSIGN_OR_RETURN(result.url, KubeServiceUrl(deployed, d.kubectl, options, progress));
  result.state.url = result.url;
  saved = SaveDeployState(options.project_dir, result.state);
  if (!saved.ok()) return saved;
  progress.Step(result.UpToDate() ? "up: already up to date (unchanged)" : "up: done");
  return result;
}

}  // namespace tfsk::lifecycle
