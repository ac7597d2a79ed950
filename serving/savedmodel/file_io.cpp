#include "serving/savedmodel/file_io.h"

#include <system_error>

namespace tfsk::serving::savedmodel {
namespace {

Status CheckRegularFile(const std::filesystem::path& path, std::uint64_t* size) {
  std::error_code ec;
  const auto status = std::filesystem::status(path, ec);
  if (!std::filesystem::exists(status)) return NotFound(path.string() + ": no such file");
  if (!std::filesystem::is_regular_file(status)) {
    return FailedPrecondition(path.string() + ": not a regular file");
  }
  const auto file_size = std::filesystem::file_size(path, ec);
  if (ec) return DataLoss(path.string() + ": cannot get the file size: " + ec.message());
  *size = file_size;
  return OkStatus();
}

}  // namespace

StatusOr<std::string> ReadFileToString(const std::filesystem::path& path) {
  TFSK_ASSIGN_OR_RETURN(auto file, RandomAccessFile::Open(path));
  return file.Read(0, file.size());
}

StatusOr<RandomAccessFile> RandomAccessFile::Open(const std::filesystem::path& path) {
  RandomAccessFile file;
  TFSK_RETURN_IF_ERROR(CheckRegularFile(path, &file.size_));
  file.stream_ = std::make_unique<std::ifstream>(path, std::ios::binary);
  if (!*file.stream_) return DataLoss(path.string() + ": cannot open for reading");
  file.path_ = path;
  return file;
}

Status RandomAccessFile::CheckRange(std::uint64_t offset, std::uint64_t length) const {
  if (offset > size_ || length > size_ - offset) {
    return OutOfRange(path_.string() + ": range [" + std::to_string(offset) + ", +" +
                      std::to_string(length) + ") lies outside the file (" + std::to_string(size_) +
                      " bytes)");
  }
  return OkStatus();
}

StatusOr<std::string> RandomAccessFile::Read(std::uint64_t offset, std::uint64_t length) {
  // Validate before allocating: `length` may come from untrusted metadata.
  TFSK_RETURN_IF_ERROR(CheckRange(offset, length));
  std::string out(static_cast<std::size_t>(length), '\0');
  TFSK_RETURN_IF_ERROR(ReadInto(offset, out));
  return out;
}

Status RandomAccessFile::ReadInto(std::uint64_t offset, std::span<char> out) {
  const std::uint64_t length = out.size();
  TFSK_RETURN_IF_ERROR(CheckRange(offset, length));
  if (length == 0) return OkStatus();
  stream_->clear();
  stream_->seekg(static_cast<std::streamoff>(offset));
  stream_->read(out.data(), static_cast<std::streamsize>(length));
  if (!*stream_ || static_cast<std::uint64_t>(stream_->gcount()) != length) {
    return DataLoss(path_.string() + ": short read of " + std::to_string(length) +
                    " bytes at offset " + std::to_string(offset));
  }
  return OkStatus();
}

}  // namespace tfsk::serving::savedmodel
