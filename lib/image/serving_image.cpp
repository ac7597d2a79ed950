#include "lib/image/serving_image.h"

#include <fmt/format.h>
#include <unistd.h>

#include <cerrno>
#include <cstring>
#include <memory>
#include <regex>
#include <system_error>

#include "lib/base/version.h"
#include "lib/config/diagnostics.h"
#include "lib/config/validate.h"
#include "lib/image/archive_writer.h"
#include "lib/image/elf_check.h"
#include "lib/image/layer.h"
#include "lib/image/reference.h"
#include "lib/image/source_date.h"

namespace tfsk::image {
namespace {

TarEntry Dir(std::string path, int mode, std::uint32_t owner = 0) {
  TarEntry e;
  e.type = TarEntry::Type::kDirectory;
  e.path = std::move(path);
  e.mode = mode;
  e.uid = owner;
  e.gid = owner;
  return e;
}

Status CheckModelName(const std::string& name) {
  static const std::regex re(R"(^[A-Za-z0-9_][A-Za-z0-9_.-]*$)");
  if (std::regex_match(name, re)) return OkStatus();
  return InvalidArgument(fmt::format(
      "model name '{}' cannot be a folder under /models: use letters, digits, '_', '.' and '-' "
      "(e.g. half_plus_two)",
      name));
}

Status CheckModelDir(const std::filesystem::path& dir) {
  config::Diagnostics diag;
  config::CheckModelFolder(dir, "--model", diag);
  if (!diag.HasErrors()) return OkStatus();
  return InvalidArgument(diag.Errors().front().message);
}

// Blobs are staged beside the output (same file system, no size limit of /tmp) and removed
// when the build ends, whatever happened.
class StagingDir {
 public:
  static StatusOr<std::unique_ptr<StagingDir>> Create(const std::filesystem::path& output) {
    std::filesystem::path parent = output.parent_path();
    if (parent.empty()) parent = ".";
    std::string pattern =
        (parent / ("." + output.filename().string() + ".staging.XXXXXX")).string();
    if (::mkdtemp(pattern.data()) == nullptr) {
      return FailedPrecondition(fmt::format("cannot write the image archive {}: {} ({})",
                                            output.string(), std::strerror(errno),
                                            parent.string()));
    }
    return std::unique_ptr<StagingDir>(new StagingDir(pattern));
  }
  ~StagingDir() {
    std::error_code ec;
    std::filesystem::remove_all(path_, ec);
  }
  const std::filesystem::path& path() const { return path_; }

