// The elementwise string kernels (string_ops.cpp, substr_ops.cpp) with their edge cases and
// TensorFlow's error texts.

#include <doctest/doctest.h>

#include <cmath>
#include <limits>

#include "serving/ops/op_test_util.h"

namespace tfsk::serving {
using namespace testing;

TEST_SUITE("string ops") {
  TEST_CASE("StringLower and StringUpper change ASCII letters only") {
    OpRunner r;
    CHECK(Values<std::string>(r.One("StringLower", {S({"HeLLo W0RLD", "ÄB"}, {2})})) ==
          std::vector<std::string>{"hello w0rld", "Äb"});
    CHECK(Values<std::string>(r.One("StringUpper", {S({"mixed Case!"}, {1})},
                                    Attrs({{"encoding", AttrValue::Str("")}}))) ==
          std::vector<std::string>{"MIXED CASE!"});
    CHECK(
        r.Error("StringLower", {S({"a"}, {1})}, Attrs({{"encoding", AttrValue::Str("latin1")}})) ==
        "only utf-8 or '' (no encoding) is supported, received latin1");
    auto st = r.Run("StringUpper", {S({"a"}, {1})}, Attrs({{"encoding", AttrValue::Str("utf-8")}}));
    CHECK(st.status().code() == Code::kUnimplemented);
  }

  TEST_CASE("StringStrip removes leading and trailing ASCII whitespace") {
    OpRunner r;
    CHECK(Values<std::string>(r.One("StringStrip", {S({" \t a b \n", "", "   ", "x"}, {2, 2})})) ==
          std::vector<std::string>{"a b", "", "", "x"});
  }

  TEST_CASE("StringJoin: scalars broadcast, shapes must match") {
    OpRunner r;
    Tensor out = r.One("StringJoin", {S({"a", "b"}, {2}), S({"-"}, {}), S({"x", "y"}, {2})},
                       Attrs({{"separator", AttrValue::Str("/")}}));
    CHECK(out.shape() == Shape{2});
    CHECK(Values<std::string>(out) == std::vector<std::string>{"a/-/x", "b/-/y"});
    out = r.One("StringJoin", {S({"p"}, {}), S({"q"}, {})});
    CHECK(out.rank() == 0);
    CHECK(out.flat<std::string>()[0] == "pq");
    CHECK(r.Error("StringJoin", {S({"a", "b"}, {2}), S({"a", "b", "c"}, {3})}) ==
          "Input shapes do not match: [2] vs. [3]");
  }

  TEST_CASE("StringLength counts bytes or UTF-8 characters") {
    OpRunner r;
    const Tensor in = S({"", "abc", "h\xC3\xA9llo", "\xE2\x82\xAC"}, {4});
    Tensor out = r.One("StringLength", {in});
    CHECK(out.dtype() == DataType::kInt32);
    CHECK(Values<std::int32_t>(out) == std::vector<std::int32_t>{0, 3, 6, 3});
    CHECK(Values<std::int32_t>(
              r.One("StringLength", {in}, Attrs({{"unit", AttrValue::Str("UTF8_CHAR")}}))) ==
          std::vector<std::int32_t>{0, 3, 5, 1});
  }

  TEST_CASE("StringToNumber parses like TensorFlow and names the bad string") {
    OpRunner r;
    Tensor f = r.One("StringToNumber", {S({"1.5", " -2e3 ", "inf", "0x10", "+.5", "1e50"}, {6})});
    CHECK(f.dtype() == DataType::kFloat);
    const auto v = Values<float>(f);
    CHECK(v[0] == 1.5f);
    CHECK(v[1] == -2000.0f);
    CHECK(std::isinf(v[2]));
    CHECK(v[3] == 16.0f);
    CHECK(v[4] == 0.5f);
    CHECK(std::isinf(v[5]));  // float overflow is inf, not an error
    CHECK(std::isnan(
        Values<double>(r.One("StringToNumber", {S({"NaN"}, {1})},
                             Attrs({{"out_type", AttrValue::Type(DataType::kDouble)}})))[0]));
    const auto i32 = Attrs({{"out_type", AttrValue::Type(DataType::kInt32)}});
    CHECK(Values<std::int32_t>(r.One("StringToNumber", {S({"42", " -7", "+3 "}, {3})}, i32)) ==
          std::vector<std::int32_t>{42, -7, 3});
    CHECK(r.Error("StringToNumber", {S({"2147483648"}, {1})}, i32) ==
          "StringToNumberOp could not correctly convert string: 2147483648");
    CHECK(r.Error("StringToNumber", {S({"1.5"}, {1})}, i32) ==
          "StringToNumberOp could not correctly convert string: 1.5");
    const auto i64 = Attrs({{"out_type", AttrValue::Type(DataType::kInt64)}});
    CHECK(Values<std::int64_t>(r.One("StringToNumber", {S({"-9223372036854775808"}, {1})}, i64)) ==
          std::vector<std::int64_t>{std::numeric_limits<std::int64_t>::min()});
    CHECK(r.Error("StringToNumber", {S({"12abc"}, {1})}) ==
          "StringToNumberOp could not correctly convert string: 12abc");
    CHECK(r.Error("StringToNumber", {S({""}, {1})}) ==
          "StringToNumberOp could not correctly convert string: ");
    CHECK(r.Error("StringToNumber", {S({"infinity"}, {1})}) ==
          "StringToNumberOp could not correctly convert string: infinity");
  }

  TEST_CASE("Substr in bytes: scalar, elementwise and broadcast pos/len") {
    OpRunner r;
    Tensor in = S({"Hello", "World"}, {2});
    CHECK(Values<std::string>(r.One("Substr", {in, I32({1}, {}), I32({3}, {})})) ==
          std::vector<std::string>{"ell", "orl"});
    // Negative pos counts from the end; len past the end stops there.
    CHECK(Values<std::string>(r.One("Substr", {in, I64({-2, 0}, {2}), I64({10, 5}, {2})})) ==
          std::vector<std::string>{"lo", "World"});
    // pos == size is allowed and gives "".
    CHECK(Values<std::string>(r.One("Substr", {in, I32({5}, {}), I32({1}, {})})) ==
          std::vector<std::string>{"", ""});
    Tensor grid =
        r.One("Substr", {S({"abcd", "efgh"}, {2, 1}), I32({0, 2}, {2}), I32({1, 2}, {2})});
    CHECK(grid.shape() == Shape{2, 2});
    CHECK(Values<std::string>(grid) == std::vector<std::string>{"a", "cd", "e", "gh"});
    CHECK(r.Error("Substr", {in, I32({6}, {}), I32({1}, {})}) ==
          "pos 6 out of range for string b'Hello' at index 0");
    CHECK(r.Error("Substr", {in, I32({1, 2}, {2}), I32({1}, {})}) ==
          "pos and len should have the same shape, got: [2] vs. []");
    CHECK(r.Error("Substr", {in, I32({1, 2, 3}, {3}), I32({1, 1, 1}, {3})}) ==
          "Incompatible shapes: [2] vs. [3]");
  }

  TEST_CASE("Substr in UTF-8 characters") {
    OpRunner r;
    const auto utf8 = Attrs({{"unit", AttrValue::Str("UTF8_CHAR")}});
    Tensor in = S({"h\xC3\xA9llo"}, {1});
    CHECK(Values<std::string>(r.One("Substr", {in, I32({1}, {}), I32({2}, {})}, utf8)) ==
          std::vector<std::string>{"\xC3\xA9l"});
    CHECK(Values<std::string>(r.One("Substr", {in, I32({-4}, {}), I32({2}, {})}, utf8)) ==
          std::vector<std::string>{"\xC3\xA9l"});
    CHECK(r.Error("Substr", {in, I32({6}, {}), I32({1}, {})}, utf8) ==
          "pos 6 out of range for string at index 0");
  }
}

}  // namespace tfsk::serving
