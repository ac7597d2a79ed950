#pragma once
// The outer image archive: one tar holding an OCI image layout (oci-layout, index.json,
// blobs/sha256/...) and Docker's manifest.json over the same blobs, so `skopeo copy
// oci-archive:F`, `skopeo copy docker-archive:F`, `docker load -i F`, containerd's
// `ctr images import F` and therefore `minikube image load F` all read it.

#include <cstdint>
#include <filesystem>
#include <string>
#include <vector>

#include "lib/image/layer.h"

namespace tfsk::image {

/// Everything one image archive holds.
struct ImageParts {
  Blob config;
  Blob manifest;
  std::vector<LayerBlob> layers;
  std::string reference;  ///< "tfsk-serving:sha256-0123456789ab"
};

/// Writes the archive to `output` atomically: into `<output>.tmp.<pid>` beside it, then renamed
/// over `output`. On any error the temporary file is removed and `output` is left as it was.
/// Entries are sorted and stamped with `mtime`. Errors name the file and the reason.
Status WriteImageArchive(const ImageParts& parts, std::int64_t mtime,
                         const std::filesystem::path& output);

}  // namespace tfsk::image
