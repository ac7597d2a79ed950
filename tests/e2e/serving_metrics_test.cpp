// tfsk-serving end to end: the Prometheus page enabled by --monitoring_config_file.

#include <fstream>

#include "tests/e2e/serving_e2e.h"

namespace tfsk::testing {
namespace {

TEST_CASE("Prometheus page: request counts and latency per model/API/status, load counts") {
  const std::string m = "saved_model_half_plus_two_cpu";
  TempDir dir;
  const auto config = dir.path() / "monitoring.config";
  std::ofstream(config) << "prometheus_config {\n  enable: true\n  path: \"/metrics/x\"\n}\n";
  auto s = StartModel(m, {"--monitoring_config_file=" + config.string()});
  for (int i = 0; i < 3; ++i) {
    CHECK(s->Post("/v1/models/" + m + ":predict", "{\"instances\": [1.0]}").status == 200);
  }
  CHECK(s->Post("/v1/models/" + m + ":predict", "nope").status == 400);
  CHECK(s->Get("/v1/models/" + m + "/metadata").status == 200);

  auto r = s->Get("/metrics/x");
  REQUIRE(r.status == 200);
  CHECK(r.headers["content-type"].rfind("text/plain", 0) == 0);
  auto has = [&](const std::string& line) {
    INFO(line);
    CHECK(r.body.find(line + "\n") != std::string::npos);
  };
  has("# TYPE :tensorflow:serving:request_count counter");
  has(":tensorflow:serving:request_count{model_name=\"" + m + "\",status=\"OK\"} 4");
  has(":tensorflow:serving:request_count{model_name=\"" + m + "\",status=\"INVALID_ARGUMENT\"} 1");
  has("# TYPE :tensorflow:serving:request_latency histogram");
  has(":tensorflow:serving:request_latency_count{model_name=\"" + m +
      "\",API=\"predict\",entrypoint=\"REST\"} 4");
  has(":tensorflow:cc:saved_model:load_attempt_count{model_path=\"" +
      (SharedModel(m) / "00000123").string() + "\",status=\"success\"} 1");
  // Only the configured path: the default one stays a 404 page.
  CHECK(s->Get("/monitoring/prometheus/metrics").status == 404);
  StopCleanly(*s);
}

}  // namespace
}  // namespace tfsk::testing
