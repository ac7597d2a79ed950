#include <doctest/doctest.h>

#include "serving/ops/op_test_util.h"

namespace tfsk::serving {
using namespace testing;

namespace {
AttrMap Dilation(std::int64_t stride, std::int64_t rate, const std::string& padding) {
  return Attrs({{"strides", AttrValue::Ints({1, stride, stride, 1})},
                {"rates", AttrValue::Ints({1, rate, rate, 1})},
                {"padding", AttrValue::Str(padding)}});
}
Tensor Nine() { return F({1, 2, 3, 4, 5, 6, 7, 8, 9}, {1, 3, 3, 1}); }
}  // namespace

TEST_SUITE("dilation") {
  TEST_CASE("Dilation2D VALID: max of input + filter over each window") {
    OpRunner r;
    // Filter [[0, 1], [2, -10]]: each output is max(a + 0, b + 1, c + 2, d - 10) of its window.
    Tensor f = F({0, 1, 2, -10}, {2, 2, 1});
    Tensor out = r.One("Dilation2D", {Nine(), f}, Dilation(1, 1, "VALID"));
    CHECK(out.shape() == Shape{1, 2, 2, 1});
    CHECK(Values<float>(out) == std::vector<float>{6, 7, 9, 10});
  }

  TEST_CASE("Dilation2D SAME skips padding taps, rates spread the filter, strides skip outputs") {
    OpRunner r;
    Tensor zero = F({0, 0, 0, 0}, {2, 2, 1});
    // SAME, 2x2, stride 1 on 3x3: padding 1 after; the window at (2, 2) sees only pixel 9.
    CHECK(Values<float>(r.One("Dilation2D", {Nine(), zero}, Dilation(1, 1, "SAME"))) ==
          std::vector<float>{5, 6, 6, 8, 9, 9, 8, 9, 9});
    // Rate 2: taps at the corners of a 3x3 span; filter adds 10 to the top-left tap only.
    Tensor tl = F({10, 0, 0, 0}, {2, 2, 1});
    CHECK(Values<float>(r.One("Dilation2D", {Nine(), tl}, Dilation(1, 2, "VALID"))) ==
          std::vector<float>{11});
    // Stride 2, SAME, 1x1 zero filter: a subsample.
    CHECK(Values<float>(r.One("Dilation2D", {Nine(), F({0}, {1, 1, 1})}, Dilation(2, 1, "SAME"))) ==
          std::vector<float>{1, 3, 7, 9});
    // Integer images, per channel.
    Tensor two = I32({1, 10, 2, 20}, {1, 1, 2, 2});
    CHECK(Values<std::int32_t>(r.One("Dilation2D", {two, I32({0, 5, 0, 0}, {1, 2, 2})},
                                     Dilation(1, 1, "VALID"))) == std::vector<std::int32_t>{2, 20});
  }

  TEST_CASE("Dilation2D errors, with TensorFlow's texts") {
    OpRunner r;
    CHECK(r.Error("Dilation2D", {Nine(), F({0, 0}, {1, 1, 2})}, Dilation(1, 1, "VALID")) ==
          "input and filter must have the same depth: 1 vs 2");
    CHECK(r.Error("Dilation2D", {Nine(), F({0}, {1, 1})}, Dilation(1, 1, "VALID")) ==
          "filter must be 3-dimensional: [1,1]");
    AttrMap depth_rate = Dilation(1, 1, "VALID");
    depth_rate.Set("rates", AttrValue::Ints({1, 1, 1, 2}));
    CHECK(r.Error("Dilation2D", {Nine(), F({0}, {1, 1, 1})}, depth_rate) ==
          "Rate is only supported across spatial dimensions.");
  }
}

}  // namespace tfsk::serving
