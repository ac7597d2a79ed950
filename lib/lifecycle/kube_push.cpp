#include "lib/lifecycle/kube_push.h"

#include <fmt/format.h>

#include "lib/registry/push.h"
#include "lib/state/state_dir.h"

namespace tfsk::lifecycle {

std::string TagForModel(const std::string& model_name) {
  std::string tag;
  for (char c : model_name) {
    const bool ok = (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') ||
                    c == '_' || c == '.' || c == '-';
    tag += ok ? c : '_';
  }
  if (tag.empty() || tag[0] == '.' || tag[0] == '-') tag = "m" + tag;
  return tag.substr(0, 128);
}

ImagePusher ArchivePusher(ProcessRunner& runner, std::filesystem::path archive,
                          std::filesystem::path project_dir) {
  return [&runner, archive = std::move(archive), project_dir = std::move(project_dir)](
             const config::Config& config, Progress& progress) -> StatusOr<std::string> {
    registry::PushRequest request;
    request.archive = archive;
    request.registry = config.cluster.registry;
    request.tag = TagForModel(config.model.name);
    request.insecure = config.cluster.insecure_registry;
    std::error_code ec;
    std::filesystem::create_directories(state::StateDir(project_dir), ec);
    request.digest_file =
        std::filesystem::absolute(state::StateDir(project_dir) / "push.digest").lexically_normal();
    progress.Step(fmt::format("image: pushing {} to {}/{}:{}", archive.string(), request.registry,
                              request.name, request.tag));
    TFSK_ASSIGN_OR_RETURN(registry::PushedImage pushed, registry::PushArchive(runner, request));
    return pushed.pinned;
  };
}

}  // namespace tfsk::lifecycle
