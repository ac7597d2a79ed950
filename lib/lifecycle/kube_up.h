#pragma once
// `tfsk up` on any kubeconfig context (target kube), as steps:
//   1 tools (kubectl; skopeo only when pushing)  2 context  3 Metrics API (warn only: tfsk
//   installs nothing on someone's cluster)  4 image (push when needed)  5 render+check
//   6 apply (server dry run first)  7 state  8 rollout  9 URL.
// No minikube, no mount: the model travels inside the image.

#include <functional>
#include <string>
#include <vector>

#include "lib/base/status.h"
#include "lib/cluster/kubectl_output.h"
#include "lib/config/config.h"
#include "lib/lifecycle/deploy_state.h"
#include "lib/lifecycle/minikube_env.h"
#include "lib/lifecycle/progress.h"

namespace tfsk::lifecycle {

/// Puts the server image (model inside) where the cluster pulls from and returns the reference
/// to render, pinned by digest. The seam between `tfsk up` and whatever produces the image: an
/// existing archive today (ArchivePusher), the in-tree image builder followed by the same push.
using ImagePusher = std::function<StatusOr<std::string>(const config::Config&, Progress&)>;

/// True when the config asks tfsk to push its own image: target kube, server.image
/// tfsk-serving, the model not already in an image.
bool NeedsPush(const config::Config& config);

struct KubeUpResult {
  std::string context;
  std::string image;  ///< the image the Deployment names
  std::vector<cluster::AppliedObject> applied;
  std::string url;  ///< "" when only a port-forward reaches the Service
  DeployState state;
  bool UpToDate() const;
};

/// Brings the project up on a kubeconfig context. `push` is required when NeedsPush(config)
/// (FailedPrecondition naming `--image-archive` otherwise); on a dry run it is not called.
StatusOr<KubeUpResult> UpKube(const config::Config& config, MinikubeDrivers& d, Progress& progress,
                              const LifecycleOptions& options, const ImagePusher& push);

}  // namespace tfsk::lifecycle
