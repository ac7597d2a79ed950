#include "lib/image/layer.h"

#include <fmt/format.h>

#include <algorithm>
#include <set>
#include <system_error>

#include "lib/image/gzip.h"
#include "lib/image/sha256.h"

namespace tfsk::image {
namespace {

Status CheckPath(const std::string& path) {
  if (path.empty() || path.front() == '/' || path.back() == '/') {
    return InvalidArgument(
        fmt::format("layer path '{}' must be relative, without a trailing /", path));
  }
  std::size_t start = 0;
  while (start <= path.size()) {
    std::size_t end = path.find('/', start);
    if (end == std::string::npos) end = path.size();
    const std::string part = path.substr(start, end - start);
    if (part.empty() || part == "." || part == "..") {
      return InvalidArgument(fmt::format("layer path '{}' has an empty, '.' or '..' part", path));
    }
    start = end + 1;
  }
  return OkStatus();
}

}  // namespace

StatusOr<std::vector<TarEntry>> CanonicalEntries(std::vector<TarEntry> entries) {
  std::set<std::string> paths;
  for (const auto& e : entries) {
    TFSK_RETURN_IF_ERROR(CheckPath(e.path));
    if (!paths.insert(e.path).second) {
      return InvalidArgument(fmt::format("layer path '{}' is listed twice", e.path));
    }
  }
  std::vector<TarEntry> parents;
  for (const auto& e : entries) {
    for (std::size_t slash = e.path.find('/'); slash != std::string::npos;
         slash = e.path.find('/', slash + 1)) {
      std::string parent = e.path.substr(0, slash);
      if (paths.insert(parent).second) {
        TarEntry dir;
        dir.type = TarEntry::Type::kDirectory;
        dir.path = parent;
        dir.mode = 0755;
        parents.push_back(dir);
      }
    }
  }
  for (auto& p : parents) entries.push_back(std::move(p));
  // Byte order of the paths: a parent ("usr") sorts before its children ("usr/bin"), which tar
  // readers need, and the order does not depend on the locale.
  std::sort(entries.begin(), entries.end(),
            [](const TarEntry& a, const TarEntry& b) { return a.path < b.path; });
  return entries;
}

StatusOr<LayerBlob> WriteLayer(std::vector<TarEntry> entries, std::int64_t mtime,
                               const std::filesystem::path& path) {
  TFSK_ASSIGN_OR_RETURN(std::vector<TarEntry> sorted, CanonicalEntries(std::move(entries)));
  BlobFileWriter file(path);
  GzipWriter gzip([&file](std::string_view chunk) { return file.Write(chunk); });
  Sha256 diff;
  std::int64_t tar_size = 0;
  TarWriter tar(
      [&](std::string_view chunk) {
        diff.Update(chunk);
        tar_size += static_cast<std::int64_t>(chunk.size());
        return gzip.Write(chunk);
      },
      mtime);
  for (const auto& e : sorted) TFSK_RETURN_IF_ERROR(tar.Add(e));
  TFSK_RETURN_IF_ERROR(tar.Close());
  TFSK_RETURN_IF_ERROR(gzip.Finish());
  LayerBlob layer;
  TFSK_ASSIGN_OR_RETURN(layer.blob, file.Finish(kLayerMediaType));
  layer.diff_id = DigestOf(diff.HexDigest());
  layer.uncompressed_size = tar_size;
  return layer;
}

StatusOr<std::vector<TarEntry>> TreeEntries(const std::filesystem::path& dir,
                                            const std::string& prefix) {
  namespace fs = std::filesystem;
  std::error_code ec;
  if (!fs::is_directory(dir, ec)) {
    return NotFound(fmt::format("'{}' is not a folder", dir.string()));
  }
  std::vector<TarEntry> entries;
  TarEntry top;
  top.type = TarEntry::Type::kDirectory;
  top.path = prefix;
  top.mode = 0755;
  entries.push_back(top);
  fs::recursive_directory_iterator it(dir, fs::directory_options::follow_directory_symlink, ec);
  if (ec) return Internal(fmt::format("cannot list {}: {}", dir.string(), ec.message()));
  for (; it != fs::recursive_directory_iterator(); it.increment(ec)) {
    if (ec) return Internal(fmt::format("cannot list {}: {}", dir.string(), ec.message()));
    const fs::path& p = it->path();
    const fs::file_status st = fs::status(p, ec);  // follows links
    TarEntry e;
    e.path = prefix + "/" + p.lexically_relative(dir).generic_string();
    if (ec || !fs::exists(st)) {
      return InvalidArgument(fmt::format("{} is a link that leads nowhere", p.string()));
    }
    if (fs::is_directory(st)) {
      e.type = TarEntry::Type::kDirectory;
      e.mode = 0755;
    } else if (fs::is_regular_file(st)) {
      e.type = TarEntry::Type::kFile;
      e.source = p;
      const bool exec = (st.permissions() & fs::perms::owner_exec) != fs::perms::none;
      e.mode = exec ? 0755 : 0644;
    } else {
      return InvalidArgument(fmt::format(
          "{} is neither a file nor a folder (socket, device or fifo); an image cannot hold it",
          p.string()));
    }
    entries.push_back(std::move(e));
  }
  return entries;
}

}  // namespace tfsk::image
