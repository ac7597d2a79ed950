#pragma once
// A tiny blocking HTTP/1.1 GET over a POSIX socket to 127.0.0.1, and a busy-port check: all
// `tfsk up/status --target local` need to talk to the local server.

#include <chrono>
#include <string>

#include "lib/base/status.h"

namespace tfsk::local {

struct HttpAnswer {
  int status = 0;
  std::string body;
};

/// GET http://127.0.0.1:<port><path> with `Connection: close`, reading until the server closes.
/// Errors: Unavailable (connection refused, timeout), DataLoss (not an HTTP answer).
StatusOr<HttpAnswer> HttpGet(int port, const std::string& path, std::chrono::milliseconds timeout);

/// True when binding 0.0.0.0:<port> fails with EADDRINUSE, i.e. another program listens there.
bool PortBusy(int port);

/// "AVAILABLE", "LOADING", ... : the state of the highest version in a GET /v1/models/<name>
/// answer; "" when the body has no version status.
std::string ModelStateFromJson(const std::string& body);

}  // namespace tfsk::local
