#pragma once
// The one seam through which tfsk runs other programs (minikube, kubectl, docker). Everything
// above it takes a `ProcessRunner&`; the real implementation (Boost.Process) lives in
// real_process_runner.cpp only, and tests use the scripted fake in tests/support/.

#include <chrono>
#include <map>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "lib/base/status.h"

namespace tfsk {

/// A command line: argv[0] is the program (a name looked up on PATH, or a path with a '/').
using Argv = std::vector<std::string>;

/// The exit code shells use for "command not found"; Run() reports that case as a NotFound
/// status instead of a result, but callers that print exit codes use this number for it.
inline constexpr int kExitCommandNotFound = 127;

/// How to run a command. The defaults inherit tfsk's environment and working directory.
struct RunOptions {
  /// Variables set (or replaced) in the child's environment. PATH set here is also the PATH used
  /// to find argv[0], so tests can put a stand-in first.
  std::map<std::string, std::string> env;
  /// Variables removed from the child's environment.
  std::vector<std::string> env_remove;
  /// Run() kills the child (and its process group) after this long; zero means no limit.
  std::chrono::milliseconds timeout{0};
  /// Working directory of the child; empty means tfsk's own.
  std::string cwd;
};

/// What a finished command left behind. `exit_code` is the program's exit status, or
/// 128 + signal number when a signal ended it (the shell convention).
struct ProcessResult {
  int exit_code = 0;
  std::string out;  ///< everything written to stdout
  std::string err;  ///< everything written to stderr
};

/// A long-lived child started by ProcessRunner::Start (a `minikube service --url` tunnel, a
/// dashboard proxy). It is an RAII owner: destroying it stops the child as Stop() does.
/// Not thread-safe: one thread uses a handle at a time (the reader threads inside are private).
class ChildProcess {
 public:
  virtual ~ChildProcess() = default;

  /// The next complete line the child wrote to stdout (without the newline), waiting at most
  /// `timeout`. Errors: DeadlineExceeded when no line came in time (the child keeps running);
  /// OutOfRange when stdout is closed and every line has been read (the child ended or closed it).
  virtual StatusOr<std::string> ReadLine(std::chrono::milliseconds timeout) = 0;

  /// Everything the child wrote to stderr so far (collected in the background, so a chatty
  /// child never blocks on a full pipe).
  virtual std::string StderrText() = 0;

  /// True while the child has not exited.
  virtual bool Running() = 0;

  /// Waits up to `timeout` for the child to exit on its own and returns its exit code
  /// (128 + signal when signalled); DeadlineExceeded if it is still running.
  virtual StatusOr<int> Wait(std::chrono::milliseconds timeout) = 0;

  /// Stops the child the way a user's Ctrl-C would: SIGINT to its process group, then after
  /// `grace` SIGTERM, then after another `grace` SIGKILL; once the child is gone, whatever it left
  /// in its process group (e.g. ssh tunnels) is killed too. Returns the exit code. Idempotent:
  /// on a child that has already ended it just returns the code.
  virtual int Stop(std::chrono::milliseconds grace = std::chrono::seconds(3)) = 0;

  /// The command line it was started with (for messages).
  virtual const Argv& argv() const = 0;
};

/// Runs programs. Implementations must be safe to call from several threads at once.
class ProcessRunner {
 public:
  virtual ~ProcessRunner() = default;

  /// Runs `argv` to completion, writing `stdin_text` to its stdin and then closing it, while
  /// reading stdout and stderr concurrently (no pipe deadlock whatever the sizes).
  /// Errors (the program did not run to completion; a non-zero exit is NOT an error here):
  /// NotFound "<prog>: command not found on PATH" when argv[0] cannot be found (exit 127 in a
  /// shell); DeadlineExceeded when `options.timeout` passed (the child's group is killed);
  /// InvalidArgument for an empty argv; Internal when spawning failed otherwise.
  virtual StatusOr<ProcessResult> Run(const Argv& argv, std::string_view stdin_text = {},
                                      const RunOptions& options = {}) = 0;

  /// Starts `argv` as a long-lived child with stdin closed, stdout readable line by line and
  /// stderr collected. `options.timeout` is ignored (the caller owns the lifetime).
  /// Errors as for Run() (NotFound, InvalidArgument, Internal).
  virtual StatusOr<std::unique_ptr<ChildProcess>> Start(const Argv& argv,
                                                        const RunOptions& options = {}) = 0;

  /// The full path `program` resolves to on PATH (or `program` itself if it contains a '/' and
  /// is executable); nullopt when it cannot be run.
  virtual std::optional<std::string> Which(std::string_view program) = 0;
};

/// The real runner (Boost.Process). It ignores SIGPIPE in tfsk's process so that a child which
/// exits without reading its stdin cannot kill tfsk; children get default signal handling back.
std::unique_ptr<ProcessRunner> MakeRealProcessRunner();

/// Where `program` would be found in the colon-separated `path_env` (PATH's format): the first
/// directory holding an executable regular file of that name. A `program` containing '/' is
/// checked as is. Pure apart from reading the file system; used by Which() and Run().
std::optional<std::string> FindProgram(std::string_view program, std::string_view path_env);

/// `argv` as one shell-like line for messages: words with spaces or quotes are single-quoted.
std::string FormatArgv(const Argv& argv);

/// The last `max_lines` non-empty lines of `text`, each prefixed by `indent` (for error messages
/// that show the tail of a command's stderr).
std::string TailLines(std::string_view text, std::size_t max_lines, std::string_view indent = "  ");

}  // namespace tfsk
