#pragma once
// What `tfsk up`, `status` and `down` share: the --target / -f flags, loading tfsk.yaml when it
// exists (lib/config), and choosing the target (lib/lifecycle) in one place.

#include <CLI/CLI.hpp>

#include <filesystem>
#include <optional>
#include <string>

#include "cli/context.h"
#include "lib/config/config.h"
#include "lib/lifecycle/target.h"

namespace tfsk::cli {

struct TargetArgs {
  std::string target;          ///< --target ("" = configured or detected)
  std::string file = "tfsk.yaml";  ///< -f
};

/// Adds --target and -f,--file to `cmd` (only --file when the command uses -f otherwise, as
/// `tfsk logs -f` follows like `kubectl logs -f`).
void AddTargetArgs(CLI::App* cmd, TargetArgs& args, bool short_file_flag = true);

struct ResolvedTarget {
  lifecycle::Target target;
  std::optional<config::Config> config;  ///< set when the config file exists and loaded cleanly
  std::filesystem::path project;         ///< where .tfsk/ lives: the current folder
};

/// Loads the config file when it exists (errors are printed with `cmd` as prefix; returns
/// nullopt with ctx.exit_code = kExitConfig) and chooses the target. When `prefer_local_state`
/// and no --target is given, an existing .tfsk/local.json means local (for status/down).
std::optional<ResolvedTarget> ResolveTarget(const TargetArgs& args, const std::string& cmd,
                                            bool prefer_local_state, Context& ctx);

/// For the targets another room implements: prints "not available in this build yet" and
/// returns kExitNotImplemented.
int TargetNotAvailable(const lifecycle::Target& target, const std::string& cmd, Context& ctx);

}  // namespace tfsk::cli
