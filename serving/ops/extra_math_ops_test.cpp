#include <doctest/doctest.h>

#include <cmath>
#include <limits>

#include "serving/ops/op_test_util.h"

namespace tfsk::serving {
using namespace testing;

namespace {
Tensor D(std::vector<double> v, Shape s) { return T_<double>(std::move(v), std::move(s)); }
AttrMap KeepDims(bool v) { return Attrs({{"keep_dims", AttrValue::Bool(v)}}); }
}  // namespace

TEST_SUITE("extra math ops") {
  TEST_CASE("Cross: a batch of 3-vectors, ints, and TensorFlow's shape errors") {
    OpRunner r;
    Tensor out = r.One("Cross", {F({1, 0, 0, 1, 2, 3}, {2, 3}), F({0, 1, 0, 4, 5, 6}, {2, 3})});
    CHECK(out.shape() == Shape{2, 3});
    CHECK(Values<float>(out) == std::vector<float>{0, 0, 1, -3, 6, -3});
    CHECK(Values<std::int32_t>(r.One("Cross", {I32({0, 1, 0}, {3}), I32({1, 0, 0}, {3})})) ==
          std::vector<std::int32_t>{0, 0, -1});
    CHECK(r.Error("Cross", {F({1, 2, 3}, {3}), F({1, 2, 3, 4, 5, 6}, {2, 3})}) ==
          "Both inputs must be of same shape: [3] vs. [2,3]");
    CHECK(r.Error("Cross", {F({1, 2}, {2}), F({1, 2}, {2})}) ==
          "Cross-products are only defined for 3-element vectors.");
  }

  TEST_CASE("L2Loss is half the sum of squares as a scalar, ints have no kernel") {
    OpRunner r;
    Tensor out = r.One("L2Loss", {F({1, 2, 3, 4}, {2, 2})});
    CHECK(out.rank() == 0);
    CHECK(Values<float>(out)[0] == 15.0f);
    CHECK(Values<double>(r.One("L2Loss", {D({}, {0})}))[0] == 0.0);
    CHECK(r.Error("L2Loss", {I32({1}, {1})}).find("int32") != std::string::npos);
  }

  TEST_CASE("Xlog1py is x * log1p(y), 0 where x is 0 even for y = -1, broadcasting") {
    OpRunner r;
    const auto v =
        Values<double>(r.One("Xlog1py", {D({0, 2, 3}, {3}), D({-1, 0, std::exp(1.0) - 1}, {3})}));
    CHECK(v[0] == 0.0);
    CHECK(v[1] == 0.0);
    CHECK(v[2] == doctest::Approx(3.0));
    CHECK(r.One("Xlog1py", {F({1, 2}, {2, 1}), F({0, 1, 2}, {3})}).shape() == Shape{2, 3});
  }

  TEST_CASE("InvertPermutation inverts, rejects out-of-range and repeated entries") {
    OpRunner r;
    CHECK(Values<std::int32_t>(r.One("InvertPermutation", {I32({3, 4, 0, 2, 1}, {5})})) ==
          std::vector<std::int32_t>{2, 4, 3, 0, 1});
    CHECK(Values<std::int64_t>(r.One("InvertPermutation", {I64({1, 0}, {2})})) ==
          std::vector<std::int64_t>{1, 0});
    CHECK(r.Error("InvertPermutation", {I32({0, 5}, {2})}) == "5 is not between 0 and 2");
    CHECK(r.Error("InvertPermutation", {I32({1, 1}, {2})}) == "1 is duplicated in the input.");
    CHECK(r.Error("InvertPermutation", {I32({0, 1}, {1, 2})}) ==
          "invert_permutation expects a 1D vector.");
  }

  TEST_CASE("ConjugateTranspose transposes real tensors") {
    OpRunner r;
    Tensor out = r.One("ConjugateTranspose", {F({1, 2, 3, 4, 5, 6}, {2, 3}), I32({1, 0}, {2})});
    CHECK(out.shape() == Shape{3, 2});
    CHECK(Values<float>(out) == std::vector<float>{1, 4, 2, 5, 3, 6});
  }

  TEST_CASE("HistogramFixedWidth: TensorFlow's documented example, clamping, int64 counts") {
    OpRunner r;
    // tf.histogram_fixed_width's docstring: [-1, 0, 1.5, 2, 5, 15] over [0, 5] in 5 bins.
    Tensor out = r.One("HistogramFixedWidth",
                       {F({-1, 0, 1.5f, 2, 5, 15}, {6}), F({0, 5}, {2}), I32({5}, {})});
    CHECK(out.dtype() == DataType::kInt32);
    CHECK(Values<std::int32_t>(out) == std::vector<std::int32_t>{2, 1, 1, 0, 2});
    Tensor ints =
        r.One("HistogramFixedWidth", {I64({0, 9, 10, 3}, {2, 2}), I64({0, 10}, {2}), I32({2}, {})},
              Attrs({{"dtype", AttrValue::Type(DataType::kInt64)}}));
    CHECK(Values<std::int64_t>(ints) == std::vector<std::int64_t>{2, 2});
    CHECK(r.Error("HistogramFixedWidth", {F({1}, {1}), F({5, 0}, {2}), I32({5}, {})}) ==
          "value_range should satisfy value_range[0] < value_range[1], but got '[5, 0]'");
    CHECK(r.Error("HistogramFixedWidth", {F({1}, {1}), F({0, 5}, {2}), I32({0}, {})}) ==
          "nbins should be a positive number, but got '0'");
    CHECK(r.Error("HistogramFixedWidth", {F({1}, {1}), F({0, 5, 6}, {3}), I32({2}, {})}) ==
          "value_range should be a vector of 2 elements.");
    CHECK(r.Error("HistogramFixedWidth", {F({1}, {1}), F({0, 5}, {2}), I32({2}, {1})}) ==
          "nbins should be a scalar.");
  }

  TEST_CASE("EuclideanNorm: axes, keep_dims, ints truncate, a size-1 reduction is a copy") {
    OpRunner r;
    Tensor x = F({3, 4, 0, -6, 8, 0}, {2, 3});
    CHECK(Values<float>(r.One("EuclideanNorm", {x, I32({1}, {1})})) == std::vector<float>{5, 10});
    Tensor kept = r.One("EuclideanNorm", {x, I32({0, 1}, {2})}, KeepDims(true));
    CHECK(kept.shape() == Shape{1, 1});
    CHECK(Values<float>(kept)[0] == doctest::Approx(std::sqrt(125.0f)));
    CHECK(Values<std::int32_t>(r.One("EuclideanNorm", {I32({1, 1, 1}, {3}), I32({0}, {1})}))[0] ==
          1);  // sqrt(3) truncated
    // TensorFlow's reduction helper copies when only size-1 dims are reduced: signs stay.
    CHECK(Values<float>(r.One("EuclideanNorm", {F({-3, 4}, {1, 2}), I32({0}, {1})})) ==
          std::vector<float>{-3, 4});
    // ... but a tensor of size-1 dims is reduced as a scalar.
    CHECK(Values<float>(r.One("EuclideanNorm", {F({-3}, {1, 1}), I32({0}, {1})})) ==
          std::vector<float>{3});
    CHECK(r.Error("EuclideanNorm", {x, I32({2}, {1})}).find("Invalid reduction dimension") == 0);
  }
}

}  // namespace tfsk::serving
