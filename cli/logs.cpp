// `tfsk logs [-f]`: the model server's log — the pods' on a cluster (kubectl logs), the
// background tfsk-serving's log file on the local target.
#include <CLI/CLI.hpp>

#include <memory>

#include "cli/app.h"
#include "cli/context.h"
#include "cli/target_args.h"
#include "lib/lifecycle/commands.h"
#include "lib/local/local_logs.h"
#include "lib/process/interrupt_watcher.h"

namespace tfsk::cli {
namespace {

struct LogsArgs {
  TargetArgs target;
  lifecycle::CommandArgs cluster;  ///< tail, follow, --verbose
};

int RunLogs(const LogsArgs& o, Context& ctx) {
  auto r = ResolveTarget(o.target, "tfsk logs", /*prefer_local_state=*/true, ctx);
  if (!r) return ctx.exit_code;
  if (r->target.kind == lifecycle::TargetKind::kMinikube) {
    lifecycle::CommandArgs a = o.cluster;
    a.file = o.target.file;
    return lifecycle::ClusterLogsCommand(a, ctx.out, ctx.err);
  }
  if (r->target.kind == lifecycle::TargetKind::kKube) {
    lifecycle::CommandArgs a = o.cluster;
    a.file = o.target.file;
    return lifecycle::KubeLogsCommand(a, ctx.out, ctx.err);
  }
  local::LogsOptions logs;
  logs.tail = o.cluster.tail;
  logs.follow = o.cluster.follow;
  std::unique_ptr<InterruptWatcher> watcher;
  if (logs.follow) {
    watcher = std::make_unique<InterruptWatcher>();
    logs.stop = [w = watcher.get()] { return w->interrupted(); };
  }
  Status s = local::PrintProjectLog(r->project, logs, ctx.out);
  if (!s.ok()) {
    ctx.err << "tfsk logs: " << s.message() << "\n";
    return kExitFailure;
  }
  return kExitOk;
}

}  // namespace

void SetupLogs(CLI::App& parent, Context& ctx) {
  auto o = std::make_shared<LogsArgs>();
  CLI::App* cmd = parent.add_subcommand("logs", "Print the model server's log (-f to follow it)");
  AddTargetArgs(cmd, o->target, /*short_file_flag=*/false);
  cmd->add_option("--tail", o->cluster.tail, "Last lines to show (per pod on a cluster; -1 = all)")
      ->capture_default_str();
  cmd->add_flag("-f,--follow", o->cluster.follow, "Keep printing new lines until Ctrl-C");
  cmd->add_flag("-v,--verbose", o->cluster.flags.verbose, "cluster: print each command");
  cmd->callback([o, &ctx] { ctx.exit_code = RunLogs(*o, ctx); });
}

}  // namespace tfsk::cli
