// tfsk-serving end to end: HTTP-level behaviour over a real socket — keep-alive with several
// requests on one connection, CORS headers and pre-flights.

#include "tests/e2e/serving_e2e.h"

namespace tfsk::testing {
namespace {

std::size_t Count(const std::string& hay, const std::string& needle) {
  std::size_t n = 0;
  for (auto at = hay.find(needle); at != std::string::npos; at = hay.find(needle, at + 1)) ++n;
  return n;
}

TEST_CASE("keep-alive: three requests on one connection, the last one closes it") {
  const std::string m = "saved_model_half_plus_two_cpu";
  auto s = StartModel(m);
  const std::string body = "{\"instances\": [1.0, 2.0, 5.0]}";
  const std::string req =
      "POST /v1/models/" + m +
      ":predict HTTP/1.1\r\nHost: x\r\nContent-Length: " + std::to_string(body.size()) + "\r\n";
  RawConnection c(s->port());
  c.Send(req + "\r\n" + body + req + "\r\n" + body + req + "Connection: close\r\n\r\n" + body);
  const std::string raw = c.ReadAll();
  CHECK(Count(raw, "HTTP/1.1 200 OK\r\n") == 3);
  CHECK(Count(raw, "\"predictions\": [2.5, 3.0, 4.5\n    ]") == 3);
  StopCleanly(*s);
}

TEST_CASE("--rest_api_enable_cors_support adds the CORS headers, OPTIONS is a pre-flight") {
  const std::string m = "saved_model_half_plus_two_cpu";
  auto s = StartModel(m, {"--rest_api_enable_cors_support=true"});
  auto r = s->Get("/v1/models/" + m);
  CHECK(r.status == 200);
  CHECK(r.headers["access-control-allow-origin"] == "*");
  CHECK(r.headers["access-control-allow-methods"] == "POST, GET");
  CHECK(r.headers["access-control-allow-headers"] == "Content-Type");
  r = HttpRequest(s->port(), "OPTIONS", "/v1/models/" + m + ":predict", "",
                  {"Origin: http://example.com"});
  CHECK(r.status == 200);
  CHECK(r.body.empty());
  r = HttpRequest(s->port(), "OPTIONS", "/v1/models/" + m + ":predict");
  CHECK(r.status == 400);
  CHECK(r.body.empty());
  StopCleanly(*s);
}

}  // namespace
}  // namespace tfsk::testing

namespace tfsk::testing {
namespace {

TEST_CASE("gzip bodies, hostile bodies and request lines: answered, never fatal") {
  const std::string m = "saved_model_half_plus_two_cpu";
  auto s = StartModel(m);
  const std::string url = "/v1/models/" + m + ":predict";
  // `printf '{"instances": [1.0]}' | gzip -n`
  const unsigned char gz[] = {0x1f, 0x8b, 0x08, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x03,
                              0xab, 0x56, 0xca, 0xcc, 0x2b, 0x2e, 0x49, 0xcc, 0x4b, 0x4e,
                              0x2d, 0x56, 0xb2, 0x52, 0x88, 0x36, 0xd4, 0x33, 0x88, 0xad,
                              0x05, 0x00, 0x8a, 0x48, 0xbc, 0xb9, 0x14, 0x00, 0x00, 0x00};
  auto r = HttpRequest(s->port(), "POST", url, std::string(gz, gz + sizeof gz),
                       {"Content-Encoding: gzip"});
  CHECK(r.status == 200);
  CHECK(r.body == "{\n    \"predictions\": [2.5\n    ]\n}");

  // Deep nesting is refused by the JSON layer, not by the stack.
  const std::string deep =
      "{\"instances\": " + std::string(100000, '[') + std::string(100000, ']') + "}";
  r = s->Post(url, deep);
  CHECK(r.status == 400);
  CHECK(r.body.find("JSON Parse error") != std::string::npos);

  {
    RawConnection c(s->port());
    c.Send("GARBAGE\r\n\r\n");
    c.ReadAll(std::chrono::seconds(5));  // any answer or a close; the server must survive
  }
  {
    RawConnection c(s->port());  // a body shorter than announced, then the client goes away
    c.Send("POST " + url + " HTTP/1.1\r\nHost: x\r\nContent-Length: 1000\r\n\r\n{\"inst");
  }
  r = s->Post(url, "{\"instances\": [1.0, 2.0, 5.0]}");
  CHECK(r.status == 200);
  CHECK(r.body == "{\n    \"predictions\": [2.5, 3.0, 4.5\n    ]\n}");
  StopCleanly(*s);
}

}  // namespace
}  // namespace tfsk::testing
