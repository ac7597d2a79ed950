// The TF1 control-flow model (Switch/Merge conds, an Enter/Exit while loop) written to disk,
// loaded like any SavedModel (restore included), asked through the pure REST handler and read
// by `tfsk model inspect`, which must not list its control-flow ops as unsupported.

#include "serving/loader/inspect.h"
#include "serving/loader/served_model_test_util.h"
#include "serving/savedmodel/tf1_control_flow_model.h"

namespace tfsk::serving::loader {
using namespace testing;

TEST_SUITE("TF1 control flow through the REST handler") {
  TEST_CASE("the learning-phase cond serves inference by default and training when fed") {
    ServedModel m(savedmodel::Tf1ControlFlowModel());
    auto r = m.Post("predict", R"({"instances": [1.0, -2.0]})");
    CHECK(r.status == 200);
    CHECK(r.body == "{\n    \"predictions\": [3.0, -6.0\n    ]\n}");
    r = m.Post("predict", R"({"signature_name": "training",
                              "inputs": {"x": [1.0, -2.0], "keras_learning_phase": true}})");
    CHECK(r.status == 200);
    CHECK(r.body == "{\n    \"outputs\": [\n        6.0,\n        -12.0\n    ]\n}");
    r = m.Post("predict", R"({"signature_name": "training",
                              "inputs": {"x": [1.0], "keras_learning_phase": false}})");
    CHECK(r.status == 200);
    CHECK(r.body == "{\n    \"outputs\": [\n        3.0\n    ]\n}");
  }

  TEST_CASE("the TF1 while loop sums 1..n") {
    ServedModel m(savedmodel::Tf1ControlFlowModel());
    for (const auto& [n, total] :
         std::vector<std::pair<int, std::string>>{{10, "55"}, {0, "0"}, {1000, "500500"}}) {
      CAPTURE(n);
      auto r = m.Post("predict",
                      R"({"signature_name": "sum", "inputs": {"n": )" + std::to_string(n) + "}}");
      CHECK(r.status == 200);
      CHECK(r.body == "{\n    \"outputs\": " + total + "\n}");
    }
  }

  TEST_CASE(
      "model inspect lists Switch, Merge, Enter, Exit, NextIteration and LoopCond as supported") {
    tfsk::testing::TempDir dir;
    REQUIRE(savedmodel::WriteSavedModel(dir.path() / "1", savedmodel::Tf1ControlFlowModel()).ok());
    auto report = InspectSavedModel(dir.path() / "1");
    REQUIRE_MESSAGE(report.ok(), report.status().ToString());
    CHECK(report->unsupported_ops.empty());
    for (const char* op : {"Switch", "Merge", "Enter", "Exit", "NextIteration", "LoopCond"}) {
      CAPTURE(op);
      CHECK(std::find(report->op_types.begin(), report->op_types.end(), op) !=
            report->op_types.end());
    }
  }
}

}  // namespace tfsk::serving::loader
