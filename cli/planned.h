#pragma once

#include <string>

#include "cli/context.h"

namespace tfsk::cli {

/// Registers a subcommand that is planned but not built yet; running it exits with
/// kExitNotImplemented and says so.
void AddPlanned(CLI::App& parent, Context& ctx, const std::string& name,
                const std::string& description);

}  // namespace tfsk::cli
