#include "lib/lifecycle/session.h"

#include <unistd.h>

#include <iostream>

#include <fmt/format.h>

#include <algorithm>

#include "lib/http/client.h"

namespace tfsk::lifecycle {
namespace {

Verbosity VerbosityOf(const SessionFlags& f) {
  if (f.quiet) return Verbosity::kQuiet;
  return (f.verbose || f.dry_run) ? Verbosity::kVerbose : Verbosity::kNormal;
}

bool Has(const Argv& argv, std::string_view word) {
  return std::find(argv.begin(), argv.end(), word) != argv.end();
}

}  // namespace

bool ChangesSomething(const Argv& argv) {
  if (argv.empty()) return false;
  const std::string prog = argv[0].substr(argv[0].rfind('/') + 1);
  if (prog == "minikube") {
    return Has(argv, "start") || Has(argv, "stop") || Has(argv, "delete") || Has(argv, "enable") ||
           Has(argv, "load");
  }
  if (prog == "kubectl") {
    // rollout status only waits, but on a dry run there is nothing to wait for. A server-side
    // dry run changes nothing, so `tfsk up --dry-run` runs it and reports the server's verdict.
    if (Has(argv, "--dry-run=server")) return false;
    return Has(argv, "apply") || Has(argv, "delete") || Has(argv, "rollout");
  }
  return false;
}

Session::Session(const config::Config& config, std::ostream& out, const SessionFlags& flags)
    : flags_(flags),
      watcher_(flags.watch_interrupts ? std::make_unique<InterruptWatcher>() : nullptr),
      real_(MakeRealProcessRunner()),
      progress_(out, VerbosityOf(flags)),
      observed_(std::make_unique<ObservedProcessRunner>(
          *real_,
          [this] {
            ProcessObserver o;
            o.before = [this](const Argv& argv, bool is_start) {
              if (flags_.dry_run && ChangesSomething(argv)) {
                progress_.Note("would run: " + FormatArgv(argv));
              } else {
                progress_.Detail(std::string(is_start ? "start: " : "run: ") + FormatArgv(argv));
              }
            };
            o.after = [this](const Argv& argv, const StatusOr<ProcessResult>& r,
                             std::chrono::milliseconds took) {
              commands_ms_ += took.count();
              progress_.Detail(fmt::format("  {} -> {} ({} ms)", argv.empty() ? "" : argv[0],
                                           r.ok() ? fmt::format("exit {}", r->exit_code)
                                                  : r.status().message().substr(0, 80),
                                           took.count()));
            };
            if (flags_.dry_run) {
              o.replace = [](const Argv& argv) -> std::optional<ProcessResult> {
                if (ChangesSomething(argv)) return ProcessResult{};
                return std::nullopt;
              };
            }
            return o;
          }())),
      minikube_(*observed_, config.cluster.profile),
      kubectl_(*observed_, KubeTargetOf(config)),
      drivers_{*observed_, minikube_, kubectl_} {
  options_.dry_run = flags.dry_run;
  options_.http_get = [](const std::string& url) -> StatusOr<std::pair<int, std::string>> {
    http::RequestOptions o;
    o.timeout = std::chrono::seconds(5);
    TFSK_ASSIGN_OR_RETURN(http::HttpResult r, http::Request("GET", url, "", {}, o));
    return std::make_pair(r.status, r.body);
  };
  if (watcher_) {
    InterruptWatcher* w = watcher_.get();
    options_.interrupted = [w] { return w->interrupted(); };
  }
  // Only on a terminal, and only when `out` is that terminal (tests pass string streams).
  if (flags.spinner && &out == &std::cerr && ::isatty(STDERR_FILENO) == 1 && !flags.verbose) {
    progress_.StartSpinner();
  }
}

Session::~Session() {
  progress_.StopSpinner();
  // --verbose: how much of the wait was tfsk and how much the tools it ran (an up-to-date
  // `tfsk up` is almost all kubectl's discovery and apply).
  const auto total_ms = static_cast<long long>(progress_.Elapsed() * 1000);
  progress_.Detail(
      fmt::format("time: {} ms in all, {} ms in minikube/kubectl, {} ms in tfsk itself", total_ms,
                  commands_ms_.load(), std::max(0LL, total_ms - commands_ms_.load())));
}

}  // namespace tfsk::lifecycle
