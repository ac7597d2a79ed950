#include <doctest/doctest.h>

#include "serving/ops/op_test_util.h"

namespace tfsk::serving {
using namespace testing;

TEST_SUITE("quantize dequantize ops") {
  TEST_CASE("QuantizeAndDequantizeV2: a given unsigned range, both rounding modes") {
    OpRunner r;
    // 8 unsigned bits over [0, 255]: scale 1, so the answer is the clamped value rounded.
    const std::vector<Tensor> in{F({-3, 2.5f, 3.5f, 300}, {4}), F({0}, {}), F({255}, {})};
    const auto attrs = [](const char* mode) {
      return Attrs({{"signed_input", AttrValue::Bool(false)},
                    {"range_given", AttrValue::Bool(true)},
                    {"round_mode", AttrValue::Str(mode)}});
    };
    CHECK(Values<float>(r.One("QuantizeAndDequantizeV2", in, attrs("HALF_TO_EVEN"))) ==
          std::vector<float>{0, 2, 4, 255});
    CHECK(Values<float>(r.One("QuantizeAndDequantizeV4", in, attrs("HALF_UP"))) ==
          std::vector<float>{0, 3, 4, 255});
  }

  TEST_CASE("QuantizeAndDequantizeV2: the range from the data, signed, scale from the wider side") {
    OpRunner r;
    // [-1, 1] signed: 127 / 1 < 128 / 1, so the max side decides: steps of 1/127, and -63.5
    // rounds half to even to -64.
    Tensor y =
        r.One("QuantizeAndDequantizeV2", {F({-1, -0.5f, 0, 0.3f, 1}, {5}), F({0}, {}), F({0}, {})});
    const std::vector<float> got = Values<float>(y);
    const std::vector<double> want{-1, -64.0 / 127, 0, 38.0 / 127, 1};
    for (std::size_t i = 0; i < want.size(); ++i) CHECK(got[i] == doctest::Approx(want[i]));
  }

  TEST_CASE("QuantizeAndDequantizeV2 per axis, and V3 with num_bits as an input") {
    OpRunner r;
    // Channel 0 holds 1 and -2: the min side decides (128 / 2 < 127 / 1), steps of 1/64.
    Tensor y = r.One("QuantizeAndDequantizeV2",
                     {F({1, 10, -2, 5}, {2, 2}), F({0, 0}, {2}), F({0, 0}, {2})},
                     Attrs({{"axis", AttrValue::Int(1)}}));
    const std::vector<float> got = Values<float>(y);
    CHECK(got[0] == 1.0f);
    CHECK(got[2] == -2.0f);
    CHECK(got[1] == doctest::Approx(10.0));
    // 4 signed bits over [-8, 7]: scale 1.
    Tensor v3 = r.One("QuantizeAndDequantizeV3",
                      {F({-9.4f, 0.5f, 1.5f, 6.6f}, {4}), F({-8}, {}), F({7}, {}), I32({4}, {})},
                      Attrs({{"range_given", AttrValue::Bool(true)}}));
    CHECK(Values<float>(v3) == std::vector<float>{-8, 0, 2, 7});
  }

  TEST_CASE("QuantizeAndDequantize errors, with TensorFlow's texts") {
    OpRunner r;
    const std::vector<Tensor> in{F({1}, {1}), F({2}, {}), F({1}, {})};
    CHECK(r.Error("QuantizeAndDequantizeV2", in, Attrs({{"range_given", AttrValue::Bool(true)}})) ==
          "Invalid range: input_min 2 > input_max 1");
    CHECK(r.Error("QuantizeAndDequantizeV2", in, Attrs({{"num_bits", AttrValue::Int(0)}})) ==
          "num_bits is out of range: 0 with signed_input_ 1");
    CHECK(r.Error("QuantizeAndDequantizeV2", in, Attrs({{"round_mode", AttrValue::Str("UP")}})) ==
          "Round mode string must be 'HALF_UP' or 'HALF_TO_EVEN', is 'UP'");
    CHECK(r.Error("QuantizeAndDequantizeV2", in, Attrs({{"axis", AttrValue::Int(1)}})) ==
          "Shape must be at least rank 2 but is rank 1");
  }
}

}  // namespace tfsk::serving
