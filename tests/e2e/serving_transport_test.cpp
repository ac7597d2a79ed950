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

TEST_CASE("--rest_api_enable_cors_support adds the CORS headers; OPTIONS is a pre-flight") {
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
