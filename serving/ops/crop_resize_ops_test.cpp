#include <doctest/doctest.h>

#include <limits>

#include "serving/ops/op_test_util.h"

namespace tfsk::serving {
using namespace testing;

namespace {
// Two 3x3 one-channel images: v(y, x) = 3y + x, and the same plus 100.
Tensor Images() {
  std::vector<float> v;
  for (int b = 0; b < 2; ++b) {
    for (int i = 0; i < 9; ++i) v.push_back(static_cast<float>(i + 100 * b));
  }
  return F(v, {2, 3, 3, 1});
}
std::vector<float> Crop(OpRunner& r, std::vector<float> box, std::int32_t index, std::int32_t h,
                        std::int32_t w, AttrMap attrs = {}) {
  return Values<float>(r.One(
      "CropAndResize", {Images(), F(std::move(box), {1, 4}), I32({index}, {1}), I32({h, w}, {2})},
      std::move(attrs)));
}
AttrMap Nearest() { return Attrs({{"method", AttrValue::Str("nearest")}}); }
}  // namespace

TEST_SUITE("crop and resize ops") {
  TEST_CASE("CropAndResize bilinear: whole image, sub-box, interpolation, centre, flip") {
    OpRunner r;
    CHECK(Crop(r, {0, 0, 1, 1}, 0, 3, 3) == std::vector<float>{0, 1, 2, 3, 4, 5, 6, 7, 8});
    CHECK(Crop(r, {0, 0, 0.5f, 0.5f}, 0, 2, 2) == std::vector<float>{0, 1, 3, 4});
    CHECK(Crop(r, {0, 0, 0.25f, 0.25f}, 0, 2, 2) == std::vector<float>{0, 0.5f, 1.5f, 2});
    CHECK(Crop(r, {0.25f, 0.25f, 0.75f, 0.75f}, 1, 1, 1) == std::vector<float>{104});
    CHECK(Crop(r, {1, 0, 0, 1}, 0, 3, 1) == std::vector<float>{7, 4, 1});
    Tensor shaped = r.One("CropAndResize", {Images(), F({0, 0, 1, 1, 0, 0, 1, 1}, {2, 4}),
                                            I32({1, 0}, {2}), I32({2, 3}, {2})});
    CHECK(shaped.shape() == Shape{2, 2, 3, 1});
    CHECK(Values<float>(shaped)[0] == 100);
    CHECK(Values<float>(shaped)[6] == 0);
  }

  TEST_CASE("CropAndResize: extrapolation outside the image, nearest sampling, integer images") {
    OpRunner r;
    auto attrs = Attrs({{"extrapolation_value", AttrValue::Float(9.5f)}});
    CHECK(Crop(r, {-0.5f, 0, 0.5f, 1}, 0, 3, 3, attrs) ==
          std::vector<float>{9.5f, 9.5f, 9.5f, 0, 1, 2, 3, 4, 5});
    CHECK(Crop(r, {0, 0, 0.25f, 0.25f}, 0, 2, 2, Nearest()) == std::vector<float>{0, 1, 3, 4});
    Tensor u8 = T_<std::uint8_t>({10, 20, 30, 40}, {1, 2, 2, 1});
    CHECK(Values<float>(r.One("CropAndResize",
                              {u8, F({0, 0, 1, 1}, {1, 4}), I32({0}, {1}), I32({1, 3}, {2})})) ==
          std::vector<float>{20, 25, 30});  // one row: the box centre, y = 0.5
  }

  TEST_CASE("CropAndResize errors carry TensorFlow's text") {
    OpRunner r;
    const Tensor size = I32({2, 2}, {2});
    auto out = r.Run("CropAndResize", {Images(), F({0, 0, 1, 1}, {1, 4}), I32({2}, {1}), size});
    REQUIRE_FALSE(out.ok());
    CHECK(out.status().code() == Code::kOutOfRange);
    CHECK(out.status().message() == "box_index has values outside [0, batch_size)");
    CHECK(r.Error("CropAndResize", {Images(), F({0, 0, 1}, {1, 3}), I32({0}, {1}), size}) ==
          "boxes must have 4 columns");
    const float nan = std::numeric_limits<float>::quiet_NaN();
    CHECK(r.Error("CropAndResize", {Images(), F({0, nan, 1, 0.5f}, {1, 4}), I32({0}, {1}), size}) ==
          "boxes values must be finite, received boxes[0]: 0, nan, 1, 0.5");
    CHECK(r.Error("CropAndResize", {Images(), F({0, 0, 1, 1}, {1, 4}), I32({0, 0}, {2}), size}) ==
          "box_index has incompatible shape");
    CHECK(r.Error("CropAndResize", {Images(), F({0, 0, 1, 1}, {1, 4}), I32({0}, {1}),
                                    I32({0, 2}, {2})}) == "crop dimensions must be positive");
    CHECK(r.Error("CropAndResize", {F({1, 2}, {2}), F({0, 0, 1, 1}, {1, 4}), I32({0}, {1}),
                                    size}) == "input image must be 4-D[2]");
    CHECK(r.Error("CropAndResize", {Images(), F({0, 0, 1, 1}, {1, 4}), I32({0}, {1}), size},
                  Attrs({{"method", AttrValue::Str("bicubic")}})) ==
          "method must be 'bilinear' or 'nearest'bicubic");
  }
}

}  // namespace tfsk::serving
