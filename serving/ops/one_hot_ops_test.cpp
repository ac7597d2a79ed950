#include <doctest/doctest.h>

#include "serving/ops/op_test_util.h"

namespace tfsk::serving {
using namespace testing;

TEST_SUITE("one hot ops") {
  TEST_CASE("OneHot on the last axis and on axis 0, out-of-range indices give off rows") {
    OpRunner r;
    Tensor last = r.One("OneHot", {I64({0, 2, -1}, {3}), I32({3}, {}), F({1}, {}), F({0}, {})});
    CHECK(last.shape() == Shape{3, 3});
    CHECK(Values<float>(last) == std::vector<float>{1, 0, 0, 0, 0, 1, 0, 0, 0});
    Tensor first = r.One("OneHot", {I32({1, 0}, {2}), I32({2}, {}), I32({5}, {}), I32({-5}, {})},
                         Attrs({{"axis", AttrValue::Int(0)}}));
    CHECK(first.shape() == Shape{2, 2});
    CHECK(Values<std::int32_t>(first) == std::vector<std::int32_t>{-5, 5, 5, -5});
  }

  TEST_CASE("OneHot errors") {
    OpRunner r;
    CHECK(r.Error("OneHot", {I32({0}, {1}), I32({-1}, {}), F({1}, {}), F({0}, {})}) ==
          "depth must be non-negative, got: -1");
    CHECK(r.Error("OneHot", {I32({0}, {1}), I32({2}, {}), F({1}, {}), F({0}, {})},
                  Attrs({{"axis", AttrValue::Int(3)}})) ==
          "Expected axis to be -1 or between [0, 2).  But received: 3");
    CHECK(r.Error("OneHot", {I32({0}, {1}), I32({2}, {}), F({1, 1}, {2}), F({0}, {})}) ==
          "on_value must be a scalar, but got: [2]");
  }
}

}  // namespace tfsk::serving
