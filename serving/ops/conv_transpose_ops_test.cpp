#include <doctest/doctest.h>

#include "serving/ops/op_test_util.h"

namespace tfsk::serving {
using namespace testing;

namespace {
AttrMap Geometry(const std::string& padding, std::int64_t stride) {
  return Attrs(
      {{"strides", AttrValue::Ints({1, stride, stride, 1})}, {"padding", AttrValue::Str(padding)}});
}
}  // namespace

TEST_SUITE("conv transpose ops") {
  TEST_CASE("Conv2DBackpropInput spreads each gradient pixel over its receptive field") {
    OpRunner r;
    Tensor ones = F({1, 1, 1, 1}, {2, 2, 1, 1});
    Tensor valid =
        r.One("Conv2DBackpropInput", {I32({1, 3, 3, 1}, {4}), ones, F({1, 2, 3, 4}, {1, 2, 2, 1})},
              Geometry("VALID", 1));
    CHECK(valid.shape() == Shape{1, 3, 3, 1});
    CHECK(Values<float>(valid) == std::vector<float>{1, 3, 2, 4, 10, 6, 3, 7, 4});
    Tensor up =
        r.One("Conv2DBackpropInput", {I32({1, 4, 4, 1}, {4}), ones, F({1, 2, 3, 4}, {1, 2, 2, 1})},
              Geometry("SAME", 2));
    CHECK(Values<float>(up) == std::vector<float>{1, 1, 2, 2, 1, 1, 2, 2, 3, 3, 4, 4, 3, 3, 4, 4});
  }

  TEST_CASE("Conv2DBackpropInput maps output depth back to input depth through the filter") {
    OpRunner r;
    Tensor out = r.One("Conv2DBackpropInput",
                       {I32({1, 1, 1, 2}, {4}), F({10, 100}, {1, 1, 2, 1}), F({2}, {1, 1, 1, 1})},
                       Geometry("VALID", 1));
    CHECK(Values<float>(out) == std::vector<float>{20, 200});
  }

  TEST_CASE("Conv2DBackpropInput rejects an out_backprop that does not fit the geometry") {
    OpRunner r;
    CHECK(r.Error("Conv2DBackpropInput",
                  {I32({1, 3, 3, 1}, {4}), F({1, 1, 1, 1}, {2, 2, 1, 1}),
                   F(std::vector<float>(9, 1), {1, 3, 3, 1})},
                  Geometry("VALID", 1)) ==
          "Conv2DBackpropInput: Size of out_backprop doesn't match computed: actual = 3, computed "
          "= 2 spatial_dim: 1 "
          "input: 3 filter: 2 output: 3 stride: 1 dilation: 1");
    CHECK(r.Error("Conv2DBackpropInput",
                  {I32({1, 3, 3}, {3}), F({1}, {1, 1, 1, 1}), F({1}, {1, 1, 1, 1})},
                  Geometry("VALID", 1)) ==
          "Conv2DBackpropInput: input_sizes input must be 1-dim with 4 elements, not [3]");
  }
}

}  // namespace tfsk::serving
