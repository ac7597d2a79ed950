#pragma once
// Internal to serving/net (Beast headers): Beast's HTTP/1 request parser, writing straight into
// the connection's Request. Beast's own request_parser stores every header field in a
// basic_fields container (an allocation and an index insert per field, then a copy out); the
// server needs four header values, so they are captured as the fields stream past, and the
// body is appended to the Request's reused string.

#include <cstdint>
#include <string>

#include <boost/beast/core/string.hpp>
#include <boost/beast/http/basic_parser.hpp>
#include <boost/beast/http/field.hpp>
#include <boost/beast/http/verb.hpp>
#include <boost/optional/optional.hpp>

#include "serving/net/http_types.h"

namespace tfsk::serving::net::internal {

/// Parses one request into `out` (single-use, like every Beast parser). `out`'s header strings
/// are cleared here; its body must be empty (its capacity is reused). Limits, chunked bodies,
/// keep-alive and malformed input are Beast's basic_parser's.
class RequestReader final : public boost::beast::http::basic_parser<true> {
 public:
  explicit RequestReader(Request& out) : out_(out) {
    out_.content_encoding.clear();
    out_.origin.clear();
    out_.content_type.clear();
  }

  boost::beast::http::verb method() const { return method_; }
  /// 10 or 11, as in the request line.
  unsigned version() const { return version_; }
  /// The request carried "Expect: 100-continue".
  bool expects_continue() const { return expects_continue_; }

 private:
  using string_view = boost::beast::string_view;
  using error_code = boost::beast::error_code;
  using field = boost::beast::http::field;

  void on_request_impl(boost::beast::http::verb method, string_view method_str, string_view target,
                       int version, error_code&) override {
    method_ = method;
    version_ = static_cast<unsigned>(version);
    out_.method.assign(method_str.data(), method_str.size());
    out_.target.assign(target.data(), target.size());
  }

  void on_response_impl(int, string_view, int, error_code&) override {}  // requests only

  // The first occurrence of a field wins, as a lookup in Beast's container returned it.
  void on_field_impl(field name, string_view, string_view value, error_code&) override {
    const auto take = [&value](bool& seen, std::string& into) {
      if (seen) return;
      seen = true;
      into.assign(value.data(), value.size());
    };
    switch (name) {
      case field::content_encoding:
        take(seen_encoding_, out_.content_encoding);
        break;
      case field::origin:
        take(seen_origin_, out_.origin);
        break;
      case field::content_type:
        take(seen_type_, out_.content_type);
        break;
      case field::expect:
        if (!seen_expect_) {
          seen_expect_ = true;
          expects_continue_ = boost::beast::iequals(value, "100-continue");
        }
        break;
      default:
        break;
    }
  }

  void on_header_impl(error_code&) override {}

  void on_body_init_impl(const boost::optional<std::uint64_t>& length, error_code&) override {
    // basic_parser has already held a declared length against the body limit.
    if (length) out_.body.reserve(static_cast<std::size_t>(*length));
  }

  std::size_t on_body_impl(string_view body, error_code&) override {
    out_.body.append(body.data(), body.size());
    return body.size();
  }

  void on_chunk_header_impl(std::uint64_t, string_view, error_code&) override {}

  std::size_t on_chunk_body_impl(std::uint64_t, string_view body, error_code&) override {
    out_.body.append(body.data(), body.size());
    return body.size();
  }

  void on_finish_impl(error_code&) override {}

  Request& out_;
  boost::beast::http::verb method_ = boost::beast::http::verb::unknown;
  unsigned version_ = 11;
  bool expects_continue_ = false;
  bool seen_encoding_ = false, seen_origin_ = false, seen_type_ = false, seen_expect_ = false;
};

}  // namespace tfsk::serving::net::internal
