#pragma once
// `tfsk logs` on the local target: the server's log file recorded in .tfsk/local.json, like
// `kubectl logs` on a cluster — the last lines, optionally followed as the server writes more.

#include <filesystem>
#include <functional>
#include <ostream>

#include "lib/base/status.h"

namespace tfsk::local {

struct LogsOptions {
  int tail = 100;       ///< last lines to print; < 0 = the whole file
  bool follow = false;  ///< keep printing new lines until `stop` says so
  /// Polled between reads while following (Ctrl-C); follow stops when it returns true.
  std::function<bool()> stop = [] { return false; };
  std::chrono::milliseconds poll{200};
};

/// Prints the tail of `log` to `out` and, with `follow`, new lines as they are appended (a
/// truncated or replaced file — a new `tfsk up` — is read again from its start).
/// Errors: NotFound when the log file does not exist (with the command that creates it).
Status PrintLog(const std::filesystem::path& log, const LogsOptions& options, std::ostream& out);

/// The log of what `tfsk up --target local` started in `project`. FailedPrecondition with
/// "run tfsk up" when nothing was started there.
Status PrintProjectLog(const std::filesystem::path& project, const LogsOptions& options,
                       std::ostream& out);

}  // namespace tfsk::local
