#pragma once
// Reading files as the SavedModel layer needs them, with errors that name the file.

#include <cstdint>
#include <filesystem>
#include <fstream>
#include <memory>
#include <span>
#include <string>

#include "lib/base/status.h"

namespace tfsk::serving::savedmodel {

/// The whole content of `path`. NotFound when it does not exist, FailedPrecondition when it is
/// not a regular file, DataLoss when reading fails; messages start with the path.
StatusOr<std::string> ReadFileToString(const std::filesystem::path& path);

/// A file read by (offset, length) without loading it whole: the data shards of a bundle.
/// Not thread-safe (one read position); open one per thread.
class RandomAccessFile {
 public:
  /// Opens `path`. NotFound when it does not exist.
  static StatusOr<RandomAccessFile> Open(const std::filesystem::path& path);

  const std::filesystem::path& path() const { return path_; }
  std::uint64_t size() const { return size_; }

  /// The `length` bytes at `offset`. OutOfRange (naming the file, offset, length and file size)
  /// when the range does not lie within the file; nothing is allocated in that case.
  StatusOr<std::string> Read(std::uint64_t offset, std::uint64_t length);

  /// Reads exactly out.size() bytes at `offset` into `out` (no intermediate copy). Same errors.
  Status ReadInto(std::uint64_t offset, std::span<char> out);

 private:
  RandomAccessFile() = default;
  Status CheckRange(std::uint64_t offset, std::uint64_t length) const;
  std::filesystem::path path_;
  std::uint64_t size_ = 0;
  std::unique_ptr<std::ifstream> stream_;
};

}  // namespace tfsk::serving::savedmodel
