#include <doctest/doctest.h>

#include <algorithm>
#include <cmath>

#include "serving/ops/op_test_util.h"

namespace tfsk::serving {
using namespace testing;

namespace {
// tf.image.convert_image_dtype both ways, as the Python wrappers of the adjust ops run it: uint8
// to float multiplies by 1/255, float to uint8 by 255.5 and truncates (saturating).
Tensor FromBytes(const std::vector<int>& bytes, Shape shape) {
  std::vector<float> v;
  for (int b : bytes) v.push_back(static_cast<float>(b) * static_cast<float>(1.0 / 255));
  return F(v, std::move(shape));
}
std::vector<int> ToBytes(const Tensor& t) {
  std::vector<int> out;
  for (float f : Values<float>(t)) {
    out.push_back(static_cast<int>(std::clamp(f * 255.5f, 0.0f, 255.0f)));
  }
  return out;
}
void CheckNear(const std::vector<float>& got, const std::vector<float>& want) {
  REQUIRE(got.size() == want.size());
  for (std::size_t i = 0; i < want.size(); ++i) {
    CAPTURE(i);
    CHECK(got[i] == doctest::Approx(want[i]).epsilon(1e-6));
  }
}
// TensorFlow's own test image (python/ops/image_ops_test.py), 2 x 2 RGB.
const std::vector<int> kPixels{0, 5, 13, 54, 135, 226, 37, 8, 234, 90, 255, 1};
}  // namespace

TEST_SUITE("color ops") {
  TEST_CASE("RGBToHSV: primaries, grey, black and hand-computed hues") {
    OpRunner r;
    Tensor rgb =
        F({1, 0, 0, 0, 1, 0, 0, 0, 1, 0.5f, 0.5f, 0.5f, 0, 0, 0, 1, 0, 0.5f, 0.2f, 0.4f, 0.1f},
          {7, 3});
    // (1, 0, 0.5): max r, hue (0 - 0.5) / 6 = -1/12 -> 11/12. (0.2, 0.4, 0.1): max g, range 0.3,
    // hue (0.1 - 0.2) / (6 * 0.3) + 2/6.
    CheckNear(Values<float>(r.One("RGBToHSV", {rgb})), {0,
                                                        1,
                                                        1,
                                                        1.0f / 3,
                                                        1,
                                                        1,
                                                        2.0f / 3,
                                                        1,
                                                        1,
                                                        0,
                                                        0,
                                                        0.5f,
                                                        0,
                                                        0,
                                                        0,
                                                        11.0f / 12,
                                                        1,
                                                        1,
                                                        -0.1f / 1.8f + 1.0f / 3,
                                                        0.75f,
                                                        0.4f});
  }

  TEST_CASE("HSVToRGB inverts RGBToHSV, float and double, any rank") {
    OpRunner r;
    Tensor rgb =
        F({0.9f, 0.1f, 0.3f, 0.2f, 0.7f, 0.4f, 0.05f, 0.3f, 0.95f, 0.6f, 0.6f, 0.1f}, {2, 2, 3});
    Tensor back = r.One("HSVToRGB", {r.One("RGBToHSV", {rgb})});
    CHECK(back.shape() == Shape{2, 2, 3});
    CheckNear(Values<float>(back), Values<float>(rgb));
    Tensor d = T_<double>({0.25, 0.5, 0.8}, {3});
    Tensor rgb_d = r.One("HSVToRGB", {d});
    CHECK(rgb_d.dtype() == DataType::kDouble);
    // Hue 1/4 (between yellow and green): r = 2 - 1.5 = 0.5 of full, g full, b none; with S 0.5,
    // V 0.8: ((1 - S) + S * d) * V.
    const auto v = Values<double>(rgb_d);
    CHECK(v[0] == doctest::Approx(0.6));
    CHECK(v[1] == doctest::Approx(0.8));
    CHECK(v[2] == doctest::Approx(0.4));
  }

  TEST_CASE("RGBToHSV/HSVToRGB errors") {
    OpRunner r;
    CHECK(r.Error("RGBToHSV", {F({1, 2}, {1, 2})}) ==
          "input must have 3 channels but input only has 2 channels.");
    CHECK(r.Error("HSVToRGB", {F({1}, {})}) == "input must be at least 1D[]");
    CHECK(r.Error("RGBToHSV", {I32({1, 2, 3}, {3})}) ==
          "No kernel for op RGBToHSV with dtype int32");
  }

  TEST_CASE("AdjustHue matches TensorFlow's published results (image_ops_test.py)") {
    OpRunner r;
    const Tensor image = FromBytes(kPixels, {2, 2, 3});
    CHECK(ToBytes(r.One("AdjustHue", {image, F({-0.25f}, {})})) ==
          std::vector<int>{0, 13, 1, 54, 226, 59, 8, 234, 150, 255, 39, 1});
    CHECK(ToBytes(r.One("AdjustHue", {image, F({0.25f}, {})})) ==
          std::vector<int>{13, 0, 11, 226, 54, 221, 234, 8, 92, 1, 217, 255});
    // Red turned by a third is green, by -1/6 magenta; a whole turn is the identity.
    CheckNear(Values<float>(r.One("AdjustHue", {F({1, 0, 0}, {1, 1, 3}), F({1.0f / 3}, {})})),
              {0, 1, 0});
    CheckNear(Values<float>(r.One("AdjustHue", {F({1, 0, 0}, {1, 1, 3}), F({-1.0f / 6}, {})})),
              {1, 0, 1});
  }

  TEST_CASE("AdjustSaturation matches TensorFlow's published half-saturation result") {
    OpRunner r;
    CHECK(ToBytes(r.One("AdjustSaturation", {FromBytes(kPixels, {2, 2, 3}), F({0.5f}, {})})) ==
          std::vector<int>{6, 9, 13, 140, 180, 226, 135, 121, 234, 172, 255, 128});
    // Scale 0 is grey at the pixel's value; saturation is capped at 1.
    CheckNear(
        Values<float>(r.One("AdjustSaturation", {F({0.8f, 0.2f, 0.4f}, {1, 1, 3}), F({0}, {})})),
        {0.8f, 0.8f, 0.8f});
    CheckNear(
        Values<float>(r.One("AdjustSaturation", {F({0.8f, 0.2f, 0.4f}, {1, 1, 3}), F({10}, {})})),
        {0.8f, 0, 0.8f / 3});
  }

  TEST_CASE("AdjustContrastv2: (x - mean) * factor + mean per image and channel") {
    OpRunner r;
    // Two 2x1 images with 2 channels; means (1, 10), (5, 0).
    Tensor x = F({0, 8, 2, 12, 4, -2, 6, 2}, {2, 2, 1, 2});
    CHECK(Values<float>(r.One("AdjustContrastv2", {x, F({2}, {})})) ==
          std::vector<float>{-1, 6, 3, 14, 3, -4, 7, 4});
    CHECK(Values<float>(r.One("AdjustContrastv2", {x, F({0}, {})})) ==
          std::vector<float>{1, 10, 1, 10, 5, 0, 5, 0});
  }

  TEST_CASE("adjust op errors, with TensorFlow's texts") {
    OpRunner r;
    CHECK(r.Error("AdjustHue", {F({1, 2, 3}, {1, 3}), F({0}, {})}) ==
          "input must be at least 3-D, got shape[1,3]");
    CHECK(r.Error("AdjustHue", {F({1, 2, 3}, {1, 1, 3}), F({0, 0}, {2})}) ==
          "delta must be scalar: [2]");
    CHECK(r.Error("AdjustSaturation", {F({1, 2}, {1, 1, 2}), F({0}, {})}) ==
          "input must have 3 channels but instead has 2 channels.");
    CHECK(r.Error("AdjustContrastv2", {F({1, 2}, {1, 1, 2}), F({1, 1}, {2})}) ==
          "contrast_factor must be scalar: [2]");
    CHECK(r.Error("AdjustContrastv2", {T_<double>({1, 2}, {1, 1, 2}), F({1}, {})})
              .find("No kernel for op AdjustContrastv2 with dtype double") == 0);
  }
}

}  // namespace tfsk::serving
