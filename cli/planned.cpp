// Subcommands that are planned but not built yet: they appear in --help so users see the shape of
// the tool, and say plainly that this build lacks them.
#include "cli/planned.h"

#include <CLI/CLI.hpp>
#include <fmt/format.h>

#include "cli/app.h"

namespace tfsk::cli {

void AddPlanned(CLI::App& parent, Context& ctx, const std::string& name,
                const std::string& description) {
  CLI::App* sub = parent.add_subcommand(name, description);
  sub->allow_extras();  // accept the future flags so the message below is what users see
  sub->callback([&ctx, name] {
    ctx.err << fmt::format(
        "tfsk {}: not available in this build yet; see 'tfsk --help' for what is.\n", name);
    ctx.exit_code = kExitNotImplemented;
  });
}

}  // namespace tfsk::cli
