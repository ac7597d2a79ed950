#include <doctest/doctest.h>

#include "serving/ops/op_test_util.h"

namespace tfsk::serving {
using namespace testing;

TEST_SUITE("roll ops") {
  TEST_CASE("Roll shifts with wrap-around, negative shifts, several and repeated axes") {
    OpRunner r;
    Tensor v = I32({0, 1, 2, 3, 4}, {5});
    CHECK(Values<std::int32_t>(r.One("Roll", {v, I32({2}, {}), I32({0}, {})})) ==
          std::vector<std::int32_t>{3, 4, 0, 1, 2});
    CHECK(Values<std::int32_t>(r.One("Roll", {v, I64({-6}, {}), I64({-1}, {})})) ==
          std::vector<std::int32_t>{1, 2, 3, 4, 0});
    Tensor m = F({1, 2, 3, 4, 5, 6}, {2, 3});
    CHECK(Values<float>(r.One("Roll", {m, I32({1, 1}, {2}), I32({0, 1}, {2})})) ==
          std::vector<float>{6, 4, 5, 3, 1, 2});
    CHECK(Values<float>(r.One("Roll", {m, I32({1, 1}, {2}), I32({1, 1}, {2})})) ==
          std::vector<float>{2, 3, 1, 5, 6, 4});
    CHECK(r.Error("Roll", {m, I32({1}, {1}), I32({0, 1}, {2})}) ==
          "shift and axis must have the same size");
    CHECK(r.Error("Roll", {m, I32({1}, {}), I32({2}, {})}) == "axis 2 is out of range");
  }
}

}  // namespace tfsk::serving
