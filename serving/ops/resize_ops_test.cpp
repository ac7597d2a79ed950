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
}

}  // namespace tfsk::serving
