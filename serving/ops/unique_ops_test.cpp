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
  TEST_CASE("UniqueV2: distinct rows or columns along an axis, no axis for a vector") {
    OpRunner r;
    Tensor x = I32({1, 0, 0, 1, 0, 0, 2, 0, 0}, {3, 3});
    auto rows = r.Run("UniqueV2", {x, I64({0}, {1})});
    REQUIRE(rows.ok());
    CHECK((*rows)[0].shape() == Shape{2, 3});
    CHECK(Values<std::int32_t>((*rows)[0]) == std::vector<std::int32_t>{1, 0, 0, 2, 0, 0});
    CHECK(Values<std::int32_t>((*rows)[1]) == std::vector<std::int32_t>{0, 0, 1});
    auto cols = r.Run("UniqueV2", {x, I32({-1}, {1})});
    REQUIRE(cols.ok());
    CHECK((*cols)[0].shape() == Shape{3, 2});
    CHECK(Values<std::int32_t>((*cols)[0]) == std::vector<std::int32_t>{1, 0, 1, 0, 2, 0});
    CHECK(Values<std::int32_t>((*cols)[1]) == std::vector<std::int32_t>{0, 1, 1});
    auto flat = r.Run("UniqueV2", {F({3, 3, 1}, {3}), I32({}, {0})});
    REQUIRE(flat.ok());
    CHECK(Values<float>((*flat)[0]) == std::vector<float>{3, 1});

    CHECK(r.Error("UniqueV2", {x, I32({}, {0})}) == "unique expects a 1D vector.");
    CHECK(r.Error("UniqueV2", {x, I32({0, 1}, {2})}) ==
          "axis does not support input tensors larger than 1 elements");
    CHECK(r.Error("UniqueV2", {x, I32({0}, {})}) == "axis expects a 1D vector.");
    CHECK(r.Error("UniqueV2", {x, I32({2}, {1})}) == "axis has to be between [0, 2)");
    CHECK(r.Error("UniqueV2", {x, F({0}, {1})}) ==
          "axis tensor should be int32 or int64, but got float");
  }

  TEST_CASE("UniqueWithCounts(V2): counts in the out_idx dtype") {
    OpRunner r;
    auto out = r.Run("UniqueWithCounts", {I32({1, 1, 2, 4, 4, 4, 7, 8, 8}, {9})},
                     Attrs({{"out_idx", AttrValue::Type(DataType::kInt64)}}));
    REQUIRE(out.ok());
    REQUIRE(out->size() == 3);
    CHECK(Values<std::int32_t>((*out)[0]) == std::vector<std::int32_t>{1, 2, 4, 7, 8});
    CHECK(Values<std::int64_t>((*out)[1]) == std::vector<std::int64_t>{0, 0, 1, 2, 2, 2, 3, 4, 4});
    CHECK(Values<std::int64_t>((*out)[2]) == std::vector<std::int64_t>{2, 1, 3, 1, 2});
    auto rows =
        r.Run("UniqueWithCountsV2", {S({"a", "b", "a", "b", "c", "d"}, {3, 2}), I32({0}, {1})});
    REQUIRE(rows.ok());
    CHECK(Values<std::string>((*rows)[0]) == std::vector<std::string>{"a", "b", "c", "d"});
    CHECK(Values<std::int32_t>((*rows)[1]) == std::vector<std::int32_t>{0, 0, 1});
    CHECK(Values<std::int32_t>((*rows)[2]) == std::vector<std::int32_t>{2, 1});
  }
}

}  // namespace tfsk::serving
