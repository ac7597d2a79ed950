#include <doctest/doctest.h>

#include "serving/ops/op_test_util.h"

namespace tfsk::serving {
using namespace testing;

TEST_SUITE("split ops") {
  TEST_CASE("Split cuts a dim into equal parts (negative axis allowed)") {
    OpRunner r;
    auto out = r.Run("Split", {I32({-1}, {}), F({1, 2, 3, 4, 5, 6}, {2, 3})},
                     Attrs({{"num_split", AttrValue::Int(3)}}));
    REQUIRE(out.ok());
    REQUIRE(out->size() == 3);
    CHECK((*out)[0].shape() == Shape{2, 1});
    CHECK(Values<float>((*out)[0]) == std::vector<float>{1, 4});
    CHECK(Values<float>((*out)[2]) == std::vector<float>{3, 6});
    auto rows = r.Run("Split", {I32({0}, {}), F({1, 2, 3, 4, 5, 6}, {2, 3})},
                      Attrs({{"num_split", AttrValue::Int(2)}}));
    REQUIRE(rows.ok());
    CHECK(Values<float>((*rows)[1]) == std::vector<float>{4, 5, 6});
  }

  TEST_CASE("Split that does not divide evenly fails like TensorFlow") {
    OpRunner r;
    CHECK(r.Error("Split", {I32({0}, {}), F({1, 2, 3}, {3})},
                  Attrs({{"num_split", AttrValue::Int(2)}})) ==
          "Number of ways to split should evenly divide the split dimension, but got split_dim 0 "
          "(size = 3) and "
          "num_split 2");
  }

  TEST_CASE("SplitV takes sizes, infers one -1") {
    OpRunner r;
    auto out = r.Run("SplitV", {F({1, 2, 3, 4, 5, 6}, {1, 6}), I64({1, -1, 2}, {3}), I32({1}, {})},
                     Attrs({{"num_split", AttrValue::Int(3)}}));
    REQUIRE(out.ok());
    CHECK(Values<float>((*out)[0]) == std::vector<float>{1});
    CHECK((*out)[1].shape() == Shape{1, 3});
    CHECK(Values<float>((*out)[1]) == std::vector<float>{2, 3, 4});
    CHECK(Values<float>((*out)[2]) == std::vector<float>{5, 6});
  }

  TEST_CASE("SplitV size errors") {
    OpRunner r;
    AttrMap two = Attrs({{"num_split", AttrValue::Int(2)}});
    CHECK(r.Error("SplitV", {F({1, 2, 3}, {3}), I32({-1, -1}, {2}), I32({0}, {})}, two) ==
          "There can only be one -1 in the input.");
    CHECK(r.Error("SplitV", {F({1, 2, 3}, {3}), I32({1, 1}, {2}), I32({0}, {})}, two)
              .find("Got: 2") != std::string::npos);
    CHECK(r.Error("SplitV", {F({1, 2, 3}, {3}), I32({1, 2}, {2}), I32({1}, {})}, two) ==
          "split_dim 1 is out of range for a tensor of rank 1; expected [-1, 1)");
  }
}

}  // namespace tfsk::serving
