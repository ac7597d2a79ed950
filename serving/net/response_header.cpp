#include "serving/net/response_header.h"

#include <charconv>

#include <ostream>

#include <boost/beast/core/string.hpp>
#include <boost/beast/http/status.hpp>

namespace tfsk::serving::net::internal {
namespace {

void AppendField(std::string& out, std::string_view name, std::string_view value) {
  out.append(name);
  out += ": ";
  out.append(value);
  out += "\r\n";
}

}  // namespace

bool StatusHasNoBody(int status) {
  return (status >= 100 && status < 200) || status == 204 || status == 304;
}

void BuildResponseHeader(std::string& out, const Response& response, unsigned version,
                         bool keep_alive, std::size_t body_size) {
  out.clear();
  out += version == 10 ? "HTTP/1.0 " : "HTTP/1.1 ";
  // Three digits, as Beast writes them.
  const unsigned code = static_cast<unsigned>(response.status);
  out += static_cast<char>('0' + (code / 100) % 10);
  out += static_cast<char>('0' + (code / 10) % 10);
  out += static_cast<char>('0' + code % 10);
  out += ' ';
  const auto reason =
      boost::beast::http::obsolete_reason(static_cast<boost::beast::http::status>(code));
  out.append(reason.data(), reason.size());
  out += "\r\n";
  if (!response.content_type.empty()) AppendField(out, "Content-Type", response.content_type);
  for (const auto& [name, value] : response.headers) AppendField(out, name, value);
  if (version >= 11 && !keep_alive) AppendField(out, "Connection", "close");
  if (version < 11 && keep_alive) AppendField(out, "Connection", "keep-alive");
  {
    char digits[24];
    const char* end = std::to_chars(digits, digits + sizeof(digits), body_size).ptr;
    AppendField(out, "Content-Length",
                std::string_view(digits, static_cast<std::size_t>(end - digits)));
  }
  out += "\r\n";
}

}  // namespace tfsk::serving::net::internal
