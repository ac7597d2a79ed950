#include <doctest/doctest.h>

#include "serving/ops/op_test_util.h"

namespace tfsk::serving {
using namespace testing;

TEST_SUITE("where ops") {
  TEST_CASE("Where returns int64 coordinates of true elements in row-major order") {
    OpRunner r;
    Tensor out = r.One("Where", {B({false, true, true, false, false, true}, {2, 3})});
    CHECK(out.dtype() == DataType::kInt64);
    CHECK(out.shape() == Shape{3, 2});
    CHECK(Values<std::int64_t>(out) == std::vector<std::int64_t>{0, 1, 0, 2, 1, 2});
    Tensor nums = r.One("Where", {F({0, 2.5f, 0}, {3})});
    CHECK(Values<std::int64_t>(nums) == std::vector<std::int64_t>{1});
    CHECK(r.One("Where", {B({false}, {1})}).shape() == Shape{0, 1});
  }
}

}  // namespace tfsk::serving
