#include <doctest/doctest.h>

#include <cmath>

#include "serving/ops/op_test_util.h"

namespace tfsk::serving {
using namespace testing;

namespace {
// TensorFlow's documented example: three overlapping boxes near the origin, one at y=10 and
// two at y=100 (the last two identical).
Tensor Boxes() {
  return F({0, 0,  1, 1,  0, 0.1f,  1, 1.1f,  0, -0.1f, 1, 0.9f,
            0, 10, 1, 11, 0, 10.1f, 1, 11.1f, 0, 100,   1, 101},
           {6, 4});
}
Tensor Scores() { return F({0.9f, 0.75f, 0.6f, 0.95f, 0.5f, 0.3f}, {6}); }
}  // namespace

TEST_SUITE("nms ops") {
  TEST_CASE("NonMaxSuppressionV3 keeps the best of each overlapping cluster, by score") {
    OpRunner r;
    Tensor sel =
        r.One("NonMaxSuppressionV3", {Boxes(), Scores(), I32({3}, {}), F({0.5f}, {}), F({0}, {})});
    CHECK(Values<std::int32_t>(sel) == std::vector<std::int32_t>{3, 0, 5});
    Tensor thresholded = r.One("NonMaxSuppressionV3",
                               {Boxes(), Scores(), I32({3}, {}), F({0.5f}, {}), F({0.4f}, {})});
    CHECK(Values<std::int32_t>(thresholded) == std::vector<std::int32_t>{3, 0});
    CHECK(Values<std::int32_t>(
              r.One("NonMaxSuppressionV2", {Boxes(), Scores(), I32({1}, {}), F({0.5f}, {})})) ==
          std::vector<std::int32_t>{3});
  }

  TEST_CASE("NonMaxSuppressionV4 pads to max_output_size and reports the valid count") {
    OpRunner r;
    auto out = r.Run("NonMaxSuppressionV4",
                     {Boxes(), Scores(), I32({5}, {}), F({0.5f}, {}), F({0.4f}, {})},
                     Attrs({{"pad_to_max_output_size", AttrValue::Bool(true)}}));
    REQUIRE(out.ok());
    CHECK(Values<std::int32_t>((*out)[0]) == std::vector<std::int32_t>{3, 0, 0, 0, 0});
    CHECK((*out)[1].flat<std::int32_t>()[0] == 2);
  }

  TEST_CASE("NonMaxSuppressionV5: sigma 0 is hard NMS, soft NMS decays overlapping scores") {
    OpRunner r;
    auto hard = r.Run("NonMaxSuppressionV5",
                      {Boxes(), Scores(), I32({6}, {}), F({0.5f}, {}), F({0}, {}), F({0}, {})});
    REQUIRE(hard.ok());
    CHECK(Values<std::int32_t>((*hard)[0]) == std::vector<std::int32_t>{3, 0, 5});
    CHECK(Values<float>((*hard)[1]) == std::vector<float>{0.95f, 0.9f, 0.3f});
    CHECK((*hard)[2].flat<std::int32_t>()[0] == 3);
    // Two identical boxes: soft NMS keeps both, the second decayed by exp(-0.5 * 1 / sigma).
    Tensor twins = F({0, 0, 1, 1, 0, 0, 1, 1}, {2, 4});
    auto soft = r.Run("NonMaxSuppressionV5", {twins, F({0.9f, 0.8f}, {2}), I32({2}, {}),
                                              F({0.5f}, {}), F({0}, {}), F({0.5f}, {})});
    REQUIRE(soft.ok());
    CHECK(Values<std::int32_t>((*soft)[0]) == std::vector<std::int32_t>{0, 1});
    CHECK((*soft)[1].flat<float>()[1] == doctest::Approx(0.8f * std::exp(-1.0f)));
  }

  TEST_CASE("NMS argument errors") {
    OpRunner r;
    CHECK(r.Error("NonMaxSuppressionV3",
                  {F({0, 0, 1}, {1, 3}), F({1}, {1}), I32({1}, {}), F({0.5f}, {}), F({0}, {})}) ==
          "boxes must have 4 columns");
    CHECK(r.Error("NonMaxSuppressionV3", {Boxes(), Scores(), I32({1}, {}), F({1.5f}, {}),
                                          F({0}, {})}) == "iou_threshold must be in [0, 1]");
    CHECK(r.Error("NonMaxSuppressionV3",
                  {Boxes(), Scores(), I32({1, 2}, {2}), F({0.5f}, {}), F({0}, {})}) ==
          "max_output_size must be 0-D, got shape [2]");
  }
}

}  // namespace tfsk::serving
