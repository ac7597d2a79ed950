#include "lib/image/tar_writer.h"

#include <archive.h>
#include <archive_entry.h>
#include <fmt/format.h>

#include <array>
#include <fstream>
#include <system_error>

namespace tfsk::image {

struct TarWriter::Impl {
  ByteSink sink;
  std::int64_t mtime = 0;
  archive* a = nullptr;
  Status sink_error;  // the first error the sink returned (libarchive only sees -1)
  bool closed = false;
};

namespace {

la_ssize_t WriteCallback(archive* /*a*/, void* client, const void* buffer, size_t length) {
  auto* impl = static_cast<TarWriter::Impl*>(client);
  Status s = impl->sink(std::string_view(static_cast<const char*>(buffer), length));
  if (!s.ok()) {
    if (impl->sink_error.ok()) impl->sink_error = s;
    return -1;
  }
  return static_cast<la_ssize_t>(length);
}

}  // namespace

TarWriter::TarWriter(ByteSink sink, std::int64_t mtime) : impl_(std::make_unique<Impl>()) {
  impl_->sink = std::move(sink);
  impl_->mtime = mtime;
  impl_->a = archive_write_new();
  archive_write_set_format_pax_restricted(impl_->a);
  // No padding of the last block to 10 KiB: the stream ends right after the two zero blocks,
  // which is what other image builders produce and what readers expect.
  archive_write_set_bytes_in_last_block(impl_->a, 1);
  archive_write_open(impl_->a, impl_.get(), nullptr, WriteCallback, nullptr);
}

TarWriter::~TarWriter() {
  if (!impl_->closed) archive_write_close(impl_->a);
  archive_write_free(impl_->a);
}

namespace {

Status ArchiveError(archive* a, const TarWriter::Impl& impl, const std::string& what) {
  if (!impl.sink_error.ok()) return impl.sink_error;
  const char* msg = archive_error_string(a);
  return Internal(fmt::format("{}: {}", what, msg != nullptr ? msg : "libarchive error"));
}

}  // namespace

Status TarWriter::Add(const TarEntry& e) {
  archive* a = impl_->a;
  std::uintmax_t size = 0;
  if (e.type == TarEntry::Type::kFile) {
    if (e.source.empty()) {
      size = e.content.size();
    } else {
      std::error_code ec;
      size = std::filesystem::file_size(e.source, ec);
      if (ec) return NotFound(fmt::format("cannot read {}: {}", e.source.string(), ec.message()));
    }
  }
  std::unique_ptr<archive_entry, void (*)(archive_entry*)> entry(archive_entry_new(),
                                                                 archive_entry_free);
  archive_entry* en = entry.get();
  std::string path = e.path;
  if (e.type == TarEntry::Type::kDirectory && (path.empty() || path.back() != '/')) path += '/';
  archive_entry_set_pathname(en, path.c_str());
  archive_entry_set_mtime(en, impl_->mtime, 0);
  archive_entry_set_uid(en, e.uid);
  archive_entry_set_gid(en, e.gid);
  switch (e.type) {
    case TarEntry::Type::kDirectory:
      archive_entry_set_filetype(en, AE_IFDIR);
      break;
    case TarEntry::Type::kFile:
      archive_entry_set_filetype(en, AE_IFREG);
      archive_entry_set_size(en, static_cast<la_int64_t>(size));
      break;
    case TarEntry::Type::kSymlink:
      archive_entry_set_filetype(en, AE_IFLNK);
      archive_entry_set_symlink(en, e.link_target.c_str());
      break;
  }
  archive_entry_set_perm(en, static_cast<mode_t>(e.mode & 07777));
  if (archive_write_header(a, en) != ARCHIVE_OK) {
    return ArchiveError(a, *impl_, "tar: writing the header of " + e.path);
  }
  if (e.type != TarEntry::Type::kFile) return OkStatus();
  if (e.source.empty()) {
    if (!e.content.empty() && archive_write_data(a, e.content.data(), e.content.size()) < 0) {
      return ArchiveError(a, *impl_, "tar: writing " + e.path);
    }
    return OkStatus();
  }
  std::ifstream in(e.source, std::ios::binary);
  if (!in) return NotFound(fmt::format("cannot open {}", e.source.string()));
  std::array<char, 256 * 1024> buf{};
  std::uintmax_t written = 0;
  while (in) {
    in.read(buf.data(), buf.size());
    const std::streamsize n = in.gcount();
    if (n <= 0) break;
    if (archive_write_data(a, buf.data(), static_cast<size_t>(n)) < 0) {
      return ArchiveError(a, *impl_, "tar: writing " + e.path);
    }
    written += static_cast<std::uintmax_t>(n);
  }
  if (written != size) {
    // The header already promised `size` bytes; a file that changed underneath us would make a
    // corrupt layer.
    return Internal(fmt::format("{} changed while it was archived ({} bytes expected, {} read)",
                                e.source.string(), size, written));
  }
  return OkStatus();
}

Status TarWriter::Close() {
  impl_->closed = true;
  if (archive_write_close(impl_->a) != ARCHIVE_OK) {
    return ArchiveError(impl_->a, *impl_, "tar: finishing the archive");
  }
  return OkStatus();
}

}  // namespace tfsk::image
