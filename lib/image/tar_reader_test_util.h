#pragma once
// Reads a tar (plain or gzipped) back with libarchive, for the image tests.

#include <archive.h>
#include <archive_entry.h>

#include <cstdint>
#include <filesystem>
#include <fstream>
#include <iterator>
#include <string>
#include <vector>

namespace tfsk::image::testing {

struct ReadEntry {
  std::string path;
  int type = 0;  ///< AE_IFREG, AE_IFDIR, AE_IFLNK
  int mode = 0;  ///< permission bits
  std::int64_t uid = 0, gid = 0, mtime = 0;
  std::string content;
  bool has_atime = false;
  std::string uname;
};

/// The whole file ("" when it cannot be read).
inline std::string Slurp(const std::filesystem::path& p) {
  std::ifstream in(p, std::ios::binary);
  return std::string(std::istreambuf_iterator<char>(in), std::istreambuf_iterator<char>());
}

/// Every entry of the tar in `bytes` (gzip is detected); empty on a read error.
inline std::vector<ReadEntry> ReadTar(const std::string& bytes) {
  std::vector<ReadEntry> out;
  archive* a = archive_read_new();
  archive_read_support_filter_gzip(a);
  archive_read_support_filter_none(a);
  archive_read_support_format_tar(a);
  if (archive_read_open_memory(a, bytes.data(), bytes.size()) != ARCHIVE_OK) {
    archive_read_free(a);
    return out;
  }
  archive_entry* en = nullptr;
  while (archive_read_next_header(a, &en) == ARCHIVE_OK) {
    ReadEntry e;
    e.path = archive_entry_pathname(en);
    e.type = static_cast<int>(archive_entry_filetype(en));
    e.mode = static_cast<int>(archive_entry_perm(en));
    e.uid = archive_entry_uid(en);
    e.gid = archive_entry_gid(en);
    e.mtime = archive_entry_mtime(en);
    e.has_atime = archive_entry_atime_is_set(en) != 0;
    const char* un = archive_entry_uname(en);
    e.uname = un != nullptr ? un : "";
    char buf[8192];
    la_ssize_t n = 0;
    while ((n = archive_read_data(a, buf, sizeof(buf))) > 0) e.content.append(buf, n);
    out.push_back(e);
  }
  archive_read_free(a);
  return out;
}

}  // namespace tfsk::image::testing
