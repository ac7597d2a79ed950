#include <doctest/doctest.h>

#include "serving/ops/op_test_util.h"

namespace tfsk::serving {
using namespace testing;

TEST_SUITE("scan ops") {
  TEST_CASE("Cumsum: plain, exclusive, reverse, both, along axis 0") {
    OpRunner r;
    Tensor x = F({1, 2, 3}, {3});
    CHECK(Values<float>(r.One("Cumsum", {x, I32({0}, {})})) == std::vector<float>{1, 3, 6});
    CHECK(Values<float>(
              r.One("Cumsum", {x, I32({0}, {})}, Attrs({{"exclusive", AttrValue::Bool(true)}}))) ==
          std::vector<float>{0, 1, 3});
    CHECK(Values<float>(
              r.One("Cumsum", {x, I32({-1}, {})}, Attrs({{"reverse", AttrValue::Bool(true)}}))) ==
          std::vector<float>{6, 5, 3});
    CHECK(Values<float>(r.One(
              "Cumsum", {x, I32({0}, {})},
              Attrs({{"reverse", AttrValue::Bool(true)}, {"exclusive", AttrValue::Bool(true)}}))) ==
          std::vector<float>{5, 3, 0});
    CHECK(Values<std::int32_t>(r.One("Cumsum", {I32({1, 2, 3, 4}, {2, 2}), I64({0}, {})})) ==
          std::vector<std::int32_t>{1, 2, 4, 6});
    CHECK(Values<float>(r.One("Cumprod", {x, I32({0}, {})})) == std::vector<float>{1, 2, 6});
  }

  TEST_CASE("Cumsum axis errors") {
    OpRunner r;
    CHECK(r.Error("Cumsum", {F({1}, {1}), I32({0, 0}, {2})}) ==
          "axis must be a scalar, but got: [2]");
    CHECK(r.Error("Cumsum", {F({1}, {1}), I32({1}, {})}) ==
          "axis 1 is out of range for a tensor of rank 1; expected [-1, 1)");
  }
}

}  // namespace tfsk::serving
