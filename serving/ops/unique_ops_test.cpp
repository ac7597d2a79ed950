#include <doctest/doctest.h>

#include "serving/ops/op_test_util.h"

namespace tfsk::serving {
using namespace testing;

TEST_SUITE("unique ops") {
  TEST_CASE("Unique keeps first-appearance order and maps every element to its value") {
    OpRunner r;
    auto out = r.Run("Unique", {I32({1, 1, 2, 4, 4, 4, 7, 8, 8}, {9})});
    REQUIRE(out.ok());
    CHECK(Values<std::int32_t>((*out)[0]) == std::vector<std::int32_t>{1, 2, 4, 7, 8});
    CHECK(Values<std::int32_t>((*out)[1]) == std::vector<std::int32_t>{0, 0, 1, 2, 2, 2, 3, 4, 4});
    auto strs = r.Run("Unique", {S({"b", "a", "b"}, {3})},
                      Attrs({{"out_idx", AttrValue::Type(DataType::kInt64)}}));
    REQUIRE(strs.ok());
    CHECK(Values<std::string>((*strs)[0]) == std::vector<std::string>{"b", "a"});
    CHECK(Values<std::int64_t>((*strs)[1]) == std::vector<std::int64_t>{0, 1, 0});
    CHECK(r.Error("Unique", {I32({1}, {})}) == "unique expects a 1D vector.");
  }
}

}  // namespace tfsk::serving
