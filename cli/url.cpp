// `tfsk url`: the model's URL on minikube; holds the tunnel when this host needs one.
#include <CLI/CLI.hpp>

#include "cli/app.h"
#include "cli/context.h"
#include "lib/lifecycle/commands.h"

namespace tfsk::cli {

void SetupUrl(CLI::App& parent, Context& ctx) {
  auto o = std::make_shared<lifecycle::CommandArgs>();
  CLI::App* cmd = parent.add_subcommand(
      "url", "Print the deployed model's URL (holds the minikube tunnel or kubectl port-forward when one is needed)");
  cmd->add_option("-f,--file", o->file, "Project file")->capture_default_str();
  cmd->add_option("--set", o->sets, "Override a tfsk.yaml key");
  cmd->add_option("--target", o->target,
                  "minikube or kube (default: what .tfsk/state.json or cluster.target says)")
      ->check(CLI::IsMember({"minikube", "kube"}));
  cmd->add_flag("-v,--verbose", o->flags.verbose, "Print each command");
  cmd->footer("Example: curl -d '{\"instances\": [1.0]}' $(tfsk url):predict");
  cmd->callback([o, &ctx] { ctx.exit_code = lifecycle::UrlCommand(*o, ctx.out, ctx.err); });
}

}  // namespace tfsk::cli
