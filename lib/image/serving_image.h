#pragma once
// The tfsk-serving image: what `tfsk image build` and `tfsk up` (server.image: tfsk-serving)
// write. Layer 1 is the runtime: the static server at /usr/bin/tfsk-serving, /etc/passwd and
// /etc/group naming `nonroot` (uid/gid 65532) and no shell. Layer 2 (with a model) is the model
// at /models/<name>/. The config keeps tensorflow/serving's contract: MODEL_NAME and
// MODEL_BASE_PATH select ${MODEL_BASE_PATH}/${MODEL_NAME}, REST on 8501, gRPC port 8500,
// extra container args appended to the entrypoint (docs/image.md).

#include <cstdint>
#include <filesystem>
#include <string>
#include <vector>

#include "lib/image/oci_json.h"
#include "lib/image/tar_writer.h"

namespace tfsk::image {

inline constexpr const char* kServingPathInImage = "/usr/bin/tfsk-serving";
inline constexpr const char* kModelBasePath = "/models";
inline constexpr const char* kDefaultModelName = "model";
inline constexpr std::uint32_t kNonRootId = 65532;

/// What to build.
struct ServingImageOptions {
  std::filesystem::path serving_binary;  ///< a static tfsk-serving (tfsk-serving-static)
  std::filesystem::path model_dir;       ///< "" builds the runtime image only
  std::string model_name = kDefaultModelName;
  std::string reference;  ///< "" / tag / repository[:tag]; see ResolveReference
  std::filesystem::path output;
  std::int64_t mtime = 0;  ///< SourceDateEpoch()
};

/// What was built.
struct BuiltImage {
  std::string reference;        ///< "tfsk-serving:sha256-0123456789ab"
  std::string manifest_digest;  ///< "sha256:<hex>": the image's identity in registries
  std::string config_digest;    ///< "sha256:<hex>": the image ID `docker images` shows
  int layers = 0;
  std::int64_t uncompressed_size = 0;  ///< sum of the layers' tar sizes
  std::int64_t compressed_size = 0;    ///< sum of the layers' gzip sizes
  std::int64_t archive_size = 0;       ///< the written archive file
};

/// The runtime layer's files for `serving_binary`.
std::vector<TarEntry> RuntimeEntries(const std::filesystem::path& serving_binary);

/// The image config of the contract above for a server of `architecture`; `model_name` is the
/// default MODEL_NAME; `with_model` adds the model layer's history line.
ImageConfig ServingImageConfig(const std::string& architecture, const std::string& model_name,
                               bool with_model, std::int64_t mtime);

/// Checks the inputs (the binary is a static ELF executable; the model folder holds a numbered
/// version with a saved_model.pb; the model name is one path component; the reference is
/// valid), then writes the archive to options.output atomically. Deterministic: the same
/// inputs give the same bytes. Errors: InvalidArgument for bad model folders, names and
/// references; FailedPrecondition for a dynamic binary or an unwritable output; NotFound for a
/// missing binary.
StatusOr<BuiltImage> BuildServingImage(const ServingImageOptions& options);

}  // namespace tfsk::image
