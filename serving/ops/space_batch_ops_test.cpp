#include <doctest/doctest.h>

#include "serving/ops/op_test_util.h"

namespace tfsk::serving {
using namespace testing;

TEST_SUITE("space batch ops") {
  TEST_CASE("SpaceToBatchND moves 2x2 block offsets into the batch") {
    OpRunner r;
    Tensor small = r.One("SpaceToBatchND", {F({1, 2, 3, 4}, {1, 2, 2, 1}), I32({2, 2}, {2}),
                                            I32({0, 0, 0, 0}, {2, 2})});
    CHECK(small.shape() == Shape{4, 1, 1, 1});
    CHECK(Values<float>(small) == std::vector<float>{1, 2, 3, 4});
    Tensor img = F({1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15, 16}, {1, 4, 4, 1});
    Tensor out = r.One("SpaceToBatchND", {img, I32({2, 2}, {2}), I32({0, 0, 0, 0}, {2, 2})});
    CHECK(out.shape() == Shape{4, 2, 2, 1});
    CHECK(Values<float>(out) ==
          std::vector<float>{1, 3, 9, 11, 2, 4, 10, 12, 5, 7, 13, 15, 6, 8, 14, 16});
    CHECK(Values<float>(
              r.One("BatchToSpaceND", {out, I32({2, 2}, {2}), I32({0, 0, 0, 0}, {2, 2})})) ==
          Values<float>(img));
  }

  TEST_CASE("padding, crops and batch interleaving (output batch = offset * B + b)") {
    OpRunner r;
    Tensor padded =
        r.One("SpaceToBatchND", {F({1, 2, 3}, {1, 3, 1}), I64({2}, {1}), I64({1, 0}, {1, 2})});
    CHECK(padded.shape() == Shape{2, 2, 1});
    CHECK(Values<float>(padded) == std::vector<float>{0, 2, 1, 3});
    Tensor back = r.One("BatchToSpaceND", {padded, I64({2}, {1}), I64({1, 0}, {1, 2})});
    CHECK(back.shape() == Shape{1, 3, 1});
    CHECK(Values<float>(back) == std::vector<float>{1, 2, 3});
    Tensor two =
        r.One("SpaceToBatchND", {F({1, 2, 3, 4}, {2, 2, 1}), I32({2}, {1}), I32({0, 0}, {1, 2})});
    CHECK(Values<float>(two) == std::vector<float>{1, 3, 2, 4});
  }

  TEST_CASE("divisibility errors") {
    OpRunner r;
    CHECK(
        r.Error("SpaceToBatchND", {F({1, 2, 3}, {1, 3, 1}), I32({2}, {1}), I32({0, 0}, {1, 2})}) ==
        "padded_shape[0]=3 is not divisible by block_shape[0]=2");
    CHECK(
        r.Error("BatchToSpaceND", {F({1, 2, 3}, {3, 1, 1}), I32({2}, {1}), I32({0, 0}, {1, 2})}) ==
        "Input batch dimension (3) is not divisible by product of block sizes (2)");
  }
}

}  // namespace tfsk::serving
