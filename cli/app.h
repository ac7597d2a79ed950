#pragma once
// Wiring of the `tfsk` command line: every subcommand registers itself here, and Main is the only
// place that turns errors into exit codes.

#include <ostream>
#include <string>
#include <vector>

namespace tfsk::cli {

/// Exit codes, grouped by where the failure came from (see docs/commands.md).
enum ExitCode : int {
  kExitOk = 0,
  kExitFailure = 1,  ///< the command ran and failed (e.g. a predict answered with an error)
  kExitUsage = 2,    ///< bad command line: unknown subcommand or flag, bad value
  kExitConfig = 3,   ///< invalid tfsk.yaml or environment
  kExitCluster = 4,  ///< minikube / kubectl / cluster failure
  kExitServer = 5,   ///< the model server failed
  kExitNotImplemented = 70,  ///< a planned subcommand this build does not provide yet
};

/// Parses argv, runs the chosen subcommand and returns the process exit code. Writes normal
/// output to `out` and diagnostics to `err`.
int Run(const std::vector<std::string>& args, std::ostream& out, std::ostream& err);

/// main() of the tfsk binary.
int Main(int argc, char** argv);

}  // namespace tfsk::cli
