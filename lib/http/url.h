#pragma once
// URLs as tfsk's HTTP client understands them: http://host[:port][/path]. No Beast here, so the
// CLI and the load generator can hold a Url without pulling in Asio.

#include <string>
#include <string_view>

#include "lib/base/status.h"

namespace tfsk::http {

struct Url {
  std::string host;          ///< "127.0.0.1", "localhost", "[::1]" keeps no brackets: "::1"
  int port = 80;
  std::string target = "/";  ///< path and query, always starting with '/'

  /// "http://host:port" (brackets around IPv6 literals) — what error messages name.
  std::string Origin() const;
  /// Origin() + target.
  std::string ToString() const;
  /// The Host header value: "host:port".
  std::string HostHeader() const;
};

/// Parses "http://host[:port][/target]" (also accepts a bare "host:port[/target]").
/// Errors: Unimplemented for https (this build speaks plain HTTP only; use a port-forward or the
/// NodePort), InvalidArgument for anything else unparsable, naming the text.
StatusOr<Url> ParseUrl(std::string_view text);

}  // namespace tfsk::http
