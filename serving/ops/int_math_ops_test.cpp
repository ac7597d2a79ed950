#include <doctest/doctest.h>

#include "serving/ops/op_test_util.h"

namespace tfsk::serving {
using namespace testing;

TEST_SUITE("int math ops") {
  TEST_CASE("Mod and TruncateMod keep the dividend's sign (unlike FloorMod)") {
    OpRunner r;
    CHECK(
        Values<std::int32_t>(r.One("Mod", {I32({7, -7, 7, -7}, {4}), I32({3, 3, -3, -3}, {4})})) ==
        std::vector<std::int32_t>{1, -1, 1, -1});
    CHECK(Values<float>(r.One("TruncateMod", {F({-7.5f}, {1}), F({2}, {})})) ==
          std::vector<float>{-1.5f});
    CHECK(Values<std::int64_t>(r.One("TruncateDiv", {I64({7, -7}, {2}), I64({2}, {})})) ==
          std::vector<std::int64_t>{3, -3});
    CHECK(r.Error("Mod", {I32({1}, {1}), I32({0}, {1})}) == "Integer division by zero");
    CHECK(r.Error("TruncateDiv", {F({1}, {1}), F({2}, {1})}) ==
          "No kernel for op TruncateDiv with dtype float");
  }

  TEST_CASE("bitwise ops and shifts") {
    OpRunner r;
    Tensor a = I32({12, -1}, {2});
    Tensor b = I32({10, 5}, {2});
    CHECK(Values<std::int32_t>(r.One("BitwiseAnd", {a, b})) == std::vector<std::int32_t>{8, 5});
    CHECK(Values<std::int32_t>(r.One("BitwiseOr", {a, b})) == std::vector<std::int32_t>{14, -1});
    CHECK(Values<std::int32_t>(r.One("BitwiseXor", {a, b})) == std::vector<std::int32_t>{6, -6});
    CHECK(Values<std::int32_t>(r.One("Invert", {a})) == std::vector<std::int32_t>{-13, 0});
    CHECK(Values<std::int32_t>(r.One("LeftShift", {I32({1, 1, 1}, {3}), I32({4, 40, -1}, {3})})) ==
          std::vector<std::int32_t>{16, 0, 0});
    CHECK(Values<std::int32_t>(
              r.One("RightShift", {I32({-16, 16, -16}, {3}), I32({2, 40, 40}, {3})})) ==
          std::vector<std::int32_t>{-4, 0, -1});
    CHECK(r.Error("BitwiseAnd", {F({1}, {1}), F({1}, {1})}) ==
          "No kernel for op BitwiseAnd with dtype float");
  }
}

}  // namespace tfsk::serving
