#pragma once
// `server.image: tfsk-serving` on minikube: tfsk builds its own server image (lib/image) from the
// tfsk-serving-static beside it, loads it into the profile's container runtime with
// `minikube image load` (unless `minikube image ls` already lists its tag), and deploys it by
// its content tag, so nothing is pulled from a registry and a new server build rolls the
// Deployment.

#include <filesystem>
#include <string>

#include "lib/base/status.h"
#include "lib/config/config.h"
#include "lib/lifecycle/minikube_env.h"
#include "lib/lifecycle/progress.h"

namespace tfsk::lifecycle {

/// The cached archive and the reference it was written under.
struct InTreeImage {
  std::filesystem::path archive;  ///< <project>/.tfsk/images/<inputs key>.tar
  std::string reference;          ///< "tfsk-serving:sha256-0123456789ab"
  bool cached = false;            ///< an earlier `tfsk up` built the same inputs
};

/// Where BuildInTreeImage keeps the archive for these inputs:
/// <project>/.tfsk/images/<16 hex of sha256(binary's sha256, model name, tfsk version)>.tar.
/// With `with_model` the key also covers the model folder's files (names, sizes, mtimes).
StatusOr<std::filesystem::path> InTreeArchivePath(const config::Config& config,
                                                  const std::filesystem::path& serving_binary,
                                                  const std::filesystem::path& project_dir,
                                                  bool with_model = false);

/// Builds (or reuses) the runtime image for `serving_binary` with MODEL_NAME = config.model.name;
/// `with_model` also packs config.model.path as /models/<name>/ (target kube: no host mount).
/// The archive is cached in .tfsk/images/ under a key of its inputs (the binary's sha256, the
/// model name and tfsk's version), with the resolved reference beside it (<key>.ref), so an
/// unchanged server is not packed again. Errors: the image build's (dynamic binary, unwritable
/// .tfsk/).
StatusOr<InTreeImage> BuildInTreeImage(const config::Config& config,
                                       const std::filesystem::path& serving_binary,
                                       const std::filesystem::path& project_dir,
                                       bool with_model = false);

/// Step "image" of `tfsk up`: finds tfsk-serving-static (options.serving_binary overrides),
/// builds or reuses the image, and returns the reference to render. `minikube image ls` decides
/// whether to load: a profile that already lists the content tag (under any runtime's spelling,
/// see cluster::ListedImageMatches) is left alone; otherwise, or when the listing fails,
/// `minikube image load` runs (its failure is the step's error).
/// On a dry run nothing is built or loaded and `tfsk-serving` is returned unresolved.
StatusOr<std::string> EnsureInTreeImage(const config::Config& config, MinikubeDrivers& d,
                                        Progress& progress, const LifecycleOptions& options);

}  // namespace tfsk::lifecycle
