#pragma once
// The plain request/response types the HTTP adapter hands to the REST handler. No Beast or Asio
// here: the handler never sees a socket (style habit 7), and heavy headers stay in net's .cpp files.

#include <functional>
#include <string>
#include <utility>
#include <vector>

namespace tfsk::serving::net {

/// One complete HTTP request. The body is already gunzipped when the request carried
/// `Content-Encoding: gzip` (and the server option is on).
struct Request {
  std::string method;            ///< as sent: "GET", "POST", "OPTIONS", ...
  std::string target;            ///< raw request target: path plus "?query"/"#fragment", undecoded
  std::string body;
  std::string content_encoding;  ///< Content-Encoding header ("" when absent)
  std::string origin;            ///< Origin header ("" when absent), for CORS pre-flight
  std::string content_type;      ///< Content-Type header ("" when absent)
};

/// What the handler answers. The server adds Content-Length and Connection.
struct Response {
  int status = 200;
  std::string content_type;  ///< "" -> no Content-Type header
  std::string body;
  std::vector<std::pair<std::string, std::string>> headers;  ///< extra headers, e.g. CORS
  bool close = false;  ///< close the connection after this response
};

/// The request handler. Called on a server worker thread, possibly on several threads at once,
/// so it must be thread-safe; it may block (the worker's other connections wait meanwhile, so
/// size the thread count for blocking work). Exceptions become a 500 with an empty body.
using Handler = std::function<Response(const Request&)>;

/// Receives one log line from the server's threads; must be thread-safe.
using LogFn = std::function<void(const std::string&)>;

}  // namespace tfsk::serving::net
