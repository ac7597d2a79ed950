#include "cli/target_args.h"

#include "cli/app.h"
#include "lib/config/load.h"
#include "lib/config/overrides.h"
#include "lib/state/local_state.h"

namespace tfsk::cli {

void AddTargetArgs(CLI::App* cmd, TargetArgs& args, bool short_file_flag) {
  cmd->add_option("--target", args.target, "local, minikube or kube (default: cluster.target, "
                                           "else minikube when installed, else local)")
      ->check(CLI::IsMember({"local", "minikube", "kube"}));
  cmd->add_option(short_file_flag ? "-f,--file" : "--file", args.file, "The config file, used when it exists")
      ->capture_default_str();
}

std::optional<ResolvedTarget> ResolveTarget(const TargetArgs& args, const std::string& cmd,
                                            bool prefer_local_state, Context& ctx) {
  ResolvedTarget r;
  r.project = std::filesystem::current_path();
  std::string configured;
  std::string origin;
  std::error_code ec;
  if (std::filesystem::exists(args.file, ec)) {
    config::LoadOptions load;
    load.file = args.file;
    load.env = config::ProcessEnv();
    config::Loaded loaded = config::Load(load);
    if (!loaded.ok()) {
      for (const auto& i : loaded.diagnostics.issues()) ctx.err << cmd << ": " << i.ToString() << "\n";
      ctx.exit_code = kExitConfig;
      return std::nullopt;
    }
    // The loader fills a default target; only a value the user wrote counts as configured.
    if (auto it = loaded.origins.find("cluster.target"); it != loaded.origins.end()) {
      configured = loaded.config.cluster.target;
      origin = it->second;
    }
    r.config = loaded.config;
  }
  if (prefer_local_state && args.target.empty() &&
      std::filesystem::exists(state::LocalStatePath(r.project), ec)) {
    r.target = {lifecycle::TargetKind::kLocal, ".tfsk/local.json records a local server"};
    return r;
  }
  auto chosen = lifecycle::ChooseTarget(args.target, configured, origin,
                                        lifecycle::CommandOnPath("minikube"));
  if (!chosen.ok()) {
    ctx.err << cmd << ": " << chosen.status().message() << "\n";
    ctx.exit_code = kExitConfig;
    return std::nullopt;
  }
  r.target = *chosen;
  return r;
}

int TargetNotAvailable(const lifecycle::Target& target, const std::string& cmd, Context& ctx) {
  ctx.err << cmd << ": the " << lifecycle::TargetName(target.kind)
          << " target is not available in this build yet (chosen because " << target.reason
          << "); use --target local to run the model server on this machine\n";
  return kExitNotImplemented;
}

}  // namespace tfsk::cli
