#pragma once
// SIGTERM/SIGINT for a graceful shutdown without async-signal-unsafe handlers: the main blocks
// the signals before it starts any thread (threads inherit the mask), then waits for one
// synchronously and calls HttpServer::Stop() and the manager's shutdown from ordinary code.

namespace tfsk::serving::net {

/// Blocks SIGTERM and SIGINT in the calling thread (and every thread it creates afterwards).
/// Call first thing in main, before any thread exists.
void BlockTerminationSignals();

/// Waits until SIGTERM or SIGINT arrives (they must be blocked, see above); returns its number.
int WaitForTerminationSignal();

/// Sends SIGTERM to this process, e.g. from a test or an admin endpoint.
void RaiseTermination();

}  // namespace tfsk::serving::net
