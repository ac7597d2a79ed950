#include <doctest/doctest.h>

#include "serving/ops/op_test_util.h"

namespace tfsk::serving {
using namespace testing;

TEST_SUITE("gather nd ops") {
  TEST_CASE("GatherNd picks elements (K = rank) and slices (K < rank)") {
    OpRunner r;
    Tensor params = F({1, 2, 3, 4, 5, 6}, {2, 3});
    Tensor elems = r.One("GatherNd", {params, I32({1, 2, 0, 1}, {2, 2})});
    CHECK(elems.shape() == Shape{2});
    CHECK(Values<float>(elems) == std::vector<float>{6, 2});
    Tensor rows = r.One("GatherNd", {params, I64({1, 0}, {2, 1})});
    CHECK(rows.shape() == Shape{2, 3});
    CHECK(Values<float>(rows) == std::vector<float>{4, 5, 6, 1, 2, 3});
    Tensor strs = r.One("GatherNd", {S({"a", "b"}, {2}), I32({1}, {1, 1, 1})});
    CHECK(strs.shape() == Shape{1, 1});
    CHECK(Values<std::string>(strs) == std::vector<std::string>{"b"});
  }

  TEST_CASE("GatherNd rejects out-of-range rows and too-long index rows") {
    OpRunner r;
    Tensor params = F({1, 2, 3, 4}, {2, 2});
    CHECK(r.Error("GatherNd", {params, I32({0, 0, 2, 0}, {2, 2})}) ==
          "indices[1] = [2,0] does not index into param shape [2,2]");
    CHECK(r.Error("GatherNd", {params, I32({0, 0, 0}, {1, 3})}) ==
          "index innermost dimension length must be <= params rank; saw: 3 vs. 2");
  }
}

}  // namespace tfsk::serving
