#pragma once
// A tar stream through libarchive with every varying field pinned: one mtime for all entries,
// numeric owners without names, no atime/ctime, entries in the order given (callers sort them).
// The POSIX "restricted pax" format: plain ustar headers unless a path needs more.

#include <cstdint>
#include <filesystem>
#include <memory>
#include <string>

#include "lib/image/byte_sink.h"

namespace tfsk::image {

/// One entry of a layer or of the outer archive.
struct TarEntry {
  enum class Type { kDirectory, kFile, kSymlink };
  Type type = Type::kFile;
  std::string path;  ///< relative, '/'-separated, no leading '/' ("usr/bin/tfsk-serving")
  int mode = 0644;   ///< permission bits only
  std::uint32_t uid = 0;
  std::uint32_t gid = 0;
  /// kFile: the bytes, unless `source` names a file on disk to stream instead.
  std::string content;
  std::filesystem::path source;
  std::string link_target;  ///< kSymlink only
};

/// A regular file entry holding `content` (root-owned).
inline TarEntry FileEntry(std::string path, std::string content, int mode = 0644) {
  TarEntry e;
  e.path = std::move(path);
  e.content = std::move(content);
  e.mode = mode;
  return e;
}

/// Writes entries to `sink` as a tar stream.
class TarWriter {
 public:
  /// `mtime` (seconds since the epoch) is stamped on every entry.
  TarWriter(ByteSink sink, std::int64_t mtime);
  ~TarWriter();
  TarWriter(const TarWriter&) = delete;
  TarWriter& operator=(const TarWriter&) = delete;

  /// Appends one entry. Errors: NotFound/Internal naming a `source` that cannot be read, or
  /// the sink's error.
  Status Add(const TarEntry& entry);
  /// Writes the end-of-archive blocks. Call once after the last Add.
  Status Close();

  struct Impl;  ///< opaque; declared here so libarchive's C callback can reach it

 private:
  std::unique_ptr<Impl> impl_;
};

}  // namespace tfsk::image
