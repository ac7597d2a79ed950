#pragma once
// What every subcommand's run function receives: where to write, and where to put its exit code.

#include <ostream>

namespace CLI {
class App;
}

namespace tfsk::cli {

/// Shared by the subcommands of one invocation. Subcommand callbacks store their exit code here;
/// Main returns it.
struct Context {
  std::ostream& out;
  std::ostream& err;
  int exit_code = 0;
};

/// Every subcommand file provides one of these: it adds its subcommand (with options bound to an
/// options struct it owns) to `parent`, and a callback that runs it and sets ctx.exit_code.
using SetupFn = void (*)(CLI::App& parent, Context& ctx);

}  // namespace tfsk::cli
