#include "serving/core/version_source.h"

#include <algorithm>
#include <map>
#include <system_error>

namespace tfsk::serving::core {

VersionSource::VersionSource(std::string model, std::filesystem::path base_path,
                             VersionPolicy policy, LogFn log)
    : model_(std::move(model)),
      base_path_(std::move(base_path)),
      policy_(std::move(policy)),
      log_(std::move(log)) {}

std::optional<std::vector<AspiredVersion>> VersionSource::Poll() {
  auto log = [&](const std::string& line) {
    if (log_) log_(line);
  };
  std::error_code ec;
  std::filesystem::directory_iterator it(base_path_, ec);
  if (ec) {
    // TF Serving's wording, so operators' log searches keep working.
    log("Could not find base path " + base_path_.string() + " for servable " + model_ +
        " with error " + ec.message());
    return std::nullopt;
  }
  // version -> folder; several spellings of one number ("7", "007") keep the smallest path so
  // the choice does not depend on listing order.
  std::map<std::int64_t, std::filesystem::path> folders;
  for (; it != std::filesystem::directory_iterator(); it.increment(ec)) {
    if (ec) break;
    // is_directory follows symlinks: a version may be a link to a folder elsewhere.
    std::error_code type_ec;
    if (!it->is_directory(type_ec)) continue;
    auto v = ParseVersionNumber(it->path().filename().string());
    if (!v) continue;
    auto [pos, inserted] = folders.emplace(*v, it->path());
    if (!inserted && it->path() < pos->second) pos->second = it->path();
  }
  std::vector<std::int64_t> present;
  for (const auto& [v, path] : folders) present.push_back(v);
  if (ec) {
    log("Could not list base path " + base_path_.string() + " for servable " + model_ + ": " +
        ec.message());
    return std::nullopt;
  }
  if (present.empty()) {
    log("No versions of servable " + model_ + " found under base path " + base_path_.string() +
        ". Did you forget to name your leaf directory as a number (eg. '/1/')?");
  }
  if (policy_.kind == VersionPolicy::Kind::kSpecific) {
    for (std::int64_t wanted : policy_.versions) {
      if (std::find(present.begin(), present.end(), wanted) == present.end()) {
        log("Version " + std::to_string(wanted) + " of servable " + model_ +
            " is requested by the version policy but not found under base path " +
            base_path_.string());
      }
    }
  }
  std::vector<AspiredVersion> out;
  for (std::int64_t v : AspiredVersions(policy_, present)) out.push_back({v, folders[v]});
  return out;
}

}  // namespace tfsk::serving::core
