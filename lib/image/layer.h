#pragma once
// An image layer: a gzipped tar of files, stored as a blob named by the digest of the
// compressed bytes and listed in the image config by the digest of the plain tar (its diff ID).

#include <cstdint>
#include <filesystem>
#include <string>
#include <vector>

#include "lib/image/blob.h"
#include "lib/image/tar_writer.h"

namespace tfsk::image {

/// OCI media type of a gzipped tar layer.
inline constexpr const char* kLayerMediaType = "application/vnd.oci.image.layer.v1.tar+gzip";

/// A written layer.
struct LayerBlob {
  Blob blob;            ///< the .tar.gz; descriptor.digest names it in manifests
  std::string diff_id;  ///< "sha256:<hex>" of the uncompressed tar, for the config's rootfs
  std::int64_t uncompressed_size = 0;  ///< bytes of the tar before gzip
};

/// Checks and canonicalises a layer's entries: paths must be relative and free of "." and ".."
/// components (InvalidArgument otherwise), duplicates are an error, every missing parent
/// directory is added (root-owned, 0755), and entries are sorted by path so the same files give
/// the same bytes whatever order they were listed in.
StatusOr<std::vector<TarEntry>> CanonicalEntries(std::vector<TarEntry> entries);

/// Writes `entries` (canonicalised first) as a gzipped tar to `path`, stamping `mtime` on each.
StatusOr<LayerBlob> WriteLayer(std::vector<TarEntry> entries, std::int64_t mtime,
                               const std::filesystem::path& path);

/// Entries for the tree under `dir` placed at `prefix` in the image: directories 0755, files
/// 0644 (0755 when the owner may execute them), owned by root. Symbolic links are followed, so
/// the image holds the files themselves. Errors: NotFound for a missing `dir`, InvalidArgument
/// for a special file (socket, device, fifo) or a link that leads nowhere.
StatusOr<std::vector<TarEntry>> TreeEntries(const std::filesystem::path& dir,
                                            const std::string& prefix);

}  // namespace tfsk::image
