#pragma once
// Finding the SavedModel a user means: a version folder (holding saved_model.pb) or a model base
// folder (holding numbered version folders, as TF Serving expects).

#include <cstdint>
#include <filesystem>
#include <optional>

#include "lib/base/status.h"

namespace tfsk::serving::loader {

struct ResolvedModelDir {
  std::filesystem::path export_dir;  ///< the folder holding saved_model.pb
  std::filesystem::path base_path;   ///< the folder of numbered versions (its parent when known)
  std::optional<std::int64_t> version;  ///< the version number when the folder name is one
};

/// `path` itself when it holds saved_model.pb(txt), otherwise its highest numbered child that
/// does. NOT_FOUND names the path and shows the expected layout.
StatusOr<ResolvedModelDir> ResolveModelDir(const std::filesystem::path& path);

}  // namespace tfsk::serving::loader
