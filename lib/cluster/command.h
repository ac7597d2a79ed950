#pragma once
// Running one minikube/kubectl command through the ProcessRunner with tfsk's error policy:
// a missing tool gets its install hint, a non-zero exit becomes CommandFailure (argv, exit
// code, stderr tail, reason and fix from the catalogue).

#include <chrono>
#include <string_view>

#include "lib/base/status.h"
#include "lib/process/process_runner.h"

namespace tfsk::cluster {

/// `base` with `timeout` set (the env/cwd of `base` are kept).
RunOptions WithTimeout(const RunOptions& base, std::chrono::seconds timeout);

/// Runs argv; returns the result whatever the exit code. Only a program that could not run
/// (NotFound with install hint, DeadlineExceeded, Internal) is an error.
StatusOr<ProcessResult> RunAnyExit(ProcessRunner& runner, const Argv& argv,
                                   std::string_view stdin_text, const RunOptions& options);

/// Runs argv and requires exit 0; otherwise returns CommandFailure(argv, result).
StatusOr<ProcessResult> RunChecked(ProcessRunner& runner, const Argv& argv,
                                   std::string_view stdin_text, const RunOptions& options);

}  // namespace tfsk::cluster
