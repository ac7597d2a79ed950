#include "lib/lifecycle/kube_push.h"

#include <fmt/format.h>

#include "lib/lifecycle/in_tree_image.h"
#include "lib/local/serving_binary.h"
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

namespace {

// skopeo copy of one archive to <registry>/tfsk-serving:<model tag>; returns the pinned reference.
StatusOr<std::string> Push(ProcessRunner& runner, const std::filesystem::path& archive,
                           const std::filesystem::path& project_dir, const config::Config& config,
                           Progress& progress) {
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
}

}  // namespace

ImagePusher ArchivePusher(ProcessRunner& runner, std::filesystem::path archive,
                          std::filesystem::path project_dir) {
  return [&runner, archive = std::move(archive), project_dir = std::move(project_dir)](
             const config::Config& config, Progress& progress) -> StatusOr<std::string> {
    return Push(runner, archive, project_dir, config, progress);
  };
}

ImagePusher BuildingPusher(ProcessRunner& runner, std::filesystem::path project_dir,
                           std::filesystem::path serving_binary) {
  return [&runner, project_dir = std::move(project_dir),
          serving_binary = std::move(serving_binary)](const config::Config& config,
                                                      Progress& progress) -> StatusOr<std::string> {
    TFSK_ASSIGN_OR_RETURN(std::filesystem::path binary, local::StaticServingBinary(serving_binary));
    TFSK_ASSIGN_OR_RETURN(InTreeImage img,
                          BuildInTreeImage(config, binary, project_dir, /*with_model=*/true));
    progress.Step(fmt::format("image: {} {} with the model inside ({})",
                              img.cached ? "reusing" : "built", img.reference,
                              img.archive.string()));
    return Push(runner, img.archive, project_dir, config, progress);
  };
}

}  // namespace tfsk::lifecycle
