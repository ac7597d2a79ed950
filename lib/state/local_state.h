#pragma once
// `.tfsk/local.json`: the background tfsk-serving `tfsk up --target local` started.

#include <cstdint>
#include <filesystem>
#include <optional>
#include <string>

#include "lib/base/status.h"

namespace tfsk::state {

struct LocalState {
  std::int64_t pid = 0;        ///< also the process group id (the server runs under setsid)
  int port = 0;                ///< REST port on 127.0.0.1
  std::string model_name;
  std::string model_path;      ///< base path (folder of numbered versions), absolute
  std::string log_path;        ///< absolute
  std::string started_at;      ///< UTC, ISO 8601
  friend bool operator==(const LocalState&, const LocalState&) = default;
};

/// `<project>/.tfsk/local.json`.
std::filesystem::path LocalStatePath(const std::filesystem::path& project);

std::string LocalStateToJson(const LocalState& s);
/// DataLoss naming `label` when the text is not a JSON object with the fields above.
StatusOr<LocalState> LocalStateFromJson(const std::string& json, const std::string& label);

/// Reads the state; nullopt when there is none. Errors: DataLoss for a corrupt file.
StatusOr<std::optional<LocalState>> LoadLocalState(const std::filesystem::path& project);
Status SaveLocalState(const std::filesystem::path& project, const LocalState& s);
/// Removes the file (no error when it is already gone).
Status ClearLocalState(const std::filesystem::path& project);

}  // namespace tfsk::state
