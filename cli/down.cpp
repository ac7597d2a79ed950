// `tfsk down`: stop what `tfsk up` started (local target: the background tfsk-serving).
#include <CLI/CLI.hpp>

#include <memory>

#include "cli/app.h"
#include "cli/context.h"
#include "cli/target_args.h"
#include "lib/lifecycle/commands.h"
#include "lib/local/local_target.h"

namespace tfsk::cli {
namespace {

struct DownOptions {
  TargetArgs target;
  int grace_seconds = 10;
  lifecycle::CommandArgs cluster;  ///< minikube: --stop-cluster, --quiet, --verbose, --dry-run
};

int RunDown(const DownOptions& o, Context& ctx) {
  auto r = ResolveTarget(o.target, "tfsk down", /*prefer_local_state=*/true, ctx);
  if (!r) return ctx.exit_code;
  if (r->target.kind == lifecycle::TargetKind::kMinikube) {
    lifecycle::CommandArgs a = o.cluster;
    a.file = o.target.file;
    return lifecycle::MinikubeDownCommand(a, ctx.out, ctx.err);
  }
  if (r->target.kind == lifecycle::TargetKind::kKube) {
    lifecycle::CommandArgs a = o.cluster;
    a.file = o.target.file;
    return lifecycle::KubeDownCommand(a, ctx.out, ctx.err);
  }
  Status s = local::Down(r->project, std::chrono::seconds(o.grace_seconds), ctx.out);
  if (!s.ok()) {
    ctx.err << "tfsk down: " << s.message() << "\n";
    return kExitFailure;
  }
  return kExitOk;
}

}  // namespace

void SetupDown(CLI::App& parent, Context& ctx) {
  auto o = std::make_shared<DownOptions>();
  CLI::App* cmd =
      parent.add_subcommand("down", "Delete what tfsk deployed (optionally stop the cluster)");
  AddTargetArgs(cmd, o->target);
  cmd->add_option("--grace", o->grace_seconds, "Seconds between SIGTERM and SIGKILL (local)")
      ->capture_default_str()->check(CLI::NonNegativeNumber);
  cmd->add_flag("--stop-cluster", o->cluster.stop_cluster, "minikube: also stop the profile");
  cmd->add_flag("-q,--quiet", o->cluster.flags.quiet, "minikube: only notes and errors");
  cmd->add_flag("-v,--verbose", o->cluster.flags.verbose, "minikube: print each command");
  cmd->add_flag("--dry-run", o->cluster.flags.dry_run, "minikube: print the deletes instead of running them");
  cmd->callback([o, &ctx] { ctx.exit_code = RunDown(*o, ctx); });
}

}  // namespace tfsk::cli
