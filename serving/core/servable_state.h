#pragma once
// The life of one model version as the status API reports it (TF Serving's
// ServableState::ManagerState plus a health Status).

#include <cstdint>
#include <string_view>

#include "lib/base/status.h"

namespace tfsk::serving::core {

/// START -> LOADING -> AVAILABLE -> UNLOADING -> END; a failed load goes LOADING -> END with an
/// error health. UNKNOWN exists only because the status API can name it.
enum class ManagerState { kUnknown, kStart, kLoading, kAvailable, kUnloading, kEnd };

/// "UNKNOWN", "START", "LOADING", "AVAILABLE", "UNLOADING", "END" (status API spelling).
std::string_view StateName(ManagerState state);

/// One row of the status API: a version, where it is in its life, and its health (OK, or why the
/// load failed).
struct VersionStatus {
  std::int64_t version = 0;
  ManagerState state = ManagerState::kUnknown;
  Status health;

  friend bool operator==(const VersionStatus&, const VersionStatus&) = default;
};

}  // namespace tfsk::serving::core
