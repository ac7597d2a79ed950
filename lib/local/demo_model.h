#pragma once
// The model `tfsk up` serves when there is neither a tfsk.yaml nor --model: half_plus_two,
// written by our own SavedModel writer into .tfsk/models/half_plus_two/1 once.

#include <filesystem>

#include "lib/base/status.h"

namespace tfsk::local {

inline constexpr const char* kDemoModelName = "half_plus_two";

/// Writes .tfsk/models/half_plus_two/1 under `project` unless a saved_model.pb is already there;
/// returns the base path (.tfsk/models/half_plus_two, absolute). `wrote` tells which happened.
StatusOr<std::filesystem::path> EnsureDemoModel(const std::filesystem::path& project, bool* wrote);

}  // namespace tfsk::local
