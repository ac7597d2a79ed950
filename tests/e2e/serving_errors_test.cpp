// tfsk-serving end to end: the documented errors over the wire, the MODEL_NAME/MODEL_BASE_PATH
// environment contract, startup failures, graceful SIGTERM with a slow client and the run
// deadline (--rest_api_timeout_in_ms).

#include <signal.h>

#include <filesystem>
#include <fstream>
#include <thread>

#include "serving/savedmodel/control_flow_model.h"
#include "tests/e2e/serving_e2e.h"

namespace tfsk::testing {
namespace {

namespace fs = std::filesystem;

std::string ErrorBody(const std::string& message) {
  return "{\n    \"error\": \"" + message + "\"\n}";
}

TEST_CASE("errors over the wire: unknown model/version/label, bad JSON, bad verbs and paths") {
  const std::string m = "saved_model_half_plus_two_cpu";
  auto s = StartModel(m);
  const int port = s->port();

  auto r = s->Post("/v1/models/nope:predict", "{\"instances\": [1.0]}");
  CHECK(r.status == 404);
  CHECK(r.headers["content-type"] == "application/json");
  CHECK(r.body == ErrorBody("Servable not found for request: Latest(nope)"));
  r = s->Get("/v1/models/nope");
  CHECK(r.status == 404);
  CHECK(r.body == ErrorBody("Could not find any versions of model nope"));
  r = s->Post("/v1/models/" + m + "/versions/7:predict", "{\"instances\": [1.0]}");
  CHECK(r.status == 404);
  CHECK(r.body == ErrorBody("Servable not found for request: Specific(" + m + ", 7)"));
  r = s->Post("/v1/models/" + m + "/labels/stable:predict", "{\"instances\": [1.0]}");
  CHECK(r.status == 400);
  CHECK(r.body == ErrorBody("Unrecognized servable version label: stable"));

  r = s->Post("/v1/models/" + m + ":predict", "x");
  CHECK(r.status == 400);
  CHECK(r.body == ErrorBody("JSON Parse error: Invalid value. at offset: 0"));
  r = s->Post("/v1/models/" + m + ":predict", "");
  CHECK(r.status == 400);
  CHECK(r.body == ErrorBody("JSON Parse error: The document is empty"));
  r = s->Post("/v1/models/" + m + ":predict", "{\"instances\": [1.0,}");
  CHECK(r.status == 400);
  CHECK(r.body.find("JSON Parse error: ") != std::string::npos);
  r = s->Post("/v1/models/" + m + ":predict", "{\"signature_name\": \"nope\", \"instances\": [1]}");
  CHECK(r.status == 400);
  CHECK(r.body.find("Serving signature name: \\\"nope\\\" not found in signature def") !=
        std::string::npos);
  r = s->Post("/v1/models/" + m + ":predict", "{\"instances\": [[1.0], [2.0, 3.0]]}");
  CHECK(r.status == 400);
  r = s->Post("/v1/models/" + m + ":predict", "{\"instances\": [\"a\"]}");
  CHECK(r.status == 400);
  CHECK(r.body.find("is not of expected type: float") != std::string::npos);

  r = HttpRequest(port, "PUT", "/v1/models/" + m + ":predict", "{}");
  CHECK(r.status == 400);
  CHECK(r.body == ErrorBody("Malformed request: PUT /v1/models/" + m + ":predict"));
  r = s->Get("/v1/models/" + m + ":predict");
  CHECK(r.status == 400);
  CHECK(r.body == ErrorBody("Malformed request: GET /v1/models/" + m + ":predict"));
  r = s->Get("/v1/models");
  CHECK(r.status == 400);
  CHECK(r.body == ErrorBody("Missing model name in request."));

  for (const char* path : {"/", "/v1", "/healthz", "/monitoring/prometheus/metrics"}) {
    CAPTURE(path);
    r = s->Get(path);
    CHECK(r.status == 404);
    CHECK(r.headers["content-type"] == "text/html");
    CHECK(r.body.find("<H1>Not Found</H1>") != std::string::npos);
  }
  r = HttpRequest(port, "TRACE", "/v1/models/" + m);
  CHECK(r.status == 501);

  // The server is still healthy after all of that.
  CHECK(s->Post("/v1/models/" + m + ":predict", "{\"instances\": [1.0]}").status == 200);
  StopCleanly(*s);
}

TEST_CASE("MODEL_NAME and MODEL_BASE_PATH select ${MODEL_BASE_PATH}/${MODEL_NAME}") {
  auto model = SharedModel("saved_model_half_plus_two_cpu");
  auto s = StartServing({}, {{"MODEL_NAME", "saved_model_half_plus_two_cpu"},
                             {"MODEL_BASE_PATH", model.parent_path().string()}});
  auto r = s->Post("/v1/models/saved_model_half_plus_two_cpu:predict",
                   "{\"instances\": [1.0, 2.0, 5.0]}");
  CHECK(r.body == "{\n    \"predictions\": [2.5, 3.0, 4.5\n    ]\n}");
  StopCleanly(*s);
}

TEST_CASE("startup fails on a broken only version, naming the file") {
  TempDir base;
  auto src = SharedModel("saved_model_half_plus_two_cpu") / "00000123";
  fs::copy(src, base.path() / "1", fs::copy_options::recursive);
  fs::resize_file(base.path() / "1" / "saved_model.pb", 100);
  ServingProcess p({"--model_name=broken", "--model_base_path=" + base.path().string(),
                    "--rest_api_port=0", "--port=0", "--file_system_poll_wait_seconds=1"});
  auto code = p.WaitForExit(std::chrono::seconds(20));
  REQUIRE(code.has_value());
  CHECK(*code != 0);
  CHECK(p.Log().find("saved_model.pb") != std::string::npos);
  CHECK(p.Log().find("Exporting HTTP/REST API") == std::string::npos);
}

TEST_CASE("SIGTERM lets a slow in-flight request finish, then exits 0") {
  const std::string m = "saved_model_half_plus_two_cpu";
  auto s = StartModel(m);
  const std::string body = "{\"instances\": [1.0, 2.0, 5.0]}";
  RawConnection c(s->port());
  c.Send("POST /v1/models/" + m + ":predict HTTP/1.1\r\nHost: x\r\nContent-Length: " +
         std::to_string(body.size()) + "\r\n\r\n" + body.substr(0, 10));
  std::this_thread::sleep_for(std::chrono::milliseconds(100));  // the server is reading the body
  s->Signal(SIGTERM);
  REQUIRE(s->WaitForLog("Received signal", std::chrono::seconds(5)));
  std::this_thread::sleep_for(std::chrono::milliseconds(200));
  c.Send(body.substr(10));
  auto r = c.ReadReply();
  CHECK(r.status == 200);
  CHECK(r.body == "{\n    \"predictions\": [2.5, 3.0, 4.5\n    ]\n}");
  auto code = s->WaitForExit(std::chrono::seconds(10));
  REQUIRE(code.has_value());
  CHECK(*code == 0);
  // New connections are refused once it has gone.
  CHECK(HttpRequest(s->port(), "GET", "/v1/models/" + m).status == 0);
}

TEST_CASE("--rest_api_timeout_in_ms: a model run past it answers 504, others still succeed") {
  // A model whose While loop runs n times (serving/savedmodel/control_flow_model.h), written
  // here so the case needs no fixture.
  TempDir base;
  REQUIRE(serving::savedmodel::WriteSavedModel(base.path() / "1",
                                               serving::savedmodel::ControlFlowModel())
              .ok());
  auto s = StartServing({"--model_name=loops", "--model_base_path=" + base.path().string(),
                         "--rest_api_timeout_in_ms=300"});
  // 2^40 iterations would take days: only the deadline can end this request.
  auto r = s->Post("/v1/models/loops:predict", "{\"inputs\": {\"n\": 1099511627776}}");
  CHECK(r.status == 504);
  CHECK(r.headers["content-type"] == "application/json");
  CHECK(r.body == ErrorBody("Timed out waiting for notification"));
  r = s->Post("/v1/models/loops:predict", "{\"inputs\": {\"n\": 10}}");
  CHECK(r.status == 200);
  CHECK(r.body == "{\n    \"outputs\": 55\n}");
  StopCleanly(*s);
}

}  // namespace
}  // namespace tfsk::testing
