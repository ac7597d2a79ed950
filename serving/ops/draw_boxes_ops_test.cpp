#include <doctest/doctest.h>

#include "serving/ops/op_test_util.h"

namespace tfsk::serving {
using namespace testing;

TEST_SUITE("draw boxes") {
  TEST_CASE("DrawBoundingBoxes outlines a box in the first default colour (grey: 1)") {
    OpRunner r;
    // 5x5 grey zeros; box (0.25, 0.25, 0.75, 0.75) -> rows and cols 1..3.
    Tensor image = F(std::vector<float>(25, 0), {1, 5, 5, 1});
    Tensor out = r.One("DrawBoundingBoxes", {image, F({0.25f, 0.25f, 0.75f, 0.75f}, {1, 1, 4})});
    CHECK(Values<float>(out) == std::vector<float>{0, 0, 0, 0, 0,  //
                                                   0, 1, 1, 1, 0,  //
                                                   0, 1, 0, 1, 0,  //
                                                   0, 1, 1, 1, 0,  //
                                                   0, 0, 0, 0, 0});
  }

  TEST_CASE("DrawBoundingBoxesV2: colours round-robin, clipped edges, skipped boxes") {
    OpRunner r;
    Tensor image = F(std::vector<float>(4 * 4 * 3, 0.5f), {1, 4, 4, 3});
    // Box 0 spills past the right/bottom edge (only its top and left edges are drawn); box 1 is
    // inverted and skipped; box 2 (a single pixel at 3, 0) takes colour 0 again.
    Tensor boxes = F({0, 0.4f, 2, 2, 0.9f, 0.9f, 0.1f, 0.1f, 1, 0, 1, 0}, {1, 3, 4});
    Tensor colors = F({1, 0, 0, 9, 0, 1, 0, 9}, {2, 4});
    const auto v = Values<float>(r.One("DrawBoundingBoxesV2", {image, boxes, colors}));
    const auto px = [&](int y, int x) {
      return std::vector<float>(v.begin() + (y * 4 + x) * 3, v.begin() + (y * 4 + x) * 3 + 3);
    };
    // Box 0: top = 0, left = int(0.4 * 3) = 1, bottom/right = 6 (outside): row 0 cols 1..3 and
    // col 1 rows 0..3 are red.
    CHECK(px(0, 0) == std::vector<float>{0.5f, 0.5f, 0.5f});
    for (int x = 1; x < 4; ++x) CHECK(px(0, x) == std::vector<float>{1, 0, 0});
    for (int y = 0; y < 4; ++y) CHECK(px(y, 1) == std::vector<float>{1, 0, 0});
    CHECK(px(2, 3) == std::vector<float>{0.5f, 0.5f, 0.5f});
    CHECK(px(3, 0) == std::vector<float>{1, 0, 0});
    // Empty colors fall back to the default table (yellow first).
    const auto d = Values<float>(
        r.One("DrawBoundingBoxesV2", {image, F({1, 0, 1, 0}, {1, 1, 4}), F({}, {0, 3})}));
    CHECK(std::vector<float>(d.begin() + 36, d.begin() + 39) == std::vector<float>{1, 1, 0});
  }

  TEST_CASE("DrawBoundingBoxes errors, with TensorFlow's texts") {
    OpRunner r;
    Tensor image = F(std::vector<float>(8, 0), {1, 2, 2, 2});
    CHECK(r.Error("DrawBoundingBoxes", {image, F({0, 0, 1, 1}, {1, 1, 4})}) ==
          "Channel depth should be either 1 (GRY), 3 (RGB), or 4 (RGBA)");
    Tensor rgb = F(std::vector<float>(12, 0), {1, 2, 2, 3});
    CHECK(r.Error("DrawBoundingBoxes", {rgb, F({0, 0, 1}, {1, 1, 3})}) ==
          "The size of the third dimension of the box must be 4. Received: 3");
    CHECK(r.Error("DrawBoundingBoxesV2", {rgb, F({0, 0, 1, 1}, {1, 1, 4}), F({1, 0}, {1, 2})}) ==
          "colors must have equal or more channels than the image provided: [1,2]");
    CHECK(r.Error("DrawBoundingBoxes", {rgb, F({0, 0, 1, 1}, {2, 1, 2})}) ==
          "The batch sizes should be the same");
  }
}

}  // namespace tfsk::serving
