#include "lib/image/archive_writer.h"

#include <fcntl.h>
#include <fmt/format.h>
#include <unistd.h>

#include <cerrno>
#include <cstring>
#include <set>

#include "lib/image/oci_json.h"

namespace tfsk::image {
namespace {

TarEntry BlobEntry(const Blob& blob) {
  TarEntry e;
  e.path = BlobPath(blob.descriptor.digest);
  e.source = blob.path;
  return e;
}

StatusOr<std::vector<TarEntry>> ArchiveEntries(const ImageParts& parts) {
  std::vector<TarEntry> entries;
  std::set<std::string> seen;  // two equal layers are one blob
  auto add_blob = [&](const Blob& b) {
    if (seen.insert(b.descriptor.digest).second) entries.push_back(BlobEntry(b));
  };
  add_blob(parts.config);
  add_blob(parts.manifest);
  std::vector<std::string> layer_paths;
  for (const auto& l : parts.layers) {
    add_blob(l.blob);
    layer_paths.push_back(BlobPath(l.blob.descriptor.digest));
  }
  entries.push_back(FileEntry("oci-layout", OciLayoutJson()));
  entries.push_back(FileEntry("index.json", IndexJson(parts.manifest.descriptor, parts.reference)));
  entries.push_back(FileEntry(
      "manifest.json",
      DockerManifestJson(BlobPath(parts.config.descriptor.digest), parts.reference, layer_paths)));
  return CanonicalEntries(std::move(entries));
}

// Owns the temporary file until Commit renames it; removes it otherwise.
class TempOutput {
 public:
  explicit TempOutput(const std::filesystem::path& output)
      : output_(output), tmp_(output.string() + ".tmp." + std::to_string(::getpid())) {}
  ~TempOutput() {
    if (fd_ >= 0) ::close(fd_);
    if (!committed_) ::unlink(tmp_.c_str());
  }
  TempOutput(const TempOutput&) = delete;
  TempOutput& operator=(const TempOutput&) = delete;

  Status Open() {
    fd_ = ::open(tmp_.c_str(), O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0644);
    if (fd_ < 0) {
      return FailedPrecondition(fmt::format("cannot write the image archive {}: {}",
                                            output_.string(), std::strerror(errno)));
    }
    return OkStatus();
  }
  Status Write(std::string_view bytes) {
    while (!bytes.empty()) {
      const ssize_t n = ::write(fd_, bytes.data(), bytes.size());
      if (n < 0 && errno == EINTR) continue;
      if (n <= 0) {
        return Internal(fmt::format("cannot write {}: {}", tmp_, std::strerror(errno)));
      }
      bytes.remove_prefix(static_cast<std::size_t>(n));
    }
    return OkStatus();
  }
  Status Commit() {
    // fsync before rename, so a crash cannot leave `output` naming a half-written file.
    if (::fsync(fd_) != 0 || ::close(fd_) != 0) {
      fd_ = -1;
      return Internal(fmt::format("cannot write {}: {}", tmp_, std::strerror(errno)));
    }
    fd_ = -1;
    if (::rename(tmp_.c_str(), output_.c_str()) != 0) {
      return Internal(
          fmt::format("cannot rename {} to {}: {}", tmp_, output_.string(), std::strerror(errno)));
    }
    committed_ = true;
    return OkStatus();
  }

 private:
  std::filesystem::path output_;
  std::string tmp_;
  int fd_ = -1;
  bool committed_ = false;
};

}  // namespace

Status WriteImageArchive(const ImageParts& parts, std::int64_t mtime,
                         const std::filesystem::path& output) {
  TFSK_ASSIGN_OR_RETURN(std::vector<TarEntry> entries, ArchiveEntries(parts));
  std::error_code ec;
  if (std::filesystem::is_directory(output, ec)) {
    return InvalidArgument(fmt::format(
        "{} is a folder; name the image archive file to write, e.g. {}/tfsk-serving.tar",
        output.string(), output.string()));
  }
  TempOutput out(output);
  TFSK_RETURN_IF_ERROR(out.Open());
  TarWriter tar([&out](std::string_view chunk) { return out.Write(chunk); }, mtime);
  for (const auto& e : entries) TFSK_RETURN_IF_ERROR(tar.Add(e));
  TFSK_RETURN_IF_ERROR(tar.Close());
  return out.Commit();
}

}  // namespace tfsk::image
