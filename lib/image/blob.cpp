#include "lib/image/blob.h"

#include <cerrno>
#include <cstring>

namespace tfsk::image {

BlobFileWriter::BlobFileWriter(std::filesystem::path path)
    : path_(std::move(path)), out_(path_, std::ios::binary | std::ios::trunc) {}

Status BlobFileWriter::Write(std::string_view bytes) {
  if (!out_) return Internal("cannot write " + path_.string() + ": " + std::strerror(errno));
  out_.write(bytes.data(), static_cast<std::streamsize>(bytes.size()));
  if (!out_) return Internal("cannot write " + path_.string() + ": " + std::strerror(errno));
  sha_.Update(bytes);
  size_ += static_cast<std::int64_t>(bytes.size());
  return OkStatus();
}

StatusOr<Blob> BlobFileWriter::Finish(const std::string& media_type) {
  out_.close();
  if (!out_) return Internal("cannot write " + path_.string() + ": " + std::strerror(errno));
  Blob b;
  b.path = path_;
  b.descriptor.media_type = media_type;
  b.descriptor.digest = DigestOf(sha_.HexDigest());
  b.descriptor.size = size_;
  return b;
}

StatusOr<Blob> WriteBlob(const std::filesystem::path& path, std::string_view bytes,
                         const std::string& media_type) {
  BlobFileWriter w(path);
  TFSK_RETURN_IF_ERROR(w.Write(bytes));
  return w.Finish(media_type);
}

}  // namespace tfsk::image
