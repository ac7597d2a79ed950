#pragma once
// The pure REST handler: (method, path, body) -> (HTTP status, JSON body), byte-compatible with
// TensorFlow Serving's /v1/ API (model_servers/http_rest_api_handler.cc). No I/O, no HTTP
// parsing: the Beast adapter (serving/net) gunzips the body, answers CORS pre-flights and
// non-/v1/ paths, and sends `content_type` with the answer.

#include <chrono>
#include <string>
#include <string_view>

#include "lib/base/status.h"
#include "serving/rest/servable.h"

namespace tfsk::serving::rest {

struct HttpResponse {
  int status = 200;
  std::string body;
  std::string content_type = "application/json";
};

/// Server-wide switches that change REST answers.
struct RestOptions {
  /// --enable_signature_method_name_check: :classify/:regress require method_name
  /// tensorflow/serving/classify / .../regress, :predict one of predict/classify/regress.
  bool enable_signature_method_name_check = false;
  /// --rest_api_timeout_in_ms: each model run (predict, classify, regress) gets a deadline this
  /// long from its start; past it the answer is 504 "Timed out waiting for notification", as
  /// TF Serving's Session::Run with RunOptions.timeout_in_ms. Zero or negative: no deadline.
  std::chrono::milliseconds run_timeout{0};
};

/// TF Serving's canonical code -> HTTP status table (OK 200, CANCELLED 499, UNKNOWN 500,
/// INVALID_ARGUMENT 400, DEADLINE_EXCEEDED 504, NOT_FOUND 404, ALREADY_EXISTS 409,
/// PERMISSION_DENIED 403, RESOURCE_EXHAUSTED 429, FAILED_PRECONDITION 400, ABORTED 409,
/// OUT_OF_RANGE 400, UNIMPLEMENTED 501, INTERNAL 500, UNAVAILABLE 503, DATA_LOSS 500,
/// UNAUTHENTICATED 401).
int HttpStatusFor(Code code);

/// True when `path` belongs to the /v1/ dispatcher (case-insensitive "/v1/" prefix); other paths
/// get the HTTP server's own 404 page, not a JSON answer.
bool IsRestApiPath(std::string_view path);

/// Handles one request under /v1/:
///   POST /v1/models/{name}[/versions/{v}|/labels/{l}]:(predict|classify|regress)
///   GET  /v1/models/{name}[/versions/{v}|/labels/{l}][/metadata]
/// Errors are {"error": "<message>"} with the mapped HTTP status; anything else is 400
/// "Malformed request: <METHOD> <path>". Thread-safe when `registry` is.
HttpResponse HandleRestRequest(std::string_view method, std::string_view path,
                               std::string_view body, ServableRegistry& registry,
                               const RestOptions& options = {});

}  // namespace tfsk::serving::rest
