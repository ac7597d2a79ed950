#pragma once
// The server's life: load the models, listen, serve until SIGTERM/SIGINT, shut down gracefully.

#include <ostream>

#include "serving/server/options.h"

namespace tfsk::serving {

/// Runs tfsk-serving until SIGTERM or SIGINT; returns the process exit code (0 after a graceful
/// shutdown, 1 when startup fails, 2 for invalid options). Blocks SIGTERM/SIGINT in the calling
/// thread first, so call it before starting other threads. Logs to `log`, errors to `err`.
int RunServer(const ServerOptions& options, std::ostream& log, std::ostream& err);

}  // namespace tfsk::serving
