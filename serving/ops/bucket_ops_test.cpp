#include <doctest/doctest.h>

#include "serving/ops/op_test_util.h"

namespace tfsk::serving {
using namespace testing;

TEST_SUITE("bucket ops") {
  TEST_CASE("Bucketize counts the boundaries <= each value (TensorFlow's documented example)") {
    OpRunner r;
    AttrMap b = Attrs({{"boundaries", AttrValue::Floats({0, 10, 100})}});
    Tensor out = r.One("Bucketize", {I32({-5, 10000, 150, 10, 5, 100}, {3, 2})}, b);
    CHECK(out.dtype() == DataType::kInt32);
    CHECK(Values<std::int32_t>(out) == std::vector<std::int32_t>{0, 3, 3, 2, 1, 3});
    CHECK(Values<std::int32_t>(r.One("Bucketize", {F({-0.5f, 0, 9.99f}, {3})}, b)) ==
          std::vector<std::int32_t>{0, 1, 1});
    CHECK(r.Error("Bucketize", {F({1}, {1})}, Attrs({{"boundaries", AttrValue::Floats({2, 1})}})) ==
          "Expected sorted boundaries");
  }

  TEST_CASE("DenseBincount: counts, weights, multi-hot rows, values >= size dropped") {
    OpRunner r;
    Tensor counts = r.One("DenseBincount", {I32({1, 1, 3, 7}, {4}), I32({4}, {}), F({}, {0})});
    CHECK(Values<float>(counts) == std::vector<float>{0, 2, 0, 1});
    Tensor weighted =
        r.One("DenseBincount", {I64({0, 2, 2}, {3}), I64({3}, {}), F({0.5f, 1, 2}, {3})});
    CHECK(Values<float>(weighted) == std::vector<float>{0.5f, 0, 3});
    Tensor multi = r.One("DenseBincount", {I32({0, 0, 2, 1}, {2, 2}), I32({3}, {}), F({}, {0})},
                         Attrs({{"binary_output", AttrValue::Bool(true)}}));
    CHECK(multi.shape() == Shape{2, 3});
    CHECK(Values<float>(multi) == std::vector<float>{1, 0, 0, 0, 1, 1});
    CHECK(Values<std::int32_t>(r.One("Bincount", {I32({2, 2}, {2}), I32({3}, {}), I32({}, {0})})) ==
          std::vector<std::int32_t>{0, 0, 2});
    CHECK(r.Error("DenseBincount", {I32({-1}, {1}), I32({3}, {}), F({}, {0})}) ==
          "Input arr must be non-negative!");
  }
}

}  // namespace tfsk::serving
