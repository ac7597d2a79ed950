// EncodeBase64 / DecodeBase64: RFC 4648's test vectors in the web-safe alphabet, padding on
// and off, decoding with and without padding, and TensorFlow's error texts.

#include <doctest/doctest.h>

#include "serving/ops/op_test_util.h"

namespace tfsk::serving {
using namespace testing;

TEST_SUITE("base64 ops") {
  TEST_CASE("EncodeBase64: RFC 4648 vectors, unpadded by default, padded with pad=true") {
    OpRunner r;
    Tensor in = S({"", "f", "fo", "foo", "foob", "fooba", "foobar"}, {7});
    CHECK(Values<std::string>(r.One("EncodeBase64", {in})) ==
          std::vector<std::string>{"", "Zg", "Zm8", "Zm9v", "Zm9vYg", "Zm9vYmE", "Zm9vYmFy"});
    Tensor padded = r.One("EncodeBase64", {in}, Attrs({{"pad", AttrValue::Bool(true)}}));
    CHECK(Values<std::string>(padded) ==
          std::vector<std::string>{"", "Zg==", "Zm8=", "Zm9v", "Zm9vYg==", "Zm9vYmE=", "Zm9vYmFy"});
    CHECK(padded.shape() == Shape{7});
  }

  TEST_CASE("EncodeBase64 uses the web-safe alphabet for 62 and 63") {
    OpRunner r;
    // 0xFB 0xFF 0xBF = 111110 111111 111110 111111 -> 62 63 62 63.
    CHECK(Values<std::string>(r.One("EncodeBase64", {S({"\xFB\xFF\xBF", "\xFB\xFF"}, {1, 2})})) ==
          std::vector<std::string>{"-_-_", "-_8"});
  }

  TEST_CASE("DecodeBase64 accepts padded and unpadded input and keeps the shape") {
    OpRunner r;
    Tensor out =
        r.One("DecodeBase64", {S({"Zg==", "Zg", "Zm8=", "Zm8", "Zm9vYmFy", "", "-_-_"}, {7, 1})});
    CHECK(out.shape() == Shape{7, 1});
    CHECK(Values<std::string>(out) ==
          std::vector<std::string>{"f", "f", "fo", "fo", "foobar", "", "\xFB\xFF\xBF"});
    // Binary data round-trips, NUL bytes included.
    std::string bytes;
    for (int i = 0; i < 256; ++i) bytes.push_back(static_cast<char>(i));
    Tensor encoded = r.One("EncodeBase64", {S({bytes}, {})});
    CHECK(Values<std::string>(r.One("DecodeBase64", {encoded})) == std::vector<std::string>{bytes});
  }

  TEST_CASE("DecodeBase64 errors: characters outside the web-safe alphabet, bad lengths") {
    OpRunner r;
    const std::string bad_char = "Invalid character found in base64.";
    CHECK(r.Error("DecodeBase64", {S({"+/8="}, {1})}) == bad_char);  // the standard alphabet
    CHECK(r.Error("DecodeBase64", {S({"Zm 9v"}, {1})}) == bad_char);
    CHECK(r.Error("DecodeBase64", {S({"Zg=a"}, {1})}) == bad_char);  // padding in the middle
    CHECK(r.Error("DecodeBase64", {S({"Zg==Zg=="}, {1})}) == bad_char);
    CHECK(r.Error("DecodeBase64", {S({"Zg="}, {1})}) == bad_char);  // a short padded group
    CHECK(r.Error("DecodeBase64", {S({"\xC3\xA9Zg"}, {1})}) == bad_char);
    CHECK(r.Error("DecodeBase64", {S({"Zm9vY"}, {1})}) ==
          "Base64 string length cannot be 1 modulo 4.");
    CHECK(r.Error("DecodeBase64", {S({"ok", "Z"}, {2})}) ==
          "Base64 string length cannot be 1 modulo 4.");
    CHECK(r.Error("EncodeBase64", {I32({1}, {1})}) ==
          "EncodeBase64 expects a string tensor, got int32");
  }
}

}  // namespace tfsk::serving
