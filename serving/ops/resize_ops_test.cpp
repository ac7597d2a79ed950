#include <doctest/doctest.h>

#include "serving/ops/op_test_util.h"

namespace tfsk::serving {
using namespace testing;

namespace {
Tensor TwoByTwo() { return F({1, 2, 3, 4}, {1, 2, 2, 1}); }
AttrMap Flags(bool align, bool half) {
  return Attrs(
      {{"align_corners", AttrValue::Bool(align)}, {"half_pixel_centers", AttrValue::Bool(half)}});
}
}  // namespace

TEST_SUITE("resize ops") {
  TEST_CASE("ResizeBilinear legacy mapping (o * in/out) clamps at the far edge") {
    OpRunner r;
    Tensor out = r.One("ResizeBilinear", {TwoByTwo(), I32({4, 4}, {2})});
    CHECK(out.shape() == Shape{1, 4, 4, 1});
    CHECK(Values<float>(out) ==
          std::vector<float>{1, 1.5f, 2, 2, 2, 2.5f, 3, 3, 3, 3.5f, 4, 4, 3, 3.5f, 4, 4});
  }

  TEST_CASE("ResizeBilinear align_corners and half_pixel_centers") {
    OpRunner r;
    CHECK(Values<float>(
              r.One("ResizeBilinear", {TwoByTwo(), I32({3, 3}, {2})}, Flags(true, false))) ==
          std::vector<float>{1, 1.5f, 2, 2, 2.5f, 3, 3, 3.5f, 4});
    CHECK(Values<float>(
              r.One("ResizeBilinear", {TwoByTwo(), I32({4, 4}, {2})}, Flags(false, true))) ==
          std::vector<float>{1, 1.25f, 1.75f, 2, 1.5f, 1.75f, 2.25f, 2.5f, 2.5f, 2.75f, 3.25f, 3.5f,
                             3, 3.25f, 3.75f, 4});
    Tensor from_int =
        r.One("ResizeBilinear", {T_<std::uint8_t>({0, 10}, {1, 1, 2, 1}), I32({1, 3}, {2})},
              Flags(true, false));
    CHECK(from_int.dtype() == DataType::kFloat);
    CHECK(Values<float>(from_int) == std::vector<float>{0, 5, 10});
  }

  TEST_CASE("ResizeNearestNeighbor: legacy, align_corners, half_pixel_centers, keeps the dtype") {
    OpRunner r;
    Tensor up = r.One("ResizeNearestNeighbor", {TwoByTwo(), I32({4, 4}, {2})});
    CHECK(Values<float>(up) == std::vector<float>{1, 1, 2, 2, 1, 1, 2, 2, 3, 3, 4, 4, 3, 3, 4, 4});
    Tensor nine = I32({1, 2, 3, 4, 5, 6, 7, 8, 9}, {1, 3, 3, 1});
    CHECK(Values<std::int32_t>(r.One("ResizeNearestNeighbor", {nine, I32({2, 2}, {2})})) ==
          std::vector<std::int32_t>{1, 2, 4, 5});
    CHECK(Values<std::int32_t>(r.One("ResizeNearestNeighbor", {nine, I32({2, 2}, {2})},
                                     Flags(true, false))) == std::vector<std::int32_t>{1, 3, 7, 9});
    CHECK(Values<std::int32_t>(r.One("ResizeNearestNeighbor", {nine, I32({2, 2}, {2})},
                                     Flags(false, true))) == std::vector<std::int32_t>{1, 3, 7, 9});
  }

  TEST_CASE("resize argument errors") {
    OpRunner r;
    CHECK(r.Error("ResizeBilinear", {TwoByTwo(), I32({2, 2}, {2})}, Flags(true, true)) ==
          "If half_pixel_centers is True, align_corners must be False.");
    CHECK(r.Error("ResizeBilinear", {TwoByTwo(), I32({2, 2, 2}, {3})}) ==
          "shape_t must have two elements[3]");
    CHECK(r.Error("ResizeNearestNeighbor", {F({1}, {1}), I32({2, 2}, {2})}) ==
          "input must be 4-dimensional[1]");
    CHECK(r.Error("ResizeNearestNeighbor", {TwoByTwo(), I32({0, 2}, {2})}) ==
          "output dimensions must be positive");
  }
  // Expected values below are the cubic convolution kernel evaluated by hand: upsampling by 2
  // samples offsets 0 and 1/2, where legacy (a = -0.75) weights are [-3/32, 19/32, 19/32, -3/32].
  TEST_CASE("ResizeBicubic legacy: identity at scale 1, hand-computed 2x upsampling, both axes") {
    OpRunner r;
    Tensor row = F({0, 10, 20, 40}, {1, 1, 4, 1});
    CHECK(Values<float>(r.One("ResizeBicubic", {row, I32({1, 4}, {2})})) ==
          std::vector<float>{0, 10, 20, 40});
    const std::vector<float> want{0, 4.0625f, 10, 14.0625f, 20, 30.9375f, 40, 41.875f};
    const auto up = Values<float>(r.One("ResizeBicubic", {row, I32({1, 8}, {2})}));
    const auto down =
        Values<float>(r.One("ResizeBicubic", {F({0, 10, 20, 40}, {1, 4, 1, 1}), I32({8, 1}, {2})}));
    for (std::size_t i = 0; i < want.size(); ++i) {
      CAPTURE(i);
      CHECK(up[i] == doctest::Approx(want[i]).epsilon(1e-5));
      CHECK(down[i] == doctest::Approx(want[i]).epsilon(1e-5));
    }
    // A constant image stays constant (the weights sum to one), over channels and batches.
    const auto flat = Values<float>(r.One(
        "ResizeBicubic", {I32(std::vector<std::int32_t>(18, 7), {2, 3, 3, 1}), I32({5, 4}, {2})}));
    CHECK(flat.size() == 40);
    for (float v : flat) CHECK(v == doctest::Approx(7).epsilon(1e-5));
  }

  TEST_CASE(
      "ResizeBicubic half_pixel_centers: Keys a = -0.5, outside taps dropped and renormalized") {
    OpRunner r;
    const auto out = Values<float>(r.One(
        "ResizeBicubic", {F({0, 10, 20, 40}, {1, 1, 4, 1}), I32({1, 8}, {2})}, Flags(false, true)));
    REQUIRE(out.size() == 8);
    // o = 0 samples -0.25: only pixels 0 and 1 are inside, weights k(0.25), k(1.25) / their sum.
    CHECK(out[0] == doctest::Approx(-0.0703125 * 10 / (0.8671875 - 0.0703125)).epsilon(1e-5));
    // o = 3 samples 1.25: all four inside, weights k(1.25) k(0.25) k(0.75) k(1.75).
    CHECK(out[3] == doctest::Approx(12.265625).epsilon(1e-5));
    CHECK(r.Error("ResizeBicubic", {F({1}, {1, 1, 1, 1}), I32({2, 2}, {2})}, Flags(true, true)) ==
          "If half_pixel_centers is True, align_corners must be False.");
  }
  // TensorFlow's own example: 4 -> 3 has scale 4/3; output 0 covers input 0 and a third of 1,
  // output 1 two thirds of 1 and of 2, output 2 a third of 2 and all of 3; each sum times 3/4.
  TEST_CASE("ResizeArea: hand-computed cover fractions, block means, upsampling, align_corners") {
    OpRunner r;
    const auto thirds =
        Values<float>(r.One("ResizeArea", {F({3, 6, 9, 12}, {1, 1, 4, 1}), I32({1, 3}, {2})}));
    REQUIRE(thirds.size() == 3);
    CHECK(thirds[0] == doctest::Approx(3.75).epsilon(1e-6));
    CHECK(thirds[1] == doctest::Approx(7.5).epsilon(1e-6));
    CHECK(thirds[2] == doctest::Approx(11.25).epsilon(1e-6));
    // 4x4 -> 2x2: the mean of each 2x2 block, per channel; uint8 in, float out.
    std::vector<std::uint8_t> px;
    for (int i = 0; i < 16; ++i) {
      px.push_back(static_cast<std::uint8_t>(i));
      px.push_back(static_cast<std::uint8_t>(100 - i));
    }
    Tensor blocks = r.One("ResizeArea", {T_<std::uint8_t>(px, {1, 4, 4, 2}), I32({2, 2}, {2})});
    CHECK(blocks.dtype() == DataType::kFloat);
    CHECK(Values<float>(blocks) ==
          std::vector<float>{2.5f, 97.5f, 4.5f, 95.5f, 10.5f, 89.5f, 12.5f, 87.5f});
    // Upsampling 2 -> 4 repeats pixels.
    CHECK(Values<float>(r.One("ResizeArea", {F({1, 2}, {1, 1, 2, 1}), I32({1, 4}, {2})})) ==
          std::vector<float>{1, 1, 2, 2});
    // align_corners: scale (3 - 1) / (2 - 1) = 2; output 1 covers cells 2 and 3, and cell 3 is
    // past the image, so it reads cell 2 again.
    CHECK(Values<float>(r.One("ResizeArea", {F({1, 3, 7}, {1, 1, 3, 1}), I32({1, 2}, {2})},
                              Attrs({{"align_corners", AttrValue::Bool(true)}}))) ==
          std::vector<float>{2, 7});
    CHECK(r.Error("ResizeArea", {F({1}, {1, 1}), I32({2, 2}, {2})}) ==
          "input must be 4-dimensional[1,1]");
  }
}

}  // namespace tfsk::serving
