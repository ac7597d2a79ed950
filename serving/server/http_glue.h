#pragma once
// What tfsk-serving answers on its HTTP port, as a pure function of the request: the /v1/ REST
// API (serving/rest), CORS pre-flights, the optional Prometheus page, and libevent-style pages
// for everything else — the transport-level behaviour of TF Serving (its http_server.cc).

#include <chrono>
#include <functional>
#include <string>

#include "serving/net/http_types.h"
#include "serving/rest/handler.h"
#include "serving/rest/servable.h"

namespace tfsk::serving {

struct HttpGlueOptions {
  bool enable_cors = false;  ///< --rest_api_enable_cors_support
  /// Switches of the /v1/ handler (--enable_signature_method_name_check,
  /// --rest_api_timeout_in_ms).
  rest::RestOptions rest;
  /// Exact path of the Prometheus page; empty when monitoring is off.
  std::string metrics_path;
  /// Renders the Prometheus page (called only when metrics_path matches).
  std::function<std::string()> render_metrics;
  /// Called after every request that reached the /v1/ API handler (not CORS pre-flights, not
  /// libevent pages) with the request, the HTTP status answered and the handler's wall time.
  /// Empty: nothing is measured (no clock reads on the hot path).
  std::function<void(const net::Request&, int status, std::chrono::nanoseconds)> observe_api;
};

/// Answers one HTTP request. Thread-safe when `registry` is.
net::Response HandleHttp(const net::Request& request, rest::ServableRegistry& registry,
                         const HttpGlueOptions& options);

}  // namespace tfsk::serving
