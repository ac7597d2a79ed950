#include <doctest/doctest.h>

#include "serving/ops/op_test_util.h"

namespace tfsk::serving {
using namespace testing;

TEST_SUITE("broadcast to ops") {
  TEST_CASE("BroadcastTo repeats size-1 and missing dims") {
    OpRunner r;
    Tensor out = r.One("BroadcastTo", {F({1, 2}, {2, 1}), I32({2, 2, 3}, {3})});
    CHECK(out.shape() == Shape{2, 2, 3});
    CHECK(Values<float>(out) == std::vector<float>{1, 1, 1, 2, 2, 2, 1, 1, 1, 2, 2, 2});
    CHECK(r.Error("BroadcastTo", {F({1, 2}, {2}), I32({3}, {1})}) ==
          "Unable to broadcast tensor of shape [2] to tensor of shape [3]");
    CHECK(r.Error("BroadcastTo", {F({1, 2}, {1, 2}), I32({2}, {1})}) ==
          "Rank of input (2) must be no greater than rank of output shape (1).");
    // Broadcasting the target itself is not allowed: [3] cannot become [1].
    CHECK(r.Error("BroadcastTo", {F({1, 2, 3}, {3}), I32({1}, {1})}) ==
          "Unable to broadcast tensor of shape [3] to tensor of shape [1]");
  }

  TEST_CASE("BroadcastArgs gives the broadcast shape in the inputs' type") {
    OpRunner r;
    CHECK(Values<std::int32_t>(r.One("BroadcastArgs", {I32({2, 1, 3}, {3}), I32({4, 1}, {2})})) ==
          std::vector<std::int32_t>{2, 4, 3});
    const Tensor a = Tensor::FromVector<std::int64_t>({5}, {1}).value();
    const Tensor b = Tensor::FromVector<std::int64_t>({}, {0}).value();
    const Tensor out = r.One("BroadcastArgs", {a, b});
    CHECK(out.dtype() == DataType::kInt64);
    CHECK(Values<std::int64_t>(out) == std::vector<std::int64_t>{5});
    CHECK(r.Error("BroadcastArgs", {I32({2, 3}, {2}), I32({4}, {1})}) ==
          "Incompatible shapes: [2,3] vs. [4]");
    CHECK(r.Error("BroadcastArgs", {I32({2}, {1, 1}), I32({4}, {1})}) ==
          "Input shapes must be vectors, got [1,1] and [1]");
  }

  TEST_CASE("ClipByValue with scalar and elementwise bounds") {
    OpRunner r;
    CHECK(Values<float>(r.One("ClipByValue", {F({-2, 0.5f, 3}, {3}), F({-1}, {}), F({1}, {})})) ==
          std::vector<float>{-1, 0.5f, 1});
    CHECK(Values<std::int32_t>(
              r.One("ClipByValue", {I32({5, 5}, {2}), I32({0, 6}, {2}), I32({4, 9}, {2})})) ==
          std::vector<std::int32_t>{4, 6});
    CHECK(r.Error("ClipByValue", {F({1, 2}, {2}), F({0, 0, 0}, {3}), F({1}, {})})
              .find("clip_value_min shape: [3]") != std::string::npos);
  }
}

}  // namespace tfsk::serving
