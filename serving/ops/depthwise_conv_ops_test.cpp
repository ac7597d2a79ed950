#include <doctest/doctest.h>

#include "serving/ops/op_test_util.h"

namespace tfsk::serving {
using namespace testing;

namespace {
AttrMap DwAttrs(const std::string& padding, std::int64_t stride = 1) {
  return Attrs(
      {{"strides", AttrValue::Ints({1, stride, stride, 1})}, {"padding", AttrValue::Str(padding)}});
}
// 2x2 image, two channels: channel 1 is ten times channel 0.
Tensor Image() { return F({1, 10, 2, 20, 3, 30, 4, 40}, {1, 2, 2, 2}); }
}  // namespace

TEST_SUITE("depthwise conv ops") {
  TEST_CASE("channel multiplier: output channel c*M+m uses filter[.., c, m]") {
    OpRunner r;
    Tensor out =
        r.One("DepthwiseConv2dNative", {Image(), F({1, 2, 3, 4}, {1, 1, 2, 2})}, DwAttrs("VALID"));
    CHECK(out.shape() == Shape{1, 2, 2, 4});
    CHECK(Values<float>(out) ==
          std::vector<float>{1, 2, 30, 40, 2, 4, 60, 80, 3, 6, 90, 120, 4, 8, 120, 160});
  }

  TEST_CASE("channels stay separate: VALID and SAME with a 2x2 filter of ones") {
    OpRunner r;
    Tensor ones = F({1, 1, 1, 1, 1, 1, 1, 1}, {2, 2, 2, 1});
    Tensor valid = r.One("DepthwiseConv2dNative", {Image(), ones}, DwAttrs("VALID"));
    CHECK(valid.shape() == Shape{1, 1, 1, 2});
    CHECK(Values<float>(valid) == std::vector<float>{10, 100});
    Tensor same = r.One("DepthwiseConv2dNative", {Image(), ones}, DwAttrs("SAME"));
    CHECK(same.shape() == Shape{1, 2, 2, 2});
    CHECK(Values<float>(same) == std::vector<float>{10, 100, 6, 60, 7, 70, 4, 40});
    Tensor strided = r.One("DepthwiseConv2dNative", {Image(), ones}, DwAttrs("SAME", 2));
    CHECK(Values<float>(strided) == std::vector<float>{10, 100});
  }

  TEST_CASE("EXPLICIT padding and dilation") {
    OpRunner r;
    Tensor x = F({1, 2, 3, 4, 5, 6, 7, 8, 9}, {1, 3, 3, 1});
    Tensor ones = F({1, 1, 1, 1}, {2, 2, 1, 1});
    AttrMap dilated = Attrs({{"strides", AttrValue::Ints({1, 1, 1, 1})},
                             {"dilations", AttrValue::Ints({1, 2, 2, 1})},
                             {"padding", AttrValue::Str("VALID")}});
    CHECK(Values<float>(r.One("DepthwiseConv2dNative", {x, ones}, dilated)) ==
          std::vector<float>{1 + 3 + 7 + 9});
    AttrMap padded = Attrs({{"strides", AttrValue::Ints({1, 1, 1, 1})},
                            {"padding", AttrValue::Str("EXPLICIT")},
                            {"explicit_paddings", AttrValue::Ints({0, 0, 1, 0, 1, 0, 0, 0})}});
    Tensor out = r.One("DepthwiseConv2dNative", {x, ones}, padded);
    CHECK(out.shape() == Shape{1, 3, 3, 1});
    CHECK(Values<float>(out) == std::vector<float>{1, 3, 5, 5, 12, 16, 11, 24, 28});
  }

  TEST_CASE("depth mismatch and NCHW fail clearly") {
    OpRunner r;
    CHECK(r.Error("DepthwiseConv2dNative", {Image(), F({1, 1, 1}, {1, 1, 3, 1})},
                  DwAttrs("VALID")) == "input and filter must have the same depth: 2 vs 3");
    AttrMap nchw = DwAttrs("VALID");
    nchw.Set("data_format", AttrValue::Str("NCHW"));
    CHECK(r.Error("DepthwiseConv2dNative", {Image(), F({1, 1}, {1, 1, 2, 1})}, nchw).find("NHWC") !=
          std::string::npos);
  }
}

}  // namespace tfsk::serving
