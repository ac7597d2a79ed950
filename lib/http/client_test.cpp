// The blocking client against the in-process test server on an ephemeral port.
#include <doctest/doctest.h>

#include "lib/http/client.h"
#include "lib/http/test_server.h"

namespace tfsk::http {
namespace {

TEST_SUITE("http::Request") {
  TEST_CASE("POSTs the body and returns status, body and headers") {
    std::string seen;
    TestServer server([&](const TestRequest& r) {
      seen = r.method + " " + r.target + " " + r.body;
      return TestReply{};
    });
    auto res = Request("POST", server.url() + "/v1/models/m:predict", R"({"instances": [1]})");
    REQUIRE(res.ok());
    CHECK(res->status == 200);
    CHECK(res->body == R"({"predictions": [2.5, 3.0, 4.5]})");
    CHECK(res->Header("content-type") == "application/json");
    CHECK(seen == R"(POST /v1/models/m:predict {"instances": [1]})");
  }
  TEST_CASE("an HTTP error status is a result") {
    TestServer server([](const TestRequest&) {
      return TestReply{404, R"({ "error": "Servable not found" })"};
    });
    auto res = Request("POST", server.url() + "/x", "{}");
    REQUIRE(res.ok());
    CHECK(res->status == 404);
  }
  TEST_CASE("refused, dropped and slow servers are clear errors") {
    const int port = RefusedPort();
    auto refused = Request("POST", "http://127.0.0.1:" + std::to_string(port) + "/x", "{}");
    REQUIRE_FALSE(refused.ok());
    CHECK(refused.status().code() == Code::kUnavailable);
    CHECK(refused.status().message() ==
          "connecting to http://127.0.0.1:" + std::to_string(port) + ": Connection refused");

    TestServer dropper([](const TestRequest&) {
      TestReply r;
      r.drop = true;
      return r;
    });
    auto dropped = Request("POST", dropper.url() + "/x", "{}");
    REQUIRE_FALSE(dropped.ok());
    CHECK(dropped.status().message().find(dropper.url()) != std::string::npos);

    TestServer slow([](const TestRequest&) {
      TestReply r;
      r.delay = std::chrono::milliseconds(2000);
      return r;
    });
    RequestOptions ro;
    ro.timeout = std::chrono::milliseconds(200);
    auto late = Request("POST", slow.url() + "/x", "{}", {}, ro);
    REQUIRE_FALSE(late.ok());
    CHECK(late.status().code() == Code::kDeadlineExceeded);
    CHECK(late.status().message().find("timed out after 200ms") != std::string::npos);
  }
  TEST_CASE("https is refused before any connection") {
    CHECK(Request("GET", "https://127.0.0.1:1/", "").status().code() == Code::kUnimplemented);
  }
}

}  // namespace
}  // namespace tfsk::http
