#include "lib/http/url.h"

#include <cctype>
#include <charconv>
#include <string>

namespace tfsk::http {

std::string Url::Origin() const {
  const bool v6 = host.find(':') != std::string::npos;
  return "http://" + (v6 ? "[" + host + "]" : host) + ":" + std::to_string(port);
}

std::string Url::ToString() const { return Origin() + target; }

std::string Url::HostHeader() const {
  const bool v6 = host.find(':') != std::string::npos;
  return (v6 ? "[" + host + "]" : host) + ":" + std::to_string(port);
}

StatusOr<Url> ParseUrl(std::string_view text) {
  const std::string quoted = "'" + std::string(text) + "'";
  std::string_view rest = text;
  const auto scheme_end = rest.find("://");
  if (scheme_end != std::string_view::npos) {
    std::string scheme(rest.substr(0, scheme_end));
    for (char& c : scheme) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
    if (scheme == "https") {
      return Unimplemented("URL " + quoted +
                           ": https is not supported by this build; use the http:// endpoint "
                           "(NodePort or port-forward)");
    }
    if (scheme != "http") {
      return InvalidArgument("URL " + quoted + ": unsupported scheme '" + scheme +
                             "' (expected http://)");
    }
    rest.remove_prefix(scheme_end + 3);
  }
  Url url;
  const auto slash = rest.find('/');
  std::string_view authority = rest.substr(0, slash);
  if (slash != std::string_view::npos) url.target = std::string(rest.substr(slash));
  if (authority.find('@') != std::string_view::npos) {
    return InvalidArgument("URL " + quoted + ": user info is not supported");
  }
  std::string_view port_text;
  if (!authority.empty() && authority.front() == '[') {
    const auto close = authority.find(']');
    if (close == std::string_view::npos) {
      return InvalidArgument("URL " + quoted + ": unterminated IPv6 literal");
    }
    url.host = std::string(authority.substr(1, close - 1));
    std::string_view after = authority.substr(close + 1);
    if (!after.empty()) {
      if (after.front() != ':') return InvalidArgument("URL " + quoted + ": bad host");
      port_text = after.substr(1);
    }
  } else {
    const auto colon = authority.rfind(':');
    url.host = std::string(authority.substr(0, colon));
    if (colon != std::string_view::npos) port_text = authority.substr(colon + 1);
  }
  if (url.host.empty()) return InvalidArgument("URL " + quoted + ": missing host");
  if (!port_text.empty()) {
    int port = 0;
    auto [p, ec] = std::from_chars(port_text.data(), port_text.data() + port_text.size(), port);
    if (ec != std::errc() || p != port_text.data() + port_text.size() || port <= 0 ||
        port > 65535) {
      return InvalidArgument("URL " + quoted + ": bad port '" + std::string(port_text) + "'");
    }
    url.port = port;
  } else if (scheme_end == std::string_view::npos) {
    return InvalidArgument("URL " + quoted + ": expected http://HOST:PORT");
  }
  return url;
}

}  // namespace tfsk::http
