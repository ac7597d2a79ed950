// `tfsk dashboard`: the Kubernetes dashboard of the minikube profile, as in the lab — prints its
// URL and holds `minikube dashboard --url` (which runs the proxy) until Ctrl-C.
#include <CLI/CLI.hpp>

#include <memory>

#include "cli/app.h"
#include "cli/context.h"
#include "cli/target_args.h"
#include "lib/lifecycle/commands.h"

namespace tfsk::cli {
namespace {

struct DashboardArgs {
  TargetArgs target;
  lifecycle::CommandArgs cluster;
};

int RunDashboard(const DashboardArgs& o, Context& ctx) {
  auto r = ResolveTarget(o.target, "tfsk dashboard", /*prefer_local_state=*/false, ctx);
  if (!r) return ctx.exit_code;
  if (r->target.kind != lifecycle::TargetKind::kMinikube) {
    ctx.err << "tfsk dashboard: the dashboard is minikube's addon and the target is "
            << lifecycle::TargetName(r->target.kind)
            << "; on the local target watch `tfsk status` and `tfsk logs -f` instead, on another "
               "cluster run `kubectl proxy` with the dashboard installed there\n";
    return kExitUsage;
  }
  lifecycle::CommandArgs a = o.cluster;
  a.file = o.target.file;
  return lifecycle::MinikubeDashboardCommand(a, ctx.out, ctx.err);
}

}  // namespace

void SetupDashboard(CLI::App& parent, Context& ctx) {
  auto o = std::make_shared<DashboardArgs>();
  CLI::App* cmd = parent.add_subcommand(
      "dashboard", "Open minikube's Kubernetes dashboard (prints the URL, holds the proxy)");
  AddTargetArgs(cmd, o->target);
  cmd->add_flag("-v,--verbose", o->cluster.flags.verbose, "Print each command");
  cmd->callback([o, &ctx] { ctx.exit_code = RunDashboard(*o, ctx); });
}

}  // namespace tfsk::cli
