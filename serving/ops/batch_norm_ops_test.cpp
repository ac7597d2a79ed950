#include <doctest/doctest.h>

#include <cmath>

#include "serving/ops/op_test_util.h"

namespace tfsk::serving {
using namespace testing;

namespace {
AttrMap BnAttrs(bool training, float eps, const std::string& format = "NHWC") {
  return Attrs({{"is_training", AttrValue::Bool(training)},
                {"epsilon", AttrValue::Float(eps)},
                {"data_format", AttrValue::Str(format)}});
}
}  // namespace

TEST_SUITE("batch norm ops") {
  TEST_CASE("FusedBatchNormV3 inference normalises per channel (NHWC) and returns six outputs") {
    OpRunner r;
    // channel 0: (x-1)/sqrt(3+1); channel 1: (x-2)/sqrt(0+1)*2+1
    auto out = r.Run("FusedBatchNormV3",
                     {F({1, 2, 3, 4}, {1, 1, 2, 2}), F({1, 2}, {2}), F({0, 1}, {2}), F({1, 2}, {2}),
                      F({3, 0}, {2})},
                     BnAttrs(false, 1));
    REQUIRE(out.ok());
    REQUIRE(out->size() == 6);
    CHECK((*out)[0].shape() == Shape{1, 1, 2, 2});
    CHECK(Values<float>((*out)[0]) == std::vector<float>{0, 1, 1, 5});
    CHECK(Values<float>((*out)[1]) == std::vector<float>{1, 2});  // the given mean and variance
    CHECK(Values<float>((*out)[2]) == std::vector<float>{3, 0});
    CHECK((*out)[5].rank() == 0);
  }

  TEST_CASE("FusedBatchNorm (V1, five outputs) with NCHW, and 5-D NDHWC") {
    OpRunner r;
    auto out = r.Run("FusedBatchNorm",
                     {F({1, 3, 2, 4}, {1, 2, 1, 2}), F({1, 2}, {2}), F({0, 1}, {2}), F({1, 2}, {2}),
                      F({3, 0}, {2})},
                     BnAttrs(false, 1, "NCHW"));
    REQUIRE(out.ok());
    CHECK(out->size() == 5);
    CHECK(Values<float>((*out)[0]) == std::vector<float>{0, 1, 1, 5});
    Tensor y5 = r.Run("FusedBatchNormV2",
                      {F({1, 2, 3, 4}, {1, 1, 1, 2, 2}), F({1, 2}, {2}), F({0, 1}, {2}),
                       F({1, 2}, {2}), F({3, 0}, {2})},
                      BnAttrs(false, 1, "NDHWC"))
                    ->at(0);
    CHECK(Values<float>(y5) == std::vector<float>{0, 1, 1, 5});
  }

  TEST_CASE("training mode uses batch statistics, the variance output is Bessel-corrected") {
    OpRunner r;
    auto out = r.Run("FusedBatchNormV3",
                     {F({1, 3}, {2, 1, 1, 1}), F({1}, {1}), F({0}, {1}), F({}, {0}), F({}, {0})},
                     BnAttrs(true, 0));
    REQUIRE(out.ok());
    CHECK(Values<float>((*out)[0]) == std::vector<float>{-1, 1});
    CHECK(Values<float>((*out)[1]) == std::vector<float>{2});
    CHECK(Values<float>((*out)[2]) == std::vector<float>{2});  // 1 * n/(n-1)
    CHECK(Values<float>((*out)[4]) == std::vector<float>{1});  // the biased batch variance
  }

  TEST_CASE("is_training defaults to true and epsilon to 0.0001, like the OpDef") {
    OpRunner r;
    auto out = r.Run("FusedBatchNormV3",
                     {F({1, 3}, {2, 1, 1, 1}), F({1}, {1}), F({0}, {1}), F({}, {0}), F({}, {0})});
    REQUIRE(out.ok());
    CHECK((*out)[0].flat<float>()[1] == doctest::Approx(1 / std::sqrt(1.0001f)));
  }

  TEST_CASE("bad shapes fail with TensorFlow's messages") {
    OpRunner r;
    CHECK(r.Error("FusedBatchNormV3",
                  {F({1, 2}, {1, 2}), F({1}, {1}), F({0}, {1}), F({0}, {1}), F({1}, {1})},
                  BnAttrs(false, 1)) == "input must be 4 or 5-dimensional[1,2]");
    CHECK(r.Error("FusedBatchNormV3",
                  {F({1, 2}, {1, 1, 1, 2}), F({1, 1}, {2}), F({0, 0}, {2}), F({0, 0, 0}, {3}),
                   F({1, 1}, {2})},
                  BnAttrs(false, 1)) ==
          "When is_training=false, mean must have the same number of elements as the channels of "
          "x, got 3 and 2");
    CHECK(r.Error("FusedBatchNormV3",
                  {F({1, 2}, {1, 1, 1, 2}), F({1}, {1}), F({0, 0}, {2}), F({0, 0}, {2}),
                   F({1, 1}, {2})},
                  BnAttrs(false, 1)) ==
          "scale must have the same number of elements as the channels of x, got 1 and 2");
    CHECK(r.Error("FusedBatchNorm",
                  {F({1, 2}, {1, 1, 1, 2}), F({1, 1}, {2}), F({0, 0}, {2}), F({0, 0}, {2}),
                   F({1, 1}, {2})},
                  BnAttrs(false, 1, "HWCN")) == "Invalid data format HWCN");
  }
}

}  // namespace tfsk::serving
