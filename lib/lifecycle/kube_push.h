#pragma once
// The ImagePusher for an image archive that already exists (`tfsk up --image-archive FILE`):
// skopeo copies it to <cluster.registry>/tfsk-serving:<model.name> and the Deployment names the
// pushed digest. The image builder plugs in by writing the archive first and calling the same
// PushArchive.

#include <filesystem>

#include "lib/lifecycle/kube_up.h"
#include "lib/process/process_runner.h"

namespace tfsk::lifecycle {

/// `runner` must outlive the pusher. The digest file goes to <project>/.tfsk/push.digest.
ImagePusher ArchivePusher(ProcessRunner& runner, std::filesystem::path archive,
                          std::filesystem::path project_dir);

/// An image tag from the model name (tags allow [A-Za-z0-9_.-], at most 128, not starting with
/// '.' or '-'): people read it; the rendered reference is pinned by digest anyway.
std::string TagForModel(const std::string& model_name);

}  // namespace tfsk::lifecycle
