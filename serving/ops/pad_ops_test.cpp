#include <doctest/doctest.h>

#include "serving/ops/op_test_util.h"

namespace tfsk::serving {
using namespace testing;

TEST_SUITE("pad ops") {
  TEST_CASE("Pad adds zeros before and after each dim") {
    OpRunner r;
    Tensor out = r.One("Pad", {F({1, 2, 3, 4}, {2, 2}), I32({1, 0, 0, 1}, {2, 2})});
    CHECK(out.shape() == Shape{3, 3});
    CHECK(Values<float>(out) == std::vector<float>{0, 0, 0, 1, 2, 0, 3, 4, 0});
    Tensor s = r.One("Pad", {S({"a"}, {1}), I64({1, 1}, {1, 2})});
    CHECK(Values<std::string>(s) == std::vector<std::string>{"", "a", ""});
  }

  TEST_CASE("PadV2 pads with constant_values") {
    OpRunner r;
    Tensor out = r.One("PadV2", {I32({5, 6}, {2}), I32({2, 1}, {1, 2}), I32({-1}, {})});
    CHECK(Values<std::int32_t>(out) == std::vector<std::int32_t>{-1, -1, 5, 6, -1});
    CHECK(r.Error("PadV2", {I32({5}, {1}), I32({1, 1}, {1, 2}), I32({1, 2}, {2})}) ==
          "constant_values must be a scalar. Got: [2]");
  }

  TEST_CASE("MirrorPad REFLECT excludes the edge, SYMMETRIC repeats it") {
    OpRunner r;
    Tensor x = F({1, 2, 3}, {3});
    Tensor p = I32({2, 2}, {1, 2});
    CHECK(Values<float>(r.One("MirrorPad", {x, p}, Attrs({{"mode", AttrValue::Str("REFLECT")}}))) ==
          std::vector<float>{3, 2, 1, 2, 3, 2, 1});
    CHECK(
        Values<float>(r.One("MirrorPad", {x, p}, Attrs({{"mode", AttrValue::Str("SYMMETRIC")}}))) ==
        std::vector<float>{2, 1, 1, 2, 3, 3, 2});
    Tensor img = r.One("MirrorPad", {F({1, 2, 3, 4}, {2, 2}), I32({1, 0, 0, 1}, {2, 2})},
                       Attrs({{"mode", AttrValue::Str("REFLECT")}}));
    CHECK(Values<float>(img) == std::vector<float>{3, 4, 3, 1, 2, 1, 3, 4, 3});
  }

  TEST_CASE("bad paddings fail with TensorFlow's messages") {
    OpRunner r;
    CHECK(r.Error("Pad", {F({1, 2}, {2}), I32({1, 1, 1}, {3})}) ==
          "paddings must be a matrix with 2 columns: [3]");
    CHECK(r.Error("Pad", {F({1, 2}, {2}), I32({1, 1, 1, 1}, {2, 2})}) ==
          "The first dimension of paddings must be the rank of inputs[2,2] [2]");
    CHECK(r.Error("Pad", {F({1, 2}, {2}), I32({-1, 0}, {1, 2})}) ==
          "Paddings must be non-negative: -1 0");
    CHECK(r.Error("MirrorPad", {F({1, 2, 3}, {3}), I32({3, 0}, {1, 2})},
                  Attrs({{"mode", AttrValue::Str("REFLECT")}})) ==
          "paddings must be less than the dimension size: 3, 0 not less than 3");
    CHECK(r.Error("MirrorPad", {F({1, 2, 3}, {3}), I32({0, 4}, {1, 2})},
                  Attrs({{"mode", AttrValue::Str("SYMMETRIC")}})) ==
          "paddings must be no greater than the dimension size: 0, 4 greater than 3");
  }
}

}  // namespace tfsk::serving
