#include <doctest/doctest.h>

#include "serving/ops/op_test_util.h"

namespace tfsk::serving {
using namespace testing;

namespace {
Tensor D(std::vector<double> v, Shape s) { return T_<double>(std::move(v), std::move(s)); }
}  // namespace

TEST_SUITE("DecodeCSV") {
  TEST_CASE("typed columns, defaults for empty fields, one output per default") {
    OpRunner r;
    auto out = r.Run("DecodeCSV", {S({"1,2.5,x,7", ",,,"}, {2}), I32({9}, {1}), F({-1}, {1}),
                                   S({"none"}, {1}), D({0.5}, {1})});
    REQUIRE(out.ok());
    REQUIRE(out->size() == 4);
    CHECK(Values<std::int32_t>((*out)[0]) == std::vector<std::int32_t>{1, 9});
    CHECK(Values<float>((*out)[1]) == std::vector<float>{2.5f, -1});
    CHECK(Values<std::string>((*out)[2]) == std::vector<std::string>{"x", "none"});
    CHECK(Values<double>((*out)[3]) == std::vector<double>{7, 0.5});
    CHECK((*out)[0].shape() == Shape{2});
  }

  TEST_CASE("quotes: delimiters and doubled quotes inside, CR/LF before a field skipped") {
    OpRunner r;
    auto out =
        r.Run("DecodeCSV", {S({"\r\n\"a,b\",\"say \"\"hi\"\"\""}, {}), S({}, {0}), S({}, {0})});
    REQUIRE(out.ok());
    CHECK(Values<std::string>((*out)[0]) == std::vector<std::string>{"a,b"});
    CHECK(Values<std::string>((*out)[1]) == std::vector<std::string>{"say \"hi\""});
    // Without quote handling a quote is an ordinary character.
    auto plain = r.Run(
        "DecodeCSV", {S({"\"a|b"}, {1}), S({""}, {1}), S({""}, {1})},
        Attrs({{"field_delim", AttrValue::Str("|")}, {"use_quote_delim", AttrValue::Bool(false)}}));
    REQUIRE(plain.ok());
    CHECK(Values<std::string>((*plain)[0]) == std::vector<std::string>{"\"a"});
  }

  TEST_CASE("na_value and select_cols") {
    OpRunner r;
    auto out = r.Run(
        "DecodeCSV", {S({"NA,5,6,7", "3,NA,8,9"}, {2}), I64({0}, {1}), I64({-1}, {1})},
        Attrs({{"na_value", AttrValue::Str("NA")}, {"select_cols", AttrValue::Ints({1, 3})}}));
    REQUIRE(out.ok());
    CHECK(Values<std::int64_t>((*out)[0]) == std::vector<std::int64_t>{5, 0});
    CHECK(Values<std::int64_t>((*out)[1]) == std::vector<std::int64_t>{7, 9});
  }

  TEST_CASE("a trailing delimiter is one more, empty, field") {
    OpRunner r;
    auto out = r.Run("DecodeCSV", {S({"4,"}, {1}), I32({0}, {1}), I32({8}, {1})});
    REQUIRE(out.ok());
    CHECK(Values<std::int32_t>((*out)[1]) == std::vector<std::int32_t>{8});
  }

  TEST_CASE("TensorFlow's errors") {
    OpRunner r;
    CHECK(r.Error("DecodeCSV", {S({"1,2"}, {1}), I32({0}, {1})}) ==
          "Expect 1 fields but have 2 in record 0");
    CHECK(r.Error("DecodeCSV", {S({","}, {1}), I32({}, {0}), I32({0}, {1})}) ==
          "Field 0 is required but missing in record 0!");
    CHECK(r.Error("DecodeCSV", {S({"x"}, {1}), I32({0}, {1})}) ==
          "Field 0 in record 0 is not a valid int32: x");
    CHECK(r.Error("DecodeCSV", {S({"1.5.2"}, {1}), F({0}, {1})}) ==
          "Field 0 in record 0 is not a valid float: 1.5.2");
    CHECK(r.Error("DecodeCSV", {S({"a\"b"}, {1}), S({""}, {1})}) ==
          "Unquoted fields cannot have quotes/CRLFs inside");
    CHECK(r.Error("DecodeCSV", {S({"\"a\"b"}, {1}), S({""}, {1})}) ==
          "Quote inside a string has to be escaped by another quote");
    CHECK(r.Error("DecodeCSV", {S({"\"ab"}, {1}), S({""}, {1})}) ==
          "Quoted field has to end with quote followed by delim or end");
    CHECK(r.Error("DecodeCSV", {S({"1"}, {1}), I32({0, 1}, {2})}) ==
          "There should only be 1 default per field but field 0 has 2");
    CHECK(r.Error("DecodeCSV", {S({"1"}, {1}), I32({0}, {1})},
                  Attrs({{"field_delim", AttrValue::Str("ab")}})) ==
          "field_delim should be only 1 char");
    CHECK(r.Error("DecodeCSV", {S({"1,2"}, {1}), I32({0}, {1}), I32({0}, {1})},
                  Attrs({{"select_cols", AttrValue::Ints({1, 0})}})) ==
          "select_cols is not strictly increasing.");
    CHECK(r.Error("DecodeCSV", {S({"1"}, {1}), B({true}, {1})}) ==
          "csv: data type bool not supported in field 0");
  }
}

}  // namespace tfsk::serving
