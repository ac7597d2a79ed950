#pragma once
// The local target: tfsk-serving as a background process on this machine, remembered in
// `.tfsk/local.json`. What `tfsk up/status/down --target local` do, minus argument parsing.

#include <chrono>
#include <filesystem>
#include <ostream>
#include <string>

#include "lib/base/status.h"
#include "lib/state/local_state.h"

namespace tfsk::local {

struct UpOptions {
  std::filesystem::path project;     ///< holds .tfsk/
  std::filesystem::path model_base;  ///< folder of numbered versions, absolute
  std::string model_name;
  int port = 8501;
  std::filesystem::path serving_binary;  ///< empty = FindServingBinary()
  std::chrono::milliseconds timeout{60000};  ///< until the model is AVAILABLE
  std::chrono::milliseconds progress_every{2000};
};

struct UpResult {
  std::string url;        ///< http://127.0.0.1:<port>/v1/models/<name>
  bool already_up = false;
  state::LocalState state;
};

/// Starts tfsk-serving (unless the same model is already up and AVAILABLE, which changes
/// nothing) and waits until GET /v1/models/<name> reports AVAILABLE, writing progress lines to
/// `progress`. A stale state file (process gone) is cleaned with a message. Errors:
/// NotFound (model folder, binary), FailedPrecondition (port busy, something else already up),
/// Unavailable (server exited during startup: the log tail is in the message),
/// DeadlineExceeded (not AVAILABLE in time; the server is stopped again).
StatusOr<UpResult> Up(const UpOptions& options, std::ostream& progress);

/// Stops the server recorded in .tfsk/local.json (SIGTERM to its group, SIGKILL after `grace`)
/// and removes the state. Nothing up: says so on `out`, OK.
Status Down(const std::filesystem::path& project, std::chrono::milliseconds grace, std::ostream& out);

/// Prints what runs locally (pid alive, URL, the model's state from the server, log path).
/// OK when nothing is up or the model is AVAILABLE; Unavailable when the process is gone (stale
/// state) or the model is not AVAILABLE.
Status PrintStatus(const std::filesystem::path& project, std::ostream& out);

/// Checks that `base` holds at least one `<number>/saved_model.pb`; NotFound explaining the
/// expected layout otherwise (also when `base` is itself a version folder).
Status CheckModelBase(const std::filesystem::path& base);

/// The last `lines` lines of `log` (for error messages), "" when unreadable.
std::string LogTail(const std::filesystem::path& log, int lines);

}  // namespace tfsk::local
