#include "lib/lifecycle/in_tree_image.h"

#include <fmt/format.h>

#include <algorithm>
#include <fstream>
#include <sstream>
#include <system_error>
#include <vector>

#include "lib/base/version.h"
#include "lib/cluster/minikube_output.h"
#include "lib/cluster/reasons.h"
#include "lib/image/serving_image.h"
#include "lib/image/sha256.h"
#include "lib/local/serving_binary.h"
#include "lib/state/state_dir.h"

namespace tfsk::lifecycle {
namespace {

// What determines the image's bytes besides the fixed layout: the server, the default
// MODEL_NAME, and tfsk's version (labels). The timestamp is always 0 here.
// The model folder as the cache sees it: every file's relative path, size and mtime. Cheap for
// big models, and the archive's own digest is content-derived anyway.
std::string ModelStamp(const std::filesystem::path& model) {
  std::vector<std::string> lines;
  std::error_code ec;
  for (auto it = std::filesystem::recursive_directory_iterator(model, ec);
       !ec && it != std::filesystem::recursive_directory_iterator(); it.increment(ec)) {
    if (!it->is_regular_file(ec)) continue;
    const auto mtime = std::filesystem::last_write_time(it->path(), ec).time_since_epoch().count();
    lines.push_back(fmt::format("{} {} {}", it->path().lexically_relative(model).string(),
                                it->file_size(ec), mtime));
  }
  std::sort(lines.begin(), lines.end());
  std::string stamp;
  for (const auto& l : lines) stamp += l + "\n";
  return stamp;
}

StatusOr<std::string> InputsKey(const std::filesystem::path& binary, const std::string& model_name,
                                const std::string& model_stamp) {
  std::ifstream in(binary, std::ios::binary);
  if (!in) return NotFound(fmt::format("cannot read {}", binary.string()));
  image::Sha256 h;
  std::string buf(1 << 20, '\0');
  while (in) {
    in.read(buf.data(), static_cast<std::streamsize>(buf.size()));
    h.Update(std::string_view(buf.data(), static_cast<std::size_t>(in.gcount())));
  }
  const std::string binary_hex = h.HexDigest();
  return image::Sha256Hex(
             fmt::format("{}\n{}\n{}\n{}", binary_hex, model_name, kVersion, model_stamp))
      .substr(0, 16);
}

// `image ls` failed: one line that always shows (what failed, why it does not matter, what to
// run to see more); minikube's own words follow under --verbose.
void WarnListingFailed(const Status& failed, const cluster::MinikubeArgs& args,
                       Progress& progress) {
  const std::string& message = failed.message();
  std::string inspect = cluster::FixIn(failed);
  if (inspect.empty()) inspect = "`" + FormatArgv(args.ImageList()) + "`";
  progress.Note(
      fmt::format("image: warning: {}; not fatal, the image is loaded instead; to "
                  "inspect: {}",
                  message.substr(0, message.find('\n')), inspect));
  progress.Detail("image: " + message);
}

}  // namespace

StatusOr<std::filesystem::path> InTreeArchivePath(const config::Config& config,
                                                  const std::filesystem::path& serving_binary,
                                                  const std::filesystem::path& project_dir,
                                                  bool with_model) {
  TFSK_ASSIGN_OR_RETURN(std::string key,
                        InputsKey(serving_binary, config.model.name,
                                  with_model ? ModelStamp(config.model.path) : std::string()));
  return state::StateDir(project_dir) / "images" / (key + ".tar");
}

StatusOr<InTreeImage> BuildInTreeImage(const config::Config& config,
                                       const std::filesystem::path& serving_binary,
                                       const std::filesystem::path& project_dir, bool with_model) {
  InTreeImage img;
  TFSK_ASSIGN_OR_RETURN(img.archive,
                        InTreeArchivePath(config, serving_binary, project_dir, with_model));
  const std::filesystem::path dir = img.archive.parent_path();
  const std::string key = img.archive.stem().string();
  const std::filesystem::path ref_file = dir / (key + ".ref");
  std::error_code ec;
  auto ref = state::ReadWholeFile(ref_file);
  if (ref.ok() && std::filesystem::is_regular_file(img.archive, ec)) {
    std::string line = ref->substr(0, ref->find('\n'));
    if (config::IsInTreeImage(line)) {
      img.reference = line;
      img.cached = true;
      return img;
    }
  }
  std::filesystem::create_directories(dir, ec);
  if (ec) {
    return FailedPrecondition(
        fmt::format("cannot create {} for the image: {}", dir.string(), ec.message()));
  }
  image::ServingImageOptions o;
  o.serving_binary = serving_binary;
  o.model_name = config.model.name;
  if (with_model) o.model_dir = config.model.path;
  o.output = img.archive;
  TFSK_ASSIGN_OR_RETURN(image::BuiltImage built, image::BuildServingImage(o));
  // Older archives (a previous server build) are of no further use.
  for (const auto& e : std::filesystem::directory_iterator(dir, ec)) {
    const std::string stem = e.path().stem().string();
    if (stem != key && (e.path().extension() == ".tar" || e.path().extension() == ".ref")) {
      std::filesystem::remove(e.path(), ec);
    }
  }
  TFSK_RETURN_IF_ERROR(
      state::WriteFileAtomic(ref_file, built.reference + "\n" + built.manifest_digest + "\n"));
  img.reference = built.reference;
  return img;
}

StatusOr<std::string> EnsureInTreeImage(const config::Config& config, MinikubeDrivers& d,
                                        Progress& progress, const LifecycleOptions& options) {
  if (options.dry_run) {
    progress.Step(
        "image: dry run: tfsk-serving would be built, and loaded with `minikube image load` "
        "unless `minikube image ls` lists it already");
    return std::string(config::kInTreeImage);
  }
  TFSK_ASSIGN_OR_RETURN(std::filesystem::path binary,
                        local::StaticServingBinary(options.serving_binary));
  TFSK_ASSIGN_OR_RETURN(InTreeImage img, BuildInTreeImage(config, binary, options.project_dir));
  progress.Detail(fmt::format("image: {} {} ({})", img.cached ? "reusing" : "built", img.reference,
                              img.archive.string()));
  // The tag is the content digest, so a runtime that lists it holds these exact bytes and the
  // load (seconds of copying on every `tfsk up`) can be skipped. The listing is only a shortcut:
  // if it fails, load as before.
  auto listed = d.minikube.ImageList();
  if (listed.ok()) {
    const bool present = std::any_of(listed->begin(), listed->end(), [&](const std::string& l) {
      return cluster::ListedImageMatches(l, img.reference);
    });
    if (present) {
      progress.Step(fmt::format("image: {} already in minikube", img.reference));
      return img.reference;
    }
  } else if (listed.status().code() == Code::kCancelled) {
    // Ctrl-C reached `image ls`: the user wants tfsk to stop, not to start a load.
    return listed.status().WithPrefix("listing minikube's images");
  } else {
    WarnListingFailed(listed.status(), d.minikube.args(), progress);
  }
  Status loaded = d.minikube.ImageLoad(img.archive.string());
  if (!loaded.ok()) return loaded.WithPrefix("loading the tfsk-serving image into minikube");
  progress.Step(fmt::format("image: {} loaded into minikube{}", img.reference,
                            img.cached ? " (archive reused)" : ""));
  return img.reference;
}

}  // namespace tfsk::lifecycle
