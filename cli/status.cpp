// `tfsk status`: what runs where (local target: pid, URL, the model's state from the server).
#include <CLI/CLI.hpp>

#include <memory>

#include "cli/app.h"
#include "cli/context.h"
#include "cli/target_args.h"
#include "lib/lifecycle/commands.h"
#include "lib/local/local_target.h"

namespace tfsk::cli {
namespace {

int RunStatus(const TargetArgs& o, const lifecycle::CommandArgs& cluster, Context& ctx) {
  auto r = ResolveTarget(o, "tfsk status", /*prefer_local_state=*/true, ctx);
  if (!r) return ctx.exit_code;
  if (r->target.kind == lifecycle::TargetKind::kMinikube) {
    lifecycle::CommandArgs a = cluster;
    a.file = o.file;
    return lifecycle::MinikubeStatusCommand(a, ctx.out, ctx.err);
  }
  if (r->target.kind == lifecycle::TargetKind::kKube) {
    lifecycle::CommandArgs a = cluster;
    a.file = o.file;
    return lifecycle::KubeStatusCommand(a, ctx.out, ctx.err);
  }
  Status s = local::PrintStatus(r->project, ctx.out);
  if (!s.ok()) {
    ctx.err << "tfsk status: " << s.message() << "\n";
    return kExitServer;
  }
  return kExitOk;
}

}  // namespace

void SetupStatus(CLI::App& parent, Context& ctx) {
  auto o = std::make_shared<TargetArgs>();
  CLI::App* cmd = parent.add_subcommand(
      "status", "Show the deployment, pods, autoscaler and the model's own status");
  AddTargetArgs(cmd, *o);
  auto cluster = std::make_shared<lifecycle::CommandArgs>();
  cmd->add_option("-o,--output", cluster->output, "minikube: text or json")
      ->check(CLI::IsMember({"text", "json"}));
  cmd->add_flag("-v,--verbose", cluster->flags.verbose, "minikube: print each command");
  cmd->callback([o, cluster, &ctx] { ctx.exit_code = RunStatus(*o, *cluster, ctx); });
}

}  // namespace tfsk::cli
