#pragma once
// The error catalogue: known minikube/kubectl failures (exit codes and stderr patterns from
// k8s-tools.md §1.3, §2 and the ten usual problems of §4) mapped to a reason ID, the exit-code
// group tfsk exits with, why it happened and the command that fixes it. docs/troubleshooting.md
// lists the same table for users.

#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "lib/base/status.h"
#include "lib/process/process_runner.h"

namespace tfsk::cluster {

/// Which of tfsk's exit codes a failure belongs to (the values of cli/app.h's ExitCode).
enum class ExitGroup : int { kUsage = 2, kConfig = 3, kCluster = 4 };

/// One known failure.
struct Reason {
  std::string_view id;        ///< stable ID, minikube's own where it has one: "GUEST_MOUNT_CONFLICT"
  std::string_view tool;      ///< "minikube" or "kubectl" (matched against argv[0]'s file name), "" = any
  int exit_code;              ///< the tool's exit code that identifies it, or -1 for any non-zero
  std::string_view patterns;  ///< '|'-separated substrings of stderr/stdout; "" = exit code alone
  Code code;                  ///< the Status code callers see
  ExitGroup group;
  std::string_view why;       ///< what went wrong, in the user's terms
  std::string_view fix;       ///< the command(s) that fix it; {profile} {context} {namespace}
                              ///< are filled from the failed argv
};

/// Every entry, most specific first (the order MatchReason tries them in).
const std::vector<Reason>& Catalogue();

/// The first catalogue entry for this tool whose exit code and any pattern match; nullptr if none.
const Reason* MatchReason(const Argv& argv, int exit_code, std::string_view out,
                          std::string_view err);

/// The entry with this ID, or nullptr.
const Reason* FindReason(std::string_view id);

/// `reason.fix` with {profile}, {context}, {namespace} taken from argv (`-p`/`--profile`,
/// `--context`, `--namespace`/`-n`); a placeholder with no value in argv stays as written.
std::string FixFor(const Reason& reason, const Argv& argv);

/// The error for a command that ran and failed (non-zero exit). The message names the command,
/// its exit code, the reason if one matches ("… [GUEST_MOUNT_CONFLICT]"), the last lines of
/// stderr (or stdout when stderr is empty: minikube prints some failures there), and "fix: …".
/// The Status code is the reason's, or Unknown.
Status CommandFailure(const Argv& argv, const ProcessResult& result);

/// Adds the install hint to the runner's NotFound for a missing minikube/kubectl (any other
/// status is returned unchanged).
Status WithInstallHint(const Status& status, std::string_view program);

/// The reason ID inside a message built by CommandFailure ("[ID]" at the end of its first line).
std::optional<std::string> ReasonIdIn(const Status& status);

/// The fix inside a message built by CommandFailure or WithInstallHint (the text after its last
/// "\n  fix: "), or "" when it carries none.
std::string FixIn(const Status& status);

/// The exit-code group for a status from this layer: the reason's group if it carries one,
/// otherwise kCluster.
ExitGroup ExitGroupOf(const Status& status);

/// Advice for a pod/container/HPA reason or message seen while waiting (CrashLoopBackOff,
/// ImagePullBackOff, OOMKilled, FailedMount "hostPath type check failed", "missing request for
/// cpu", ...): "" when there is nothing specific to say. `text` may be a reason or a message.
std::string_view AdviceForWorkloadProblem(std::string_view text);

}  // namespace tfsk::cluster
