#pragma once

#include <ostream>

#include "serving/server/options.h"

namespace tfsk::serving {

/// Runs the server until it is asked to stop; returns the process exit code. Logs to `log`,
/// errors to `err`.
int RunServer(const ServerOptions& options, std::ostream& log, std::ostream& err);

}  // namespace tfsk::serving
