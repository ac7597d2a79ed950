#pragma once
// One lifecycle command's wiring for the CLI: the real runner wrapped in the observed decorator
// (--verbose prints each command and its time, --dry-run prints what would change things and
// answers for it), the minikube/kubectl drivers for the project's profile and context, the
// progress printer, and Ctrl-C (InterruptWatcher: children get SIGINT, loops stop at their next
// turn, the state file is only ever replaced whole).

#include <atomic>
#include <memory>
#include <ostream>

#include "lib/cluster/kubectl.h"
#include "lib/cluster/minikube.h"
#include "lib/config/config.h"
#include "lib/lifecycle/minikube_env.h"
#include "lib/lifecycle/progress.h"
#include "lib/process/interrupt_watcher.h"
#include "lib/process/observed_process_runner.h"

namespace tfsk::lifecycle {

struct SessionFlags {
  bool quiet = false;
  bool verbose = false;
  bool dry_run = false;
  /// Install an InterruptWatcher (the long commands: up, down). Doctor/status need none.
  bool watch_interrupts = false;
  /// A spinner under the step lines while a step runs (up, down), when stderr is a terminal.
  bool spinner = false;
};

/// True for the commands --dry-run must not run: they change the cluster or the machine.
bool ChangesSomething(const Argv& argv);

/// Owns everything a lifecycle step needs. Not copyable; one per command invocation.
class Session {
 public:
  Session(const config::Config& config, std::ostream& out, const SessionFlags& flags);
  /// With --verbose, prints the time spent in tfsk itself and in the commands it ran.
  ~Session();
  Session(const Session&) = delete;
  Session& operator=(const Session&) = delete;

  MinikubeDrivers& drivers() { return drivers_; }
  Progress& progress() { return progress_; }
  LifecycleOptions& options() { return options_; }
  bool dry_run() const { return flags_.dry_run; }

 private:
  SessionFlags flags_;
  std::unique_ptr<InterruptWatcher> watcher_;
  std::unique_ptr<ProcessRunner> real_;
  Progress progress_;
  std::unique_ptr<ObservedProcessRunner> observed_;
  cluster::Minikube minikube_;
  cluster::Kubectl kubectl_;
  MinikubeDrivers drivers_;
  LifecycleOptions options_;
  std::atomic<long long> commands_ms_{0};  ///< wall time of Run() calls (they may overlap)
};

}  // namespace tfsk::lifecycle
