#include <doctest/doctest.h>

#include "serving/ops/op_test_util.h"

namespace tfsk::serving {
using namespace testing;

TEST_SUITE("scatter nd ops") {
  TEST_CASE("ScatterNd sums updates (duplicates add up) into zeros") {
    OpRunner r;
    Tensor out =
        r.One("ScatterNd", {I32({4, 3, 1, 4}, {4, 1}), F({9, 10, 11, 12}, {4}), I32({6}, {1})});
    CHECK(out.shape() == Shape{6});
    CHECK(Values<float>(out) == std::vector<float>{0, 11, 0, 10, 21, 0});
    Tensor rows = r.One("ScatterNd", {I64({1}, {1, 1}), I32({5, 6}, {1, 2}), I64({2, 2}, {2})});
    CHECK(Values<std::int32_t>(rows) == std::vector<std::int32_t>{0, 0, 5, 6});
  }

  TEST_CASE("TensorScatterUpdate / Add / Sub / Max / Min on a copy of the tensor") {
    OpRunner r;
    Tensor base = F({1, 2, 3, 4}, {4});
    Tensor idx = I32({0, 2}, {2, 1});
    Tensor upd = F({10, 1}, {2});
    CHECK(Values<float>(r.One("TensorScatterUpdate", {base, idx, upd})) ==
          std::vector<float>{10, 2, 1, 4});
    CHECK(Values<float>(r.One("TensorScatterAdd", {base, idx, upd})) ==
          std::vector<float>{11, 2, 4, 4});
    CHECK(Values<float>(r.One("TensorScatterSub", {base, idx, upd})) ==
          std::vector<float>{-9, 2, 2, 4});
    CHECK(Values<float>(r.One("TensorScatterMax", {base, idx, upd})) ==
          std::vector<float>{10, 2, 3, 4});
    CHECK(Values<float>(r.One("TensorScatterMin", {base, idx, upd})) ==
          std::vector<float>{1, 2, 1, 4});
    CHECK(Values<float>(base) == std::vector<float>{1, 2, 3, 4});  // the input is untouched
    CHECK(Values<std::string>(r.One("TensorScatterUpdate",
                                    {S({"a", "b"}, {2}), I32({1}, {1, 1}), S({"z"}, {1})})) ==
          std::vector<std::string>{"a", "z"});
  }

  TEST_CASE("scatter errors") {
    OpRunner r;
    CHECK(r.Error("ScatterNd", {I32({4}, {1, 1}), F({1}, {1}), I32({4}, {1})}) ==
          "indices[0] = [4] does not index into shape [4]");
    CHECK(r.Error("ScatterNd", {I32({1, 2}, {2, 1}), F({1, 2, 3}, {3}), I32({4}, {1})}) ==
          "updates must have shape indices.shape[:-1] + shape[1:] = [2], got [3]");
    CHECK(r.Error("TensorScatterUpdate", {F({1}, {1}), I32({0, 0}, {1, 2}), F({1}, {1})}) ==
          "index innermost dimension length must be <= output rank; saw: 2 vs. 1");
  }
}

}  // namespace tfsk::serving
