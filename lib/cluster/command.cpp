#include "lib/cluster/command.h"

#include "lib/cluster/reasons.h"

namespace tfsk::cluster {

RunOptions WithTimeout(const RunOptions& base, std::chrono::seconds timeout) {
  RunOptions options = base;
  options.timeout = timeout;
  return options;
}

StatusOr<ProcessResult> RunAnyExit(ProcessRunner& runner, const Argv& argv,
                                   std::string_view stdin_text, const RunOptions& options) {
  auto result = runner.Run(argv, stdin_text, options);
  if (!result.ok()) return WithInstallHint(result.status(), argv.empty() ? "" : argv[0]);
  return result;
}

StatusOr<ProcessResult> RunChecked(ProcessRunner& runner, const Argv& argv,
                                   std::string_view stdin_text, const RunOptions& options) {
  TFSK_ASSIGN_OR_RETURN(ProcessResult result, RunAnyExit(runner, argv, stdin_text, options));
  if (result.exit_code != 0) return CommandFailure(argv, result);
  return result;
}

}  // namespace tfsk::cluster
