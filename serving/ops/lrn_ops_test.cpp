#include <doctest/doctest.h>

#include <cmath>

#include "serving/ops/op_test_util.h"

namespace tfsk::serving {
using namespace testing;

TEST_SUITE("lrn ops") {
  TEST_CASE("LRN divides by the windowed sum of squares across depth") {
    OpRunner r;
    AttrMap a = Attrs({{"depth_radius", AttrValue::Int(1)},
                       {"bias", AttrValue::Float(1)},
                       {"alpha", AttrValue::Float(1)},
                       {"beta", AttrValue::Float(1)}});
    // depth 3 values 1, 2, 3: windows {1,2}, {1,2,3}, {2,3} -> sums of squares 5, 14, 13.
    Tensor out = r.One("LRN", {F({1, 2, 3}, {1, 1, 1, 3})}, a);
    CHECK(Values<float>(out) == std::vector<float>{1.0f / 6, 2.0f / 15, 3.0f / 14});
    // TensorFlow's defaults: radius 5, bias 1, alpha 1, beta 0.5.
    CHECK(r.One("LRN", {F({2}, {1, 1, 1, 1})}).flat<float>()[0] ==
          doctest::Approx(2 / std::sqrt(5.0f)));
    CHECK(r.Error("LRN", {F({1}, {1})}) == "in must be 4-dimensional");
  }
}

}  // namespace tfsk::serving
