#include "lib/lifecycle/kube_context.h"

#include <fmt/format.h>

#include <algorithm>

namespace tfsk::lifecycle {

StatusOr<std::string> UseKubeContext(const config::Config& config,
                                     const std::optional<DeployState>& state,
                                     cluster::Kubectl& kubectl, Progress& progress) {
  std::string context;
  std::string why;
  if (state && state->target == "kube" && !state->context.empty()) {
    context = state->context;
    why = "where `tfsk up` deployed (.tfsk/state.json)";
  } else if (!config.cluster.context.empty()) {
    context = config.cluster.context;
    why = "cluster.context";
  } else {
    auto current = kubectl.CurrentContext();
    if (!current.ok()) {
      return current.status().WithPrefix(
          "target kube: no cluster.context and no current context; set cluster.context (or "
          "TFSK_CONTEXT), or `kubectl config use-context NAME`");
    }
    context = *current;
    why = "kubectl's current context";
  }
  TFSK_ASSIGN_OR_RETURN(std::vector<std::string> names, kubectl.ContextNames());
  if (std::find(names.begin(), names.end(), context) == names.end()) {
    std::string list;
    for (const auto& n : names) list += (list.empty() ? "" : ", ") + n;
    return FailedPrecondition(fmt::format(
        "context '{}' ({}) is not in the kubeconfig; its contexts: {}\n  fix: set "
        "cluster.context to one of them (or get credentials for the cluster, e.g. `gcloud "
        "container clusters get-credentials`, `aws eks update-kubeconfig`)",
        context, why, list.empty() ? "none" : list));
  }
  kubectl.SetContext(context);
  progress.Step(fmt::format("context {}: {}", context, why));
  return context;
}

}  // namespace tfsk::lifecycle
