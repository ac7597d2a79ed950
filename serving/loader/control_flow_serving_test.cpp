// The control-flow model loaded from disk like any SavedModel and asked through the pure REST
// handler: If/While answers, and --rest_api_timeout_in_ms as a 504 for a loop that runs long.

#include "serving/loader/served_model_test_util.h"
#include "serving/savedmodel/control_flow_model.h"

namespace tfsk::serving::loader {
using namespace testing;
using namespace std::chrono_literals;

TEST_SUITE("control flow through the REST handler") {
  TEST_CASE("the While signature sums and the If signature branches") {
    ServedModel m(savedmodel::ControlFlowModel());
    auto r = m.Post("predict", R"({"inputs": {"n": 10}})", 30s);
    CHECK(r.status == 200);
    CHECK(r.body == "{\n    \"outputs\": 55\n}");
    r = m.Post("predict", R"({"signature_name": "relu_or_negate",
                              "inputs": {"x": [-1.5, 2.0], "use_relu": false}})");
    CHECK(r.status == 200);
    CHECK(r.body == "{\n    \"outputs\": [\n        1.5,\n        -2.0\n    ]\n}");
  }

  TEST_CASE("a run longer than --rest_api_timeout_in_ms answers 504 with TensorFlow's text") {
    ServedModel m(savedmodel::ControlFlowModel());
    // 2^40 iterations would take days; the 50 ms deadline ends the loop.
    auto r = m.Post("predict", R"({"inputs": {"n": 1099511627776}})", 50ms);
    CHECK(r.status == 504);
    CHECK(r.body == "{\n    \"error\": \"Timed out waiting for notification\"\n}");
    // The servable keeps answering; without a timeout the same kind of request completes.
    r = m.Post("predict", R"({"inputs": {"n": 1000}})");
    CHECK(r.status == 200);
    CHECK(r.body == "{\n    \"outputs\": 500500\n}");
  }
}

}  // namespace tfsk::serving::loader
