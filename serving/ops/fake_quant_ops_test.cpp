#include <doctest/doctest.h>

#include "serving/ops/op_test_util.h"

namespace tfsk::serving {
using namespace testing;

// Ranges whose step is a power of two (0.25, 0.5) keep every expected value exact in float.
TEST_SUITE("fake quant ops") {
  TEST_CASE("FakeQuantWithMinMaxArgs: a range already on the grid clamps and rounds to 0.25") {
    OpRunner r;
    // 8 bits over [-10, 53.75]: step (53.75 + 10) / 255 = 0.25, zero point 40 exactly.
    const AttrMap a = Attrs({{"min", AttrValue::Float(-10.0f)}, {"max", AttrValue::Float(53.75f)}});
    Tensor y = r.One(
        "FakeQuantWithMinMaxArgs",
        {F({-10.1f, -10.0f, -9.9f, -9.8f, -9.75f, 0.1f, 0.13f, 53.5f, 53.8f, 99.0f}, {10})}, a);
    CHECK(Values<float>(y) == std::vector<float>{-10.0f, -10.0f, -10.0f, -9.75f, -9.75f, 0.0f,
                                                 0.25f, 53.5f, 53.75f, 53.75f});
  }

  TEST_CASE("FakeQuantWithMinMaxArgs: the range is nudged so that 0 is a step") {
    OpRunner r;
    // [-0.1, 63.65]: step 0.25, zero point 0.4 rounds to 0, so the range becomes [0, 63.75].
    Tensor y =
        r.One("FakeQuantWithMinMaxArgs", {F({-0.1f, 0.0f, 0.12f, 0.13f, 63.65f, 63.8f}, {6})},
              Attrs({{"min", AttrValue::Float(-0.1f)}, {"max", AttrValue::Float(63.65f)}}));
    CHECK(Values<float>(y) == std::vector<float>{0.0f, 0.0f, 0.0f, 0.25f, 63.75f, 63.75f});

    // narrow_range uses steps 1..255: [-0.1, 63.4] has step 63.5 / 254 = 0.25 and becomes
    // [0, 63.5].
    Tensor n = r.One("FakeQuantWithMinMaxArgs", {F({-1.0f, 63.4f, 70.0f}, {3})},
                     Attrs({{"min", AttrValue::Float(-0.1f)},
                            {"max", AttrValue::Float(63.4f)},
                            {"narrow_range", AttrValue::Bool(true)}}));
    CHECK(Values<float>(n) == std::vector<float>{0.0f, 63.5f, 63.5f});

    // 4 bits (steps 0..15) over [-1, 2]: step 0.2, a grid that float cannot hold exactly, so
    // compare within a float's rounding.
    Tensor b = r.One("FakeQuantWithMinMaxArgs", {F({-2.0f, -0.11f, 0.29f, 5.0f}, {2, 2})},
                     Attrs({{"min", AttrValue::Float(-1.0f)},
                            {"max", AttrValue::Float(2.0f)},
                            {"num_bits", AttrValue::Int(4)}}));
    CHECK(b.shape() == Shape{2, 2});
    const std::vector<float> got = Values<float>(b);
    const std::vector<float> want{-1.0f, -0.2f, 0.2f, 2.0f};
    for (std::size_t i = 0; i < want.size(); ++i) CHECK(got[i] == doctest::Approx(want[i]));
  }

  TEST_CASE("FakeQuantWithMinMaxVars: scalar range inputs, and an all-zero range") {
    OpRunner r;
    Tensor y = r.One("FakeQuantWithMinMaxVars",
                     {F({-11.0f, -9.9f, 0.3f, 60.0f}, {4}), F({-10.0f}, {}), F({53.75f}, {})});
    CHECK(Values<float>(y) == std::vector<float>{-10.0f, -10.0f, 0.25f, 53.75f});
    Tensor z =
        r.One("FakeQuantWithMinMaxVars", {F({1.5f, -2.0f}, {2}), F({0.0f}, {}), F({0.0f}, {})});
    CHECK(Values<float>(z) == std::vector<float>{0.0f, 0.0f});
  }

  TEST_CASE("FakeQuantWithMinMaxVarsPerChannel: one range per last-dimension channel") {
    OpRunner r;
    // Channel 0 over [-10, 53.75] (step 0.25), channel 1 over [0, 127.5] (step 0.5), channel 2
    // untrained (0, 0): zeros.
    Tensor y = r.One("FakeQuantWithMinMaxVarsPerChannel",
                     {F({-20.0f, 0.3f, 5.0f, 0.13f, 0.3f, -5.0f}, {2, 3}),
                      F({-10.0f, 0.0f, 0.0f}, {3}), F({53.75f, 127.5f, 0.0f}, {3})});
    CHECK(Values<float>(y) == std::vector<float>{-10.0f, 0.5f, 0.0f, 0.25f, 0.5f, 0.0f});
  }

  TEST_CASE("fake quant errors, with TensorFlow's texts") {
    OpRunner r;
    CHECK(r.Error("FakeQuantWithMinMaxArgs", {F({1.0f}, {1})},
                  Attrs({{"min", AttrValue::Float(1.0f)}, {"max", AttrValue::Float(1.0f)}})) ==
          "min has to be smaller than max, was: 1 >= 1");
    CHECK(r.Error("FakeQuantWithMinMaxArgs", {F({1.0f}, {1})},
                  Attrs({{"num_bits", AttrValue::Int(1)}})) ==
          "num_bits must be between 2 and 16, inclusive");
    CHECK(r.Error("FakeQuantWithMinMaxVars", {F({1.0f}, {1}), F({-1.0f}, {1}), F({1.0f}, {})}) ==
          "`min` must be rank 0 but is rank 1");
    CHECK(r.Error("FakeQuantWithMinMaxVarsPerChannel",
                  {F({1.0f, 2.0f}, {1, 2}), F({-1.0f, -1.0f, -1.0f}, {3}), F({1.0f, 1.0f}, {2})}) ==
          "min has incorrect size, expected 2 was 3");
    CHECK(r.Error("FakeQuantWithMinMaxArgs", {I32({1}, {1})}).find("float") != std::string::npos);
  }
}

}  // namespace tfsk::serving
