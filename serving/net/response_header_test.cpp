#include "serving/net/response_header.h"

#include <doctest/doctest.h>

#include <boost/beast/core/buffers_to_string.hpp>
#include <boost/beast/http/message.hpp>
#include <boost/beast/http/serializer.hpp>
#include <boost/beast/http/string_body.hpp>
#include <boost/beast/http/write.hpp>

namespace tfsk::serving::net::internal {
namespace {

namespace http = boost::beast::http;

// What Beast's serializer sends for the same answer: the reference BuildResponseHeader must
// match byte for byte (it replaced Beast's writer on the hot path).
std::string BeastHeader(const Response& r, unsigned version, bool keep_alive) {
  http::response<http::string_body> res;
  res.result(static_cast<unsigned>(r.status));
  res.version(version);
  if (!r.content_type.empty()) res.set(http::field::content_type, r.content_type);
  for (const auto& [name, value] : r.headers) res.insert(name, value);
  res.keep_alive(keep_alive);
  res.body() = r.body;
  res.prepare_payload();
  http::response_serializer<http::string_body> sr(res);
  sr.split(true);
  std::string bytes;
  boost::system::error_code ec;
  while (!sr.is_header_done()) {
    sr.next(ec, [&](boost::system::error_code&, const auto& buffers) {
      bytes += boost::beast::buffers_to_string(buffers);
      sr.consume(boost::asio::buffer_size(buffers));
    });
    REQUIRE(!ec);
  }
  return bytes;
}

TEST_CASE("the response header matches Beast's serializer byte for byte") {
  std::vector<Response> answers;
  answers.push_back(Response{200, "application/json", "{\"predictions\": [2.5]}", {}, false});
  answers.push_back(Response{404, "text/html", "<HTML></HTML>\n", {}, true});
  answers.push_back(Response{200, "", "", {}, false});
  answers.push_back(Response{
      400,
      "application/json",
      "{ \"error\": \"x\" }",
      {{"Access-Control-Allow-Origin", "*"}, {"Access-Control-Allow-Methods", "POST, GET"}},
      false});
  answers.push_back(Response{499, "application/json", "{}", {}, false});  // no standard reason
  answers.push_back(Response{413, "text/plain", "Payload Too Large\n", {}, true});
  answers.push_back(Response{204, "", "", {}, false});
  for (const Response& r : answers) {
    for (unsigned version : {10u, 11u}) {
      for (bool keep_alive : {true, false}) {
        CAPTURE(r.status);
        CAPTURE(version);
        CAPTURE(keep_alive);
        std::string ours = "stale bytes from the previous answer";
        BuildResponseHeader(ours, r, version, keep_alive, r.body.size());
        CHECK(ours == BeastHeader(r, version, keep_alive));
      }
    }
  }
}

TEST_CASE("only 1xx, 204 and 304 are answers without a body") {
  CHECK(StatusHasNoBody(100));
  CHECK(StatusHasNoBody(204));
  CHECK(StatusHasNoBody(304));
  CHECK_FALSE(StatusHasNoBody(200));
  CHECK_FALSE(StatusHasNoBody(404));
  std::string out;
  BuildResponseHeader(out, Response{200, "", "", {}, false}, 11, true, 0);
  CHECK(out == "HTTP/1.1 200 OK\r\nContent-Length: 0\r\n\r\n");
  BuildResponseHeader(out, Response{200, "", "", {}, false}, 11, true, 1234567);
  CHECK(out == "HTTP/1.1 200 OK\r\nContent-Length: 1234567\r\n\r\n");
}

}  // namespace
}  // namespace tfsk::serving::net::internal
