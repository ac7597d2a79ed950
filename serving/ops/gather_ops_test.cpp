#include <doctest/doctest.h>

#include "serving/ops/op_test_util.h"

namespace tfsk::serving {
using namespace testing;

TEST_SUITE("gather ops") {
  TEST_CASE("GatherV2 picks rows along axis 0 and columns along axis 1") {
    OpRunner r;
    Tensor params = F({1, 2, 3, 4, 5, 6}, {3, 2});
    Tensor rows = r.One("GatherV2", {params, I32({2, 0}, {2}), I32({0}, {})});
    CHECK(rows.shape() == Shape{2, 2});
    CHECK(Values<float>(rows) == std::vector<float>{5, 6, 1, 2});
    Tensor cols = r.One("GatherV2", {params, I64({1}, {1}), I32({1}, {})});
    CHECK(cols.shape() == Shape{3, 1});
    CHECK(Values<float>(cols) == std::vector<float>{2, 4, 6});
    CHECK(r.Error("GatherV2", {params, I32({3}, {1}), I32({0}, {})}) == "indices[0] = 3 is not in [0, 3)");
  }

  TEST_CASE("ResourceGather looks rows up in a resource variable") {
    OpRunner r;
    r.variables.GetOrCreate("emb")->Write(F({1, 2, 3, 4}, {2, 2}));
    Tensor handle(DataType::kResource, {});
    handle.flat<std::string>()[0] = "emb";
    CHECK(Values<float>(r.One("ResourceGather", {handle, I32({1, 1}, {2})})) == std::vector<float>{3, 4, 3, 4});
  }

  TEST_CASE("Tile repeats along each dim and Range counts") {
    OpRunner r;
    Tensor t = r.One("Tile", {F({1, 2}, {1, 2}), I32({2, 2}, {2})});
    CHECK(t.shape() == Shape{2, 4});
    CHECK(Values<float>(t) == std::vector<float>{1, 2, 1, 2, 1, 2, 1, 2});
    CHECK(Values<std::int32_t>(r.One("Range", {I32({1}, {}), I32({7}, {}), I32({2}, {})})) ==
          std::vector<std::int32_t>{1, 3, 5});
    CHECK(Values<float>(r.One("Range", {F({1}, {}), F({0}, {}), F({-0.5f}, {})})) == std::vector<float>{1, 0.5f});
  }
}

}  // namespace tfsk::serving
