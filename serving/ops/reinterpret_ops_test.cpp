#include <doctest/doctest.h>

#include <cstring>

#include "serving/ops/op_test_util.h"

namespace tfsk::serving {
using namespace testing;

TEST_SUITE("reinterpret ops") {
  TEST_CASE("Bitcast keeps, adds or drops the last dim by element size") {
    OpRunner r;
    Tensor same =
        r.One("Bitcast", {F({1.0f}, {1})}, Attrs({{"type", AttrValue::Type(DataType::kInt32)}}));
    CHECK(Values<std::int32_t>(same) == std::vector<std::int32_t>{0x3f800000});
    Tensor wider = r.One("Bitcast", {I32({0x04030201}, {1})},
                         Attrs({{"type", AttrValue::Type(DataType::kUint8)}}));
    CHECK(wider.shape() == Shape{1, 4});
    CHECK(Values<std::uint8_t>(wider) == std::vector<std::uint8_t>{1, 2, 3, 4});
    Tensor narrower = r.One("Bitcast", {T_<std::uint8_t>({1, 0, 0, 0, 2, 0, 0, 0}, {2, 4})},
                            Attrs({{"type", AttrValue::Type(DataType::kInt32)}}));
    CHECK(narrower.shape() == Shape{2});
    CHECK(Values<std::int32_t>(narrower) == std::vector<std::int32_t>{1, 2});
    CHECK(r.Error("Bitcast", {T_<std::uint8_t>({1, 2, 3}, {3})},
                  Attrs({{"type", AttrValue::Type(DataType::kInt32)}})) ==
          "Cannot bitcast from uint8 to int32: shape [3]");
    CHECK(r.Error("Bitcast", {B({true}, {1})}, Attrs({{"type", AttrValue::Type(DataType::kInt8)}}))
              .find("No kernel") == 0);
  }

  TEST_CASE("DecodeRaw: a new last dim, both byte orders, TensorFlow's size errors") {
    OpRunner r;
    const std::string le("\x01\x00\x02\x00", 4), be("\x00\x01\x00\x02", 4);
    const AttrMap i16 = Attrs({{"out_type", AttrValue::Type(DataType::kInt16)}});
    Tensor out = r.One("DecodeRaw", {S({le, le}, {2})}, i16);
    CHECK(out.shape() == Shape{2, 2});
    CHECK(Values<std::int16_t>(out) == std::vector<std::int16_t>{1, 2, 1, 2});
    Tensor swapped = r.One("DecodeRaw", {S({be}, {})},
                           Attrs({{"out_type", AttrValue::Type(DataType::kInt16)},
                                  {"little_endian", AttrValue::Bool(false)}}));
    CHECK(swapped.shape() == Shape{2});
    CHECK(Values<std::int16_t>(swapped) == std::vector<std::int16_t>{1, 2});
    float one = 1.0f;
    std::string f(sizeof one, '\0');
    std::memcpy(f.data(), &one, sizeof one);
    CHECK(Values<float>(r.One("DecodeRaw", {S({f}, {1})},
                              Attrs({{"out_type", AttrValue::Type(DataType::kFloat)}}))) ==
          std::vector<float>{1.0f});
    CHECK(r.One("DecodeRaw", {S({"", ""}, {2})}, i16).shape() == Shape{2, 0});
    CHECK(r.Error("DecodeRaw", {S({le, "ab"}, {2})}, i16) ==
          "DecodeRaw requires input strings to all be the same size, but element 1 has size 2 "
          "!= 4");
    CHECK(r.Error("DecodeRaw", {S({"abc"}, {1})}, i16) ==
          "Input to DecodeRaw has length 3 that is not a multiple of 2, the size of int16");
  }
}

}  // namespace tfsk::serving