 private:
  explicit StagingDir(std::filesystem::path p) : path_(std::move(p)) {}
  std::filesystem::path path_;
};

}  // namespace

std::vector<TarEntry> RuntimeEntries(const std::filesystem::path& serving_binary) {
  std::vector<TarEntry> e;
  // Accounts without a shell: /sbin/nologin does not even exist in the image.
  e.push_back(
      FileEntry("etc/passwd", fmt::format("root:x:0:0:root:/root:/sbin/nologin\n"
                                          "nonroot:x:{0}:{0}:nonroot:/home/nonroot:/sbin/nologin\n",
                                          kNonRootId)));
  e.push_back(FileEntry("etc/group", fmt::format("root:x:0:\nnonroot:x:{}:\n", kNonRootId)));
  e.push_back(Dir("home/nonroot", 0700, kNonRootId));
  e.push_back(Dir("tmp", 01777));
  TarEntry server;
  server.path = std::string(kServingPathInImage).substr(1);
  server.source = serving_binary;
  server.mode = 0755;
  e.push_back(server);
  return e;
}

ImageConfig ServingImageConfig(const std::string& architecture, const std::string& model_name,
                               bool with_model, std::int64_t mtime) {
  ImageConfig c;
  c.architecture = architecture;
  c.created = Rfc3339(mtime);
  c.user = fmt::format("{0}:{0}", kNonRootId);
  // tensorflow/serving's entrypoint passes these two ports, the model from the environment,
  // then the container's args; tfsk-serving reads MODEL_NAME/MODEL_BASE_PATH itself and keeps
  // the last value of a repeated flag, so args can override the ports.
  c.entrypoint = {kServingPathInImage, "--port=8500", "--rest_api_port=8501"};
  c.env = {"PATH=/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin",
           "MODEL_NAME=" + model_name, std::string("MODEL_BASE_PATH=") + kModelBasePath};
  c.exposed_ports = {"8500/tcp", "8501/tcp"};
  c.working_dir = "/";
  c.labels = {
      {"org.opencontainers.image.title", "tfsk-serving"},
      {"org.opencontainers.image.description",
       "TensorFlow Serving compatible REST model server for SavedModels, without TensorFlow"},
      {"org.opencontainers.image.version", kVersion},
  };
  c.history.push_back(fmt::format(
      "tfsk image build: tfsk-serving {} (static) at {}; /etc/passwd, /etc/group with nonroot "
      "{}; no shell",
      kVersion, kServingPathInImage, kNonRootId));
  if (with_model) {
    c.history.push_back(
        fmt::format("tfsk image build: model {} at {}/{}", model_name, kModelBasePath, model_name));
  }
  return c;
}

StatusOr<BuiltImage> BuildServingImage(const ServingImageOptions& o) {
  // Every input is checked before anything is written.
  TFSK_ASSIGN_OR_RETURN(ElfInfo elf, ReadElfInfo(o.serving_binary));
  TFSK_RETURN_IF_ERROR(CheckStaticExecutable(o.serving_binary));
  TFSK_RETURN_IF_ERROR(CheckModelName(o.model_name));
  const bool with_model = !o.model_dir.empty();
  if (with_model) TFSK_RETURN_IF_ERROR(CheckModelDir(o.model_dir));
  TFSK_RETURN_IF_ERROR(CheckReference(o.reference));
  if (o.output.empty()) return InvalidArgument("no output file given for the image archive");

  TFSK_ASSIGN_OR_RETURN(std::unique_ptr<StagingDir> staging, StagingDir::Create(o.output));
  ImageParts parts;
  TFSK_ASSIGN_OR_RETURN(LayerBlob runtime, WriteLayer(RuntimeEntries(o.serving_binary), o.mtime,
                                                      staging->path() / "runtime.tar.gz"));
  parts.layers.push_back(runtime);
  if (with_model) {
    TFSK_ASSIGN_OR_RETURN(
        std::vector<TarEntry> model,
        TreeEntries(o.model_dir, std::string(kModelBasePath).substr(1) + "/" + o.model_name));
    TFSK_ASSIGN_OR_RETURN(LayerBlob layer,
                          WriteLayer(std::move(model), o.mtime, staging->path() / "model.tar.gz"));
    parts.layers.push_back(layer);
  }
  std::vector<std::string> diff_ids;
  std::vector<Descriptor> layer_descriptors;
  for (const auto& l : parts.layers) {
    diff_ids.push_back(l.diff_id);
    layer_descriptors.push_back(l.blob.descriptor);
  }
  const ImageConfig config = ServingImageConfig(elf.machine, o.model_name, with_model, o.mtime);
  TFSK_ASSIGN_OR_RETURN(parts.config, WriteBlob(staging->path() / "config.json",
                                                ConfigJson(config, diff_ids), kConfigMediaType));
  TFSK_ASSIGN_OR_RETURN(
      parts.manifest,
      WriteBlob(staging->path() / "manifest.json",
                ManifestJson(parts.config.descriptor, layer_descriptors), kManifestMediaType));
  TFSK_ASSIGN_OR_RETURN(
      parts.reference, ResolveReference(o.reference, ContentTag(parts.manifest.descriptor.digest)));
  TFSK_RETURN_IF_ERROR(WriteImageArchive(parts, o.mtime, o.output));

  BuiltImage built;
  built.reference = parts.reference;
  built.manifest_digest = parts.manifest.descriptor.digest;
  built.config_digest = parts.config.descriptor.digest;
  built.layers = static_cast<int>(parts.layers.size());
  for (const auto& l : parts.layers) {
    built.uncompressed_size += l.uncompressed_size;
    built.compressed_size += l.blob.descriptor.size;
  }
  std::error_code ec;
  built.archive_size = static_cast<std::int64_t>(std::filesystem::file_size(o.output, ec));
  return built;
}

}  // namespace tfsk::image
