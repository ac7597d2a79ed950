#pragma once
// The ImagePusher for an image archive that already exists (`tfsk up --image-archive FILE`):
// skopeo copies it to <cluster.registry>/tfsk-serving:<model.name> and the Deployment names the
// pushed digest; or, by default, the image tfsk builds itself with the model inside.

#include <filesystem>

#include "lib/lifecycle/kube_up.h"
#include "lib/process/process_runner.h"

namespace tfsk::lifecycle {

/// `runner` must outlive the pusher. The digest file goes to <project>/.tfsk/push.digest.
ImagePusher ArchivePusher(ProcessRunner& runner, std::filesystem::path archive,
                          std::filesystem::path project_dir);

/// The pusher for `server.image: tfsk-serving` without --image-archive: builds tfsk's image with
/// the model inside (BuildInTreeImage with the model, cached in .tfsk/images/) from
/// `serving_binary` (empty: tfsk-serving-static beside tfsk or in the build tree) and pushes it as
/// ArchivePusher does.
ImagePusher BuildingPusher(ProcessRunner& runner, std::filesystem::path project_dir,
                           std::filesystem::path serving_binary = {});

/// An image tag from the model name (tags allow [A-Za-z0-9_.-], at most 128, not starting with
/// '.' or '-'): people read it; the rendered reference is pinned by digest anyway.
std::string TagForModel(const std::string& model_name);

}  // namespace tfsk::lifecycle
