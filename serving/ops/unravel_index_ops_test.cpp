#include <doctest/doctest.h>

#include "serving/ops/op_test_util.h"

namespace tfsk::serving {
using namespace testing;

TEST_SUITE("unravel index ops") {
  TEST_CASE("UnravelIndex: a vector of indices gives one row per dim, a scalar one coordinate") {
    OpRunner r;
    Tensor m = r.One("UnravelIndex", {I32({2, 5, 7}, {3}), I32({3, 3}, {2})});
    CHECK(m.shape() == Shape{2, 3});
    CHECK(Values<std::int32_t>(m) == std::vector<std::int32_t>{0, 1, 2, 2, 2, 1});
    // 1621 = 3 * 504 + 1 * 72 + 4 * 9 + 1
    Tensor s = r.One("UnravelIndex", {I64({1621}, {}), I64({6, 7, 8, 9}, {4})});
    CHECK(s.shape() == Shape{4});
    CHECK(Values<std::int64_t>(s) == std::vector<std::int64_t>{3, 1, 4, 1});
  }

  TEST_CASE("UnravelIndex errors, with TensorFlow's texts") {
    OpRunner r;
    CHECK(r.Error("UnravelIndex", {I32({9}, {1}), I32({3, 3}, {2})}) ==
          "index is out of bound as with dims");
    CHECK(r.Error("UnravelIndex", {I32({1}, {1}), I32({3, 0}, {2})}) ==
          "Input dims cannot contain a dim of zero, but dims contains zero at index 1");
    CHECK(r.Error("UnravelIndex", {I32({1}, {1}), I32({-3}, {1})}) ==
          "Input dims cannot be negative. Got dim = -3 at index 0");
    CHECK(r.Error("UnravelIndex", {I32({1}, {1, 1}), I32({3}, {1})}) ==
          "The indices can only be scalar or vector, got \"[1,1]\"");
  }
}

}  // namespace tfsk::serving
