#include <doctest/doctest.h>

#include <thread>
#include <vector>

#include "serving/monitoring/metrics.h"
#include "serving/monitoring/serving_metrics.h"

namespace tfsk::serving::monitoring {
namespace {

using namespace std::chrono_literals;

TEST_CASE("PrometheusName replaces every character outside [A-Za-z0-9_] with ':'") {
  CHECK(PrometheusName("/tensorflow/serving/request_count") == ":tensorflow:serving:request_count");
  CHECK(PrometheusName("a.b-c_d9") == "a:b:c_d9");
}

TEST_CASE("labels are escaped, le comes last") {
  CHECK(RenderLabels({}, {}) == "");
  CHECK(RenderLabels({"a", "b"}, {"x\"y", "p\\q\nr"}) == "{a=\"x\\\"y\",b=\"p\\\\q\\nr\"}");
  CHECK(RenderLabels({"a"}, {"x"}, "le=\"1\"") == "{a=\"x\",le=\"1\"}");
  CHECK(RenderLabels({}, {}, "le=\"+Inf\"") == "{le=\"+Inf\"}");
}

TEST_CASE("counter family renders TYPE and one line per label set, counts from many threads") {
  CounterFamily f(":c", "", {"model_name", "status"});
  std::string empty;
  f.Render(empty);
  CHECK(empty.empty());  // no cells → nothing, not even the TYPE line
  std::vector<std::thread> threads;
  for (int t = 0; t < 4; ++t) {
    threads.emplace_back([&] {
      for (int i = 0; i < 1000; ++i) f.Cell({"m", "OK"}).Increment();
    });
  }
  for (auto& t : threads) t.join();
  f.Cell({"m", "NOT_FOUND"}).Increment(2);
  std::string out;
  f.Render(out);
  CHECK(out ==
        "# TYPE :c counter\n:c{model_name=\"m\",status=\"NOT_FOUND\"} 2\n"
        ":c{model_name=\"m\",status=\"OK\"} 4000\n");
}

TEST_CASE("histogram buckets are cumulative and le-inclusive, sum and count") {
  HistogramFamily h(":h", "help text", {"m"}, {1, 2, 4});
  auto& c = h.Cell({"x"});
  for (double v : {0.5, 1.0, 1.5, 4.0, 100.0}) c.Observe(v);
  std::string out;
  h.Render(out);
  CHECK(out ==
        "# HELP :h help text\n# TYPE :h histogram\n"
        ":h_bucket{m=\"x\",le=\"1\"} 2\n:h_bucket{m=\"x\",le=\"2\"} 3\n"
        ":h_bucket{m=\"x\",le=\"4\"} 4\n:h_bucket{m=\"x\",le=\"+Inf\"} 5\n"
        ":h_sum{m=\"x\"} 107\n:h_count{m=\"x\"} 5\n");
}

TEST_CASE("ExponentialBounds and RenderNumber") {
  auto b = ExponentialBounds(10, 1.8, 3);
  REQUIRE(b.size() == 3);
  CHECK(RenderNumber(b[0]) == "10");
  CHECK(RenderNumber(b[1]) == "18");
  CHECK(RenderNumber(0.25) == "0.25");
}

TEST_CASE("ServingMetrics: inference and metadata requests per model/API/status, loads") {
  ServingMetrics m;
  m.RecordRestRequest("POST", "/v1/models/hpt:predict", 200, 150us);
  m.RecordRestRequest("POST", "/v1/models/hpt/versions/1:predict", 200, 150us);
  m.RecordRestRequest("POST", "/v1/models/h%70t:regress", 400, 20us);
  m.RecordRestRequest("GET", "/v1/models/hpt/metadata", 200, 20us);
  m.RecordRestRequest("POST", "/v1/models/nope:classify", 404, 20us);
  m.RecordRestRequest("GET", "/v1/models/hpt", 200, 20us);          // status: not counted
  m.RecordRestRequest("PUT", "/v1/models/hpt:predict", 400, 20us);  // malformed: not counted
  m.RecordLoad("hpt", 1, "/m/1", true, 2ms);
  m.RecordLoad("hpt", 2, "/m/2", false, 1ms);
  std::string page = m.Render();
  auto has = [&](const std::string& line) {
    INFO(line);
    CHECK(page.find(line + "\n") != std::string::npos);
  };
  has("# TYPE :tensorflow:serving:request_count counter");
  has(":tensorflow:serving:request_count{model_name=\"hpt\",status=\"OK\"} 3");
  has(":tensorflow:serving:request_count{model_name=\"hpt\",status=\"INVALID_ARGUMENT\"} 1");
  has(":tensorflow:serving:request_count{model_name=\"nope\",status=\"NOT_FOUND\"} 1");
  has("# TYPE :tensorflow:serving:request_latency histogram");
  has(":tensorflow:serving:request_latency_count{model_name=\"hpt\",API=\"predict\","
      "entrypoint=\"REST\"} 2");
  has(":tensorflow:serving:request_latency_sum{model_name=\"hpt\",API=\"predict\","
      "entrypoint=\"REST\"} 300");
  has(":tensorflow:serving:request_latency_bucket{model_name=\"hpt\",API=\"predict\","
      "entrypoint=\"REST\",le=\"+Inf\"} 2");
  has(":tensorflow:serving:request_latency_count{model_name=\"hpt\",API=\"GetModelMetadata\","
      "entrypoint=\"REST\"} 1");
  has(":tensorflow:cc:saved_model:load_attempt_count{model_path=\"/m/1\",status=\"success\"} 1");
  has(":tensorflow:cc:saved_model:load_attempt_count{model_path=\"/m/2\",status=\"fail\"} 1");
  has(":tensorflow:cc:saved_model:load_latency{model_path=\"/m/1\"} 2000");
  has(":tensorflow:serving:model_load_latency_count{model_name=\"hpt\",model_version=\"1\"} 1");
  CHECK(page.find("model_version=\"2\"") == std::string::npos);
}

TEST_CASE("CodeNameForHttpStatus follows the spec's mapping") {
  CHECK(CodeNameForHttpStatus(200) == "OK");
  CHECK(CodeNameForHttpStatus(404) == "NOT_FOUND");
  CHECK(CodeNameForHttpStatus(504) == "DEADLINE_EXCEEDED");
  CHECK(CodeNameForHttpStatus(418) == "UNKNOWN");
}

}  // namespace
}  // namespace tfsk::serving::monitoring
