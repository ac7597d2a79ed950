#pragma once
// Starting and stopping tfsk-serving as a background server. tfsk-serving is our own binary and
// must outlive the `tfsk up` that started it, which the ProcessRunner seam (children tied to
// the invoking command, stopped on Ctrl-C) is deliberately not for; so this one file forks and
// execs directly.

#include <sys/types.h>

#include <chrono>
#include <filesystem>
#include <string>
#include <vector>

#include "lib/base/status.h"

namespace tfsk::local {

/// Starts `argv` (argv[0] = absolute path of the program) in a new session (setsid: its own
/// process group, no controlling terminal, so Ctrl-C in the shell does not reach it), stdin from
/// /dev/null, stdout and stderr appended to `log`. Returns the pid (= process group id) once
/// the exec succeeded. Errors: Internal naming the program and the errno text (e.g. exec
/// failed, log not writable).
StatusOr<pid_t> SpawnDaemon(const std::vector<std::string>& argv, const std::filesystem::path& log);

/// True when `pid` exists and is not a zombie. Reaps it first if it is our own exited child.
bool ProcessAlive(pid_t pid);

/// True when `pid` is alive and its command line mentions `name` (guards against a recycled pid
/// now belonging to another program).
bool ProcessLooksLike(pid_t pid, const std::string& name);

/// SIGTERM to process group `pgid`, then SIGKILL to the group if `pgid` is still alive after
/// `grace`. Returns true when SIGKILL was needed. No error when the group is already gone.
bool StopProcessGroup(pid_t pgid, std::chrono::milliseconds grace);

}  // namespace tfsk::local
