#pragma once
// A blocking HTTP/1.1 client for one request at a time (tfsk predict, probes). Plain types only:
// Beast and Asio stay inside client.cpp so callers compile fast.

#include <chrono>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "lib/base/status.h"

namespace tfsk::http {

using Headers = std::vector<std::pair<std::string, std::string>>;

struct HttpResult {
  int status = 0;
  std::string body;
  Headers headers;
  /// The first header named `name` (case-insensitive), "" when absent.
  std::string Header(std::string_view name) const;
};

struct RequestOptions {
  /// Limit for resolving and connecting.
  std::chrono::milliseconds connect_timeout{5000};
  /// Limit for writing the request and reading the whole answer.
  std::chrono::milliseconds timeout{30000};
};

/// Sends `method url` with `body` (Content-Type application/json unless `headers` sets one) on a
/// fresh connection and reads the answer. Any HTTP status is a result, not an error. Errors name
/// the origin and the cause: Unavailable("connecting to http://127.0.0.1:8501: Connection
/// refused"), DeadlineExceeded("… timed out after 5s"), DataLoss for a malformed answer,
/// Unimplemented/InvalidArgument from ParseUrl.
StatusOr<HttpResult> Request(std::string_view method, std::string_view url, std::string_view body,
                             const Headers& headers = {}, RequestOptions options = {});

}  // namespace tfsk::http
