// The only Beast translation unit of the blocking client. Async operations on one io_context,
// run to completion, because Beast's timeouts (tcp_stream::expires_after) apply to async calls.
#include "lib/http/client.h"

#include <boost/asio/connect.hpp>
#include <boost/asio/io_context.hpp>
#include <boost/asio/ip/tcp.hpp>
#include <boost/beast/core.hpp>
#include <boost/beast/http.hpp>

#include <cctype>
#include <optional>

#include "lib/http/url.h"

namespace tfsk::http {
namespace {

namespace asio = boost::asio;
namespace beast = boost::beast;
namespace bhttp = boost::beast::http;
using tcp = asio::ip::tcp;

bool IEquals(std::string_view a, std::string_view b) {
  if (a.size() != b.size()) return false;
  for (size_t i = 0; i < a.size(); ++i) {
    if (std::tolower(static_cast<unsigned char>(a[i])) !=
        std::tolower(static_cast<unsigned char>(b[i]))) {
      return false;
    }
  }
  return true;
}

std::string Seconds(std::chrono::milliseconds ms) {
  if (ms.count() % 1000 == 0) return std::to_string(ms.count() / 1000) + "s";
  return std::to_string(ms.count()) + "ms";
}

// "Connection refused", "end of stream" -> the user-facing cause.
std::string Cause(const beast::error_code& ec) {
  if (ec == bhttp::error::end_of_stream || ec == asio::error::eof) {
    return "the server closed the connection without an answer";
  }
  if (ec == asio::error::connection_reset) return "connection reset by the server";
  return ec.message();
}

}  // namespace

std::string HttpResult::Header(std::string_view name) const {
  for (const auto& [k, v] : headers) {
    if (IEquals(k, name)) return v;
  }
  return "";
}

StatusOr<HttpResult> Request(std::string_view method, std::string_view url_text,
                             std::string_view body, const Headers& headers,
                             RequestOptions options) {
  TFSK_ASSIGN_OR_RETURN(Url url, ParseUrl(url_text));
  const std::string origin = url.Origin();

  bhttp::request<bhttp::string_body> req;
  req.method_string(std::string(method));
  req.target(url.target);
  req.version(11);
  req.set(bhttp::field::host, url.HostHeader());
  req.set(bhttp::field::user_agent, "tfsk");
  req.set(bhttp::field::connection, "close");
  bool has_type = false;
  for (const auto& [k, v] : headers) {
    if (IEquals(k, "content-type")) has_type = true;
    req.set(k, v);
  }
  if (!body.empty() && !has_type) req.set(bhttp::field::content_type, "application/json");
  req.body() = std::string(body);
  req.prepare_payload();

  asio::io_context ioc;
  tcp::resolver resolver(ioc);
  beast::tcp_stream stream(ioc);
  beast::flat_buffer buffer;
  bhttp::response_parser<bhttp::string_body> parser;
  parser.body_limit(256u << 20);

  // Which phase failed, for the message; the chain below stops at the first error.
  std::string phase = "resolving";
  beast::error_code failure;
  bool timed_out = false;
  std::chrono::milliseconds limit = options.connect_timeout;

  auto fail = [&](beast::error_code ec) {
    failure = ec;
    timed_out = (ec == beast::error::timeout);
  };

  stream.expires_after(options.connect_timeout);
  resolver.async_resolve(url.host, std::to_string(url.port), [&](beast::error_code ec,
                                                                  tcp::resolver::results_type rs) {
    if (ec) return fail(ec);
    phase = "connecting to";
    stream.async_connect(rs, [&](beast::error_code ec2, const tcp::endpoint&) {
      if (ec2) return fail(ec2);
      phase = "sending to";
      limit = options.timeout;
      stream.expires_after(options.timeout);
      bhttp::async_write(stream, req, [&](beast::error_code ec3, size_t) {
        if (ec3) return fail(ec3);
        phase = "reading the answer from";
        bhttp::async_read(stream, buffer, parser, [&](beast::error_code ec4, size_t) {
          if (ec4) return fail(ec4);
        });
      });
    });
  });
  // The resolver has no expiry of its own; the stream's timer covers connect and later phases.
  ioc.run();

  if (failure) {
    const std::string where = phase + " " + origin;
    if (timed_out) return DeadlineExceeded(where + ": timed out after " + Seconds(limit));
    if (failure == bhttp::error::end_of_stream || failure == asio::error::connection_reset ||
        phase.rfind("connecting", 0) == 0 || phase == "resolving") {
      return Unavailable(where + ": " + Cause(failure));
    }
    return DataLoss(where + ": " + Cause(failure));
  }
  beast::error_code ignored;
  stream.socket().shutdown(tcp::socket::shutdown_both, ignored);

  auto& res = parser.get();
  HttpResult out;
  out.status = static_cast<int>(res.result_int());
  out.body = std::move(res.body());
  for (const auto& field : res) {
    out.headers.emplace_back(std::string(field.name_string()), std::string(field.value()));
  }
  return out;
}

}  // namespace tfsk::http
