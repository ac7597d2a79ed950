#include <doctest/doctest.h>

#include "serving/ops/op_test_util.h"

namespace tfsk::serving {
using namespace testing;

TEST_SUITE("top k ops") {
  TEST_CASE("TopKV2 returns the k largest per row, ties by lower index") {
    OpRunner r;
    auto out = r.Run("TopKV2", {F({1, 3, 3, 2, 5, 4, 6, 0}, {2, 4}), I32({2}, {})});
    REQUIRE(out.ok());
    CHECK((*out)[0].shape() == Shape{2, 2});
    CHECK(Values<float>((*out)[0]) == std::vector<float>{3, 3, 6, 5});
    CHECK(Values<std::int32_t>((*out)[1]) == std::vector<std::int32_t>{1, 2, 2, 0});
    auto zero = r.Run("TopKV2", {I32({4, 5}, {2}), I32({0}, {})});
    REQUIRE(zero.ok());
    CHECK((*zero)[0].shape() == Shape{0});
  }

  TEST_CASE("TopKV2 errors") {
    OpRunner r;
    CHECK(r.Error("TopKV2", {F({1, 2}, {2}), I32({3}, {})}) ==
          "input must have at least k columns. Had 2, needed 3");
    CHECK(r.Error("TopKV2", {F({1, 2}, {2}), I32({-1}, {})}) == "Need k >= 0, got -1");
    CHECK(r.Error("TopKV2", {F({1}, {}), I32({1}, {})}) == "input must be >= 1-D, got shape []");
  }
}

}  // namespace tfsk::serving
