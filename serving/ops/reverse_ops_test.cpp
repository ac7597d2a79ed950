#include <doctest/doctest.h>

#include "serving/ops/op_test_util.h"

namespace tfsk::serving {
using namespace testing;

TEST_SUITE("reverse ops") {
  TEST_CASE("ReverseV2 flips the listed axes, Reverse the flagged dims") {
    OpRunner r;
    Tensor x = F({1, 2, 3, 4, 5, 6}, {2, 3});
    CHECK(Values<float>(r.One("ReverseV2", {x, I32({1}, {1})})) ==
          std::vector<float>{3, 2, 1, 6, 5, 4});
    CHECK(Values<float>(r.One("ReverseV2", {x, I64({-2, 1}, {2})})) ==
          std::vector<float>{6, 5, 4, 3, 2, 1});
    CHECK(Values<float>(r.One("ReverseV2", {x, I32({}, {0})})) == Values<float>(x));
    CHECK(Values<float>(r.One("Reverse", {x, B({true, false}, {2})})) ==
          std::vector<float>{4, 5, 6, 1, 2, 3});
  }

  TEST_CASE("ReverseV2 axis errors") {
    OpRunner r;
    Tensor x = F({1, 2}, {2});
    CHECK(r.Error("ReverseV2", {x, I32({1}, {1})}) == "'axis'[0] = 1 is out of valid range [0, 0");
    CHECK(r.Error("ReverseV2", {x, I32({0, -1}, {2})}) == "axis 0 specified more than once.");
  }
}

}  // namespace tfsk::serving
