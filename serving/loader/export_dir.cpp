#include "serving/loader/export_dir.h"

#include <charconv>
#include <string>

namespace tfsk::serving::loader {
namespace {

bool HoldsSavedModel(const std::filesystem::path& dir) {
  std::error_code ec;
  return std::filesystem::is_regular_file(dir / "saved_model.pb", ec) ||
         std::filesystem::is_regular_file(dir / "saved_model.pbtxt", ec);
}

std::optional<std::int64_t> VersionNumber(const std::string& name) {
  std::int64_t v = 0;
  auto [ptr, ec] = std::from_chars(name.data(), name.data() + name.size(), v);
  if (ec != std::errc() || ptr != name.data() + name.size() || name.empty() || v < 0) {
    return std::nullopt;
  }
  return v;
}

}  // namespace

StatusOr<ResolvedModelDir> ResolveModelDir(const std::filesystem::path& path) {
  std::error_code ec;
  auto abs = std::filesystem::absolute(path, ec).lexically_normal();
  if (abs.has_filename() == false) abs = abs.parent_path();
  if (!std::filesystem::is_directory(abs, ec)) {
    return NotFound("model folder " + path.string() + " does not exist");
  }
  if (HoldsSavedModel(abs)) {
    return ResolvedModelDir{abs, abs.parent_path(), VersionNumber(abs.filename().string())};
  }
  std::optional<std::int64_t> best;
  for (const auto& entry : std::filesystem::directory_iterator(abs, ec)) {
    if (!entry.is_directory()) continue;
    auto v = VersionNumber(entry.path().filename().string());
    if (v && HoldsSavedModel(entry.path()) && (!best || *v > *best)) best = v;
  }
  if (!best) {
    return NotFound("no SavedModel in " + path.string() +
                    ": expected saved_model.pb there or in a numbered version folder, e.g. " +
                    (path / "1" / "saved_model.pb").string());
  }
  for (const auto& entry : std::filesystem::directory_iterator(abs, ec)) {
    if (entry.is_directory() && VersionNumber(entry.path().filename().string()) == best) {
      return ResolvedModelDir{entry.path(), abs, best};
    }
  }
  return NotFound("model folder " + path.string() + " changed while reading it");
}

}  // namespace tfsk::serving::loader
