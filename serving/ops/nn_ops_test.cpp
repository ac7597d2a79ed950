#include <doctest/doctest.h>

#include <cmath>

#include "serving/ops/op_test_util.h"

namespace tfsk::serving {
using namespace testing;

TEST_SUITE("matmul ops") {
  TEST_CASE("MatMul multiplies, with optional transposes") {
    OpRunner r;
    Tensor a = F({1, 2, 3, 4, 5, 6}, {2, 3});
    Tensor b = F({1, 0, 0, 1, 1, 1}, {3, 2});
    Tensor out = r.One("MatMul", {a, b});
    CHECK(out.shape() == Shape{2, 2});
    CHECK(Values<float>(out) == std::vector<float>{4, 5, 10, 11});
    Tensor ta = r.One("MatMul", {F({1, 4, 2, 5, 3, 6}, {3, 2}), b},
                      Attrs({{"transpose_a", AttrValue::Bool(true)}}));
    CHECK(Values<float>(ta) == std::vector<float>{4, 5, 10, 11});
    Tensor tb = r.One("MatMul", {a, F({1, 0, 1, 0, 1, 1}, {2, 3})}, Attrs({{"transpose_b", AttrValue::Bool(true)}}));
    CHECK(Values<float>(tb) == std::vector<float>{4, 5, 10, 11});
  }

  TEST_CASE("MatMul with mismatched inner dims fails like TensorFlow") {
    OpRunner r;
    CHECK(r.Error("MatMul", {F({1, 2, 3, 4, 5, 6}, {2, 3}), F({1, 2, 3, 4}, {2, 2})}) ==
          "Matrix size-incompatible: In[0]: [2,3], In[1]: [2,2]");
  }

  TEST_CASE("BatchMatMulV2 broadcasts batch dims and reports inner-dim mismatches") {
    OpRunner r;
    Tensor a = F({1, 2, 3, 4, 5, 6, 7, 8}, {2, 2, 2});
    Tensor eye = F({1, 0, 0, 1}, {2, 2});
    Tensor out = r.One("BatchMatMulV2", {a, eye});
    CHECK(out.shape() == Shape{2, 2, 2});
    CHECK(Values<float>(out) == Values<float>(a));
    CHECK(r.Error("BatchMatMulV2", {F({1, 2, 3, 4, 5, 6}, {1, 2, 3}), F({1, 2, 3, 4, 5, 6, 7, 8}, {1, 2, 4})}) ==
          "In[0] mismatch In[1] shape: 3 vs. 2: [1,2,3] [1,2,4] 0 0");
  }
}

TEST_SUITE("nn ops") {
  TEST_CASE("BiasAdd adds per channel (NHWC and NCHW)") {
    OpRunner r;
    CHECK(Values<float>(r.One("BiasAdd", {F({1, 2, 3, 4}, {2, 2}), F({10, 20}, {2})})) ==
          std::vector<float>{11, 22, 13, 24});
    CHECK(Values<float>(r.One("BiasAdd", {F({1, 2, 3, 4}, {1, 2, 2}), F({10, 20}, {2})},
                              Attrs({{"data_format", AttrValue::Str("NCHW")}}))) ==
          std::vector<float>{11, 12, 23, 24});
    CHECK(r.Error("BiasAdd", {F({1, 2, 3}, {1, 3}), F({1, 2}, {2})}).find("as many biases") != std::string::npos);
  }

  TEST_CASE("activations") {
    OpRunner r;
    CHECK(Values<float>(r.One("Relu", {F({-1, 0, 2}, {3})})) == std::vector<float>{0, 0, 2});
    CHECK(Values<float>(r.One("Relu6", {F({-1, 3, 8}, {3})})) == std::vector<float>{0, 3, 6});
    CHECK(r.One("Sigmoid", {F({0}, {1})}).flat<float>()[0] == doctest::Approx(0.5f));
    CHECK(r.One("Tanh", {F({0.5f}, {1})}).flat<float>()[0] == doctest::Approx(std::tanh(0.5f)));
    CHECK(Values<std::int32_t>(r.One("Relu", {I32({-3, 3}, {2})})) == std::vector<std::int32_t>{0, 3});
  }

  TEST_CASE("Softmax normalises the last dim, LogSoftmax is its log") {
    OpRunner r;
    Tensor s = r.One("Softmax", {F({1, 2, 3, 1000, 1000, 1000}, {2, 3})});
    const float e1 = std::exp(1.0f), e2 = std::exp(2.0f), e3 = std::exp(3.0f);
    CHECK(s.flat<float>()[0] == doctest::Approx(e1 / (e1 + e2 + e3)));
    CHECK(s.flat<float>()[2] == doctest::Approx(e3 / (e1 + e2 + e3)));
    CHECK(s.flat<float>()[4] == doctest::Approx(1.0f / 3));  // stable for large logits
    Tensor ls = r.One("LogSoftmax", {F({1, 2, 3}, {3})});
    CHECK(ls.flat<float>()[1] == doctest::Approx(std::log(e2 / (e1 + e2 + e3))));
  }
}

TEST_SUITE("conv ops") {
  AttrMap ConvAttrs(const std::string& padding, std::int64_t stride = 1, std::int64_t dilation = 1) {
    return Attrs({{"strides", AttrValue::Ints({1, stride, stride, 1})},
                  {"dilations", AttrValue::Ints({1, dilation, dilation, 1})},
                  {"padding", AttrValue::Str(padding)}});
  }

  TEST_CASE("Conv2D VALID with a 2x2 filter") {
    OpRunner r;
    // 3x3 image 1..9, filter of ones: each output sums a 2x2 window.
    Tensor x = F({1, 2, 3, 4, 5, 6, 7, 8, 9}, {1, 3, 3, 1});
    Tensor f = F({1, 1, 1, 1}, {2, 2, 1, 1});
    Tensor out = r.One("Conv2D", {x, f}, ConvAttrs("VALID"));
    CHECK(out.shape() == Shape{1, 2, 2, 1});
    CHECK(Values<float>(out) == std::vector<float>{12, 16, 24, 28});
  }

  TEST_CASE("Conv2D SAME pads bottom/right for an even filter") {
    OpRunner r;
    Tensor x = F({1, 2, 3, 4, 5, 6, 7, 8, 9}, {1, 3, 3, 1});
    Tensor f = F({1, 1, 1, 1}, {2, 2, 1, 1});
    Tensor out = r.One("Conv2D", {x, f}, ConvAttrs("SAME"));
    CHECK(out.shape() == Shape{1, 3, 3, 1});
    CHECK(Values<float>(out) == std::vector<float>{12, 16, 9, 24, 28, 15, 15, 17, 9});
  }

  TEST_CASE("Conv2D with stride 2 and SAME, and with dilation 2") {
    OpRunner r;
    Tensor x = F({1, 2, 3, 4, 5, 6, 7, 8, 9}, {1, 3, 3, 1});
    Tensor f = F({1, 1, 1, 1}, {2, 2, 1, 1});
    Tensor strided = r.One("Conv2D", {x, f}, ConvAttrs("SAME", 2));
    CHECK(strided.shape() == Shape{1, 2, 2, 1});
    CHECK(Values<float>(strided) == std::vector<float>{12, 9, 15, 9});
    Tensor dilated = r.One("Conv2D", {x, f}, ConvAttrs("VALID", 1, 2));
    CHECK(dilated.shape() == Shape{1, 1, 1, 1});
    CHECK(dilated.flat<float>()[0] == 1 + 3 + 7 + 9);
  }

  TEST_CASE("Conv2D mixes input channels into output channels (1x1 filter)") {
    OpRunner r;
    Tensor x = F({1, 2, 3, 4}, {1, 1, 2, 2});              // two pixels, two channels
    Tensor f = F({1, 10, 100, 1000}, {1, 1, 2, 2});        // [in=2, out=2]
    Tensor out = r.One("Conv2D", {x, f}, ConvAttrs("VALID"));
    CHECK(Values<float>(out) == std::vector<float>{201, 2010, 403, 4030});
  }

  TEST_CASE("Conv2D with groups: each channel group feeds its own output channels") {
    OpRunner r;
    Tensor x = F({1, 2, 3, 4}, {1, 1, 1, 4});           // 4 channels, 2 groups of 2
    Tensor f = F({1, 10, 100, 1000}, {1, 1, 2, 2});     // [in per group=2, out=2]
    CHECK(Values<float>(r.One("Conv2D", {x, f}, ConvAttrs("VALID"))) == std::vector<float>{201, 4030});
    CHECK(r.Error("Conv2D", {x, F({1, 2, 3, 4, 5, 6}, {1, 1, 2, 3})}, ConvAttrs("VALID")) ==
          "output depth must be evenly divisible by number of groups: 3 vs 2");
  }

  TEST_CASE("MaxPool and AvgPool (AvgPool averages only in-bounds elements)") {
    OpRunner r;
    Tensor x = F({1, 2, 3, 4, 5, 6, 7, 8, 9}, {1, 3, 3, 1});
    AttrMap a = Attrs({{"ksize", AttrValue::Ints({1, 2, 2, 1})},
                       {"strides", AttrValue::Ints({1, 2, 2, 1})},
                       {"padding", AttrValue::Str("SAME")}});
    CHECK(Values<float>(r.One("MaxPool", {x}, a)) == std::vector<float>{5, 6, 8, 9});
    CHECK(Values<float>(r.One("AvgPool", {x}, a)) == std::vector<float>{3, 4.5f, 7.5f, 9});
  }

  TEST_CASE("MaxPoolV2 takes ksize and strides as inputs, with MaxPool's answers and checks") {
    OpRunner r;
    Tensor x = F({1, 2, 3, 4, 5, 6, 7, 8, 9}, {1, 3, 3, 1});
    AttrMap same = Attrs({{"padding", AttrValue::Str("SAME")}});
    const Tensor k = I32({1, 2, 2, 1}, {4});
    CHECK(Values<float>(r.One("MaxPoolV2", {x, k, k}, same)) == std::vector<float>{5, 6, 8, 9});
    AttrMap valid = Attrs({{"padding", AttrValue::Str("VALID")}});
    CHECK(Values<float>(r.One("MaxPoolV2", {x, k, I32({1, 1, 1, 1}, {4})}, valid)) ==
          std::vector<float>{5, 6, 8, 9});
    CHECK(r.Error("MaxPoolV2", {x, I32({1, 2, 2}, {3}), k}, same) ==
          "ksize input must specify 4 dimensions, got 3");
    CHECK(r.Error("MaxPoolV2", {x, k, I32({2, 1, 1, 1}, {4})}, same) ==
          "strides input in the batch and depth dimensions is not supported");
    CHECK(r.Error("MaxPoolV2", {x, F({1, 2, 2, 1}, {4}), k}, same) ==
          "ksize must be a 1-D int32 tensor, got float [4]");
    CHECK(r.Error("MaxPoolV2", {x, I32({1, 0, 2, 1}, {4}), k}, same) ==
          "ksize and strides must be positive, got ksize 0x2, strides 2x2");
    CHECK(r.Error("MaxPoolV2", {x}, same) == "MaxPoolV2 expects 3 inputs, got 1");
  }
  TEST_CASE("Conv2D, MaxPool and AvgPool reject NCHW with TensorFlow's CPU errors") {
    OpRunner r;
    Tensor x = F({1, 2, 3, 4}, {1, 1, 2, 2});
    AttrMap nchw = Attrs({{"ksize", AttrValue::Ints({1, 1, 1, 1})},
                          {"strides", AttrValue::Ints({1, 1, 1, 1})},
                          {"padding", AttrValue::Str("VALID")},
                          {"data_format", AttrValue::Str("NCHW")}});
    CHECK(r.Error("Conv2D", {x, F({1}, {1, 1, 1, 1})}, nchw) ==
          "The Conv2D op currently only supports the NHWC tensor format on the CPU. The op was "
          "given the format: NCHW");
    CHECK(r.Error("MaxPool", {x}, nchw) ==
          "Default MaxPoolingOp only supports NHWC on device type CPU");
    CHECK(r.Error("AvgPool", {x}, nchw) ==
          "Default AvgPoolingOp only supports NHWC on device type CPU");
  }
}

}  // namespace tfsk::serving
