// tf.Example type mismatches through :classify / :regress on the demo half_plus_two (a real
// ParseExample graph): the answers use TensorFlow's fast-parser wording, as
// tfserving-rest.md (section 8) documents.

#include "serving/loader/served_model_test_util.h"

namespace tfsk::serving::loader {
using namespace testing;

TEST_SUITE("tf.Example errors through the REST handler") {
  TEST_CASE("an int64 feature where the model parses float: 400 naming both types") {
    ServedModel m(savedmodel::HalfPlusTwo());
    for (const char* action : {"classify", "regress"}) {
      CAPTURE(action);
      const std::string sig =
          std::string(action) == "classify" ? "classify_x_to_y" : "regress_x_to_y";
      auto r = m.Post(
          action, R"({"signature_name": ")" + sig + R"(", "examples": [{"x": 2.0}, {"x": 2}]})");
      CHECK(r.status == 400);
      CHECK(r.body.find("Name: <unknown>, Key: x, Index: 1.  Data types don't match. "
                        "Data type: int64 but expected type: float") != std::string::npos);
    }
    auto text =
        m.Post("regress", R"({"signature_name": "regress_x_to_y", "examples": [{"x": "two"}]})");
    CHECK(text.status == 400);
    CHECK(text.body.find("Data type: string but expected type: float") != std::string::npos);
    auto ok =
        m.Post("regress", R"({"signature_name": "regress_x_to_y", "examples": [{"x": 2.0}]})");
    CHECK(ok.status == 200);
    CHECK(ok.body == "{\n    \"results\": [3.0]\n}");
  }

  TEST_CASE("a missing or mis-sized feature keeps TensorFlow's wording too") {
    ServedModel m(savedmodel::HalfPlusTwo());
    auto missing =
        m.Post("regress", R"({"signature_name": "regress_x_to_y", "examples": [{"y": 2.0}]})");
    CHECK(missing.status == 400);
    CHECK(missing.body.find("Name: <unknown>, Feature: x (data type: float) is required but "
                            "could not be found.") != std::string::npos);
    auto two = m.Post("regress",
                      R"({"signature_name": "regress_x_to_y", "examples": [{"x": [1.0, 2.0]}]})");
    CHECK(two.status == 400);
    CHECK(two.body.find("Key: x, Index: 0.  Number of float values != expected.  Values size: 2 "
                        "but output shape: [1]") != std::string::npos);
  }
}

}  // namespace tfsk::serving::loader
