#include "serving/server/http_glue.h"

#include <doctest/doctest.h>

namespace tfsk::serving {
namespace {

// A registry that knows no models: enough to see which layer answered.
class EmptyRegistry : public rest::ServableRegistry {
 public:
  StatusOr<std::shared_ptr<rest::Servable>> Find(const rest::ServableRequest& r) override {
    return NotFound(rest::ServableNotFoundMessage(r));
  }
  std::vector<rest::VersionStatus> ListVersions(const std::string&) override { return {}; }
};

net::Response Send(const std::string& method, const std::string& target,
                   const HttpGlueOptions& options = {}, const std::string& origin = "") {
  EmptyRegistry registry;
  net::Request req;
  req.method = method;
  req.target = target;
  req.origin = origin;
  return HandleHttp(req, registry, options);
}

}  // namespace

TEST_SUITE("HttpGlue") {
  TEST_CASE("paths outside /v1/ get libevent's 404 page and close the connection") {
    auto r = Send("GET", "/healthz");
    CHECK(r.status == 404);
    CHECK(r.content_type == "text/html");
    CHECK(r.body.find("<H1>Not Found</H1>") != std::string::npos);
    CHECK(r.close);
    CHECK(Send("GET", "/v1").status == 404);
  }

  TEST_CASE("/v1/ requests reach the REST handler and answer JSON") {
    auto r = Send("GET", "/v1/models/m");
    CHECK(r.status == 404);
    CHECK(r.content_type == "application/json");
    CHECK(r.body.find("Could not find any versions of model m") != std::string::npos);
  }

  TEST_CASE("unknown verbs get 501 from the transport") {
    CHECK(Send("TRACE", "/v1/models/m").status == 501);
  }

  TEST_CASE("CORS pre-flight needs an http(s) Origin and has no body") {
    auto ok = Send("OPTIONS", "/v1/models/m:predict", {}, "http://example.test");
    CHECK(ok.status == 200);
    CHECK(ok.body.empty());
    CHECK(Send("OPTIONS", "/v1/models/m:predict").status == 400);
  }

  TEST_CASE("CORS headers are added when enabled") {
    HttpGlueOptions o;
    o.enable_cors = true;
    auto r = Send("GET", "/v1/models/m", o);
    REQUIRE(r.headers.size() == 3);
    CHECK(r.headers[0].first == "Access-Control-Allow-Origin");
  }

  TEST_CASE("the metrics page is served only at its exact path") {
    HttpGlueOptions o;
    o.metrics_path = "/monitoring/prometheus/metrics";
    o.render_metrics = [] { return std::string("# TYPE x counter\nx 1\n"); };
    auto r = Send("GET", "/monitoring/prometheus/metrics", o);
    CHECK(r.status == 200);
    CHECK(r.body == "# TYPE x counter\nx 1\n");
    CHECK(Send("GET", "/monitoring/prometheus/metrics", {}).status == 404);
  }

  TEST_CASE("observe_api sees every /v1/ API answer, and nothing else") {
    std::vector<std::pair<std::string, int>> seen;
    HttpGlueOptions o;
    o.observe_api = [&seen](const net::Request& r, int status, std::chrono::nanoseconds d) {
      CHECK(d.count() >= 0);
      seen.emplace_back(r.target, status);
    };
    Send("POST", "/v1/models/m:predict", o);
    Send("GET", "/v1/models/m", o);
    Send("GET", "/healthz", o);                              // libevent page
    Send("OPTIONS", "/v1/models/m:predict", o, "http://x");  // CORS pre-flight
    Send("TRACE", "/v1/models/m", o);                        // 501 before routing
    REQUIRE(seen.size() == 2);
    CHECK(seen[0] == std::pair<std::string, int>("/v1/models/m:predict", 400));  // empty body
    CHECK(seen[1] == std::pair<std::string, int>("/v1/models/m", 404));
  }
}

}  // namespace tfsk::serving
