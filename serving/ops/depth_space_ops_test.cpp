#include <doctest/doctest.h>

#include "serving/ops/op_test_util.h"

namespace tfsk::serving {
using namespace testing;

TEST_SUITE("depth space ops") {
  TEST_CASE("DepthToSpace spreads depth into 2x2 blocks, SpaceToDepth undoes it") {
    OpRunner r;
    AttrMap b2 = Attrs({{"block_size", AttrValue::Int(2)}});
    Tensor depth = F({1, 2, 3, 4}, {1, 1, 1, 4});
    Tensor space = r.One("DepthToSpace", {depth}, b2);
    CHECK(space.shape() == Shape{1, 2, 2, 1});
    CHECK(Values<float>(space) == std::vector<float>{1, 2, 3, 4});
    // Two channels: depth (i*2+j)*2 + c.
    Tensor wide = r.One("DepthToSpace", {F({1, 10, 2, 20, 3, 30, 4, 40}, {1, 1, 1, 8})}, b2);
    CHECK(wide.shape() == Shape{1, 2, 2, 2});
    CHECK(Values<float>(wide) == std::vector<float>{1, 10, 2, 20, 3, 30, 4, 40});
    Tensor img = F({1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15, 16}, {1, 4, 4, 1});
    Tensor packed = r.One("SpaceToDepth", {img}, b2);
    CHECK(packed.shape() == Shape{1, 2, 2, 4});
    CHECK(Values<float>(packed) ==
          std::vector<float>{1, 2, 5, 6, 3, 4, 7, 8, 9, 10, 13, 14, 11, 12, 15, 16});
    CHECK(Values<float>(r.One("DepthToSpace", {packed}, b2)) == Values<float>(img));
  }

  TEST_CASE("DepthToSpace / SpaceToDepth size errors") {
    OpRunner r;
    AttrMap b2 = Attrs({{"block_size", AttrValue::Int(2)}});
    CHECK(r.Error("DepthToSpace", {F({1, 2, 3}, {1, 1, 1, 3})}, b2) ==
          "Input depth dimension 3 should be divisible by: 4");
    CHECK(r.Error("SpaceToDepth", {F(std::vector<float>(9, 0), {1, 3, 3, 1})}, b2) ==
          "Image width 3 and height 3 should be divisible by block_size: 2");
  }
}

}  // namespace tfsk::serving
