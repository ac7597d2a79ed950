#pragma once
// A ProcessRunner decorator that tells an observer about every command: for `--verbose`
// (print each command and how long it took) and `--dry-run` (print what would run and, for
// commands that change things, answer without running them).

#include <chrono>
#include <functional>
#include <string>

#include "lib/process/process_runner.h"

namespace tfsk {

/// Callbacks; any may be empty. They run on the calling thread, before/after the command.
struct ProcessObserver {
  /// Before Run()/Start(): the command line (and whether it is a long-lived Start()).
  std::function<void(const Argv& argv, bool is_start)> before;
  /// After Run(): the outcome and the wall time it took.
  std::function<void(const Argv& argv, const StatusOr<ProcessResult>& result,
                     std::chrono::milliseconds took)>
      after;
  /// Dry run: return a result to use *instead of* running argv, or nullopt to run it for real
  /// (reads such as `minikube status` usually still run).
  std::function<std::optional<ProcessResult>(const Argv& argv)> replace;
};

/// Forwards to `inner` (which must outlive it), calling `observer` around each command.
/// Thread-safety: as `inner`, provided the callbacks are thread-safe.
class ObservedProcessRunner : public ProcessRunner {
 public:
  ObservedProcessRunner(ProcessRunner& inner, ProcessObserver observer)
      : inner_(inner), observer_(std::move(observer)) {}

  StatusOr<ProcessResult> Run(const Argv& argv, std::string_view stdin_text,
                              const RunOptions& options) override;
  StatusOr<std::unique_ptr<ChildProcess>> Start(const Argv& argv,
                                                const RunOptions& options) override;
  std::optional<std::string> Which(std::string_view program) override {
    return inner_.Which(program);
  }

 private:
  ProcessRunner& inner_;
  ProcessObserver observer_;
};

}  // namespace tfsk
