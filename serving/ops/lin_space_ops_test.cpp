#include <doctest/doctest.h>

#include "serving/ops/op_test_util.h"

namespace tfsk::serving {
using namespace testing;

TEST_SUITE("lin space ops") {
  TEST_CASE("LinSpace includes both ends, num 1 gives start") {
    OpRunner r;
    CHECK(Values<float>(r.One("LinSpace", {F({10}, {}), F({12}, {}), I32({5}, {})})) ==
          std::vector<float>{10, 10.5f, 11, 11.5f, 12});
    CHECK(Values<float>(r.One("LinSpace", {F({3}, {}), F({-1}, {}), I64({1}, {})})) ==
          std::vector<float>{3});
    CHECK(r.Error("LinSpace", {F({0}, {}), F({1}, {}), I32({0}, {})}) == "Requires num > 0: 0");
  }
}

}  // namespace tfsk::serving
