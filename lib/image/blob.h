#pragma once
// Content-addressed blobs: a file plus its OCI descriptor (media type, sha256 digest, size).

#include <cstdint>
#include <filesystem>
#include <fstream>
#include <string>

#include "lib/base/status.h"
#include "lib/image/sha256.h"

namespace tfsk::image {

/// What an OCI manifest or index says about a blob.
struct Descriptor {
  std::string media_type;
  std::string digest;  ///< "sha256:<hex>"
  std::int64_t size = 0;
};

/// A blob staged on disk (`path`) and described by `descriptor`.
struct Blob {
  Descriptor descriptor;
  std::filesystem::path path;
};

/// Streams bytes into a file while hashing and counting them.
class BlobFileWriter {
 public:
  /// Opens `path` for writing (truncating it).
  explicit BlobFileWriter(std::filesystem::path path);

  /// Appends bytes. Internal naming the file when the disk refuses them.
  Status Write(std::string_view bytes);
  /// Closes the file and returns the blob with `media_type`.
  StatusOr<Blob> Finish(const std::string& media_type);

 private:
  std::filesystem::path path_;
  std::ofstream out_;
  Sha256 sha_;
  std::int64_t size_ = 0;
};

/// Writes `bytes` as a blob file at `path`.
StatusOr<Blob> WriteBlob(const std::filesystem::path& path, std::string_view bytes,
                         const std::string& media_type);

}  // namespace tfsk::image
