#pragma once
// Lists a model's base path and computes the aspired versions (TF Serving's
// FileSystemStoragePathSource, one model at a time). The manager owns one per model and calls
// Poll() on its polling thread; tests call Poll() directly.

#include <cstdint>
#include <filesystem>
#include <functional>
#include <optional>
#include <string>
#include <vector>

#include "serving/core/version_policy.h"

namespace tfsk::serving::core {

/// Receives one log line (without trailing newline). Must be thread-safe if shared.
using LogFn = std::function<void(const std::string&)>;

/// One aspired version and the folder it loads from.
struct AspiredVersion {
  std::int64_t version = 0;
  std::filesystem::path path;
  friend bool operator==(const AspiredVersion&, const AspiredVersion&) = default;
};

/// Not thread-safe: one owner calls Poll(). Cheap to construct (no I/O).
class VersionSource {
 public:
  VersionSource(std::string model, std::filesystem::path base_path, VersionPolicy policy, LogFn log);

  /// Lists the base path's immediate children named as int64 numbers (directories or symlinks to
  /// them) and returns the aspired ones, ascending. Returns nullopt when the base path cannot be
  /// listed ("Could not find base path ..." is logged): the manager then keeps what it has, as
  /// TF Serving does when a poll fails. An empty vector means "nothing aspired" (also logged:
  /// "No versions of servable ... found"), which unloads whatever was served.
  std::optional<std::vector<AspiredVersion>> Poll();

  const std::string& model() const { return model_; }
  const std::filesystem::path& base_path() const { return base_path_; }
  const VersionPolicy& policy() const { return policy_; }

 private:
  std::string model_;
  std::filesystem::path base_path_;
  VersionPolicy policy_;
  LogFn log_;
};

}  // namespace tfsk::serving::core
