#pragma once
// The `.tfsk/` folder in the project directory: what tfsk remembers between commands (the local
// server's pid and port, the demo model it wrote). Files are replaced atomically so a crash or a
// concurrent reader never sees half a file.

#include <filesystem>
#include <string>

#include "lib/base/status.h"

namespace tfsk::state {

/// `<project>/.tfsk`.
std::filesystem::path StateDir(const std::filesystem::path& project);

/// Writes `content` to `path` via `<path>.tmp.<pid>` + fsync + rename, creating parent folders.
/// Errors: Internal naming the file.
Status WriteFileAtomic(const std::filesystem::path& path, const std::string& content);

/// The whole file; NotFound when absent, Internal when unreadable.
StatusOr<std::string> ReadWholeFile(const std::filesystem::path& path);

}  // namespace tfsk::state
