#include "serving/rest/json_dom.h"

#include <doctest/doctest.h>

#include <cmath>

namespace tfsk::serving::rest {
namespace {

TEST_CASE("ParseJson reports rapidjson's texts and offsets") {
  struct Case {
    std::string_view body;
    const char* message;
  };
  const Case cases[] = {
      {"", "JSON Parse error: The document is empty"},
      {"   ", "JSON Parse error: The document is empty. at offset: 3"},
      {"abc", "JSON Parse error: Invalid value. at offset: 0"},
      {"{\"a\": 1 \"b\": 2}", "JSON Parse error: Missing a comma or '}' after an object member. at offset: 8"},
      {"[1, 2 3]", "JSON Parse error: Missing a comma or ']' after an array element. at offset: 6"},
      {"{'a': 1}", "JSON Parse error: Missing a name for object member. at offset: 1"},
      {"{\"a\" 1}", "JSON Parse error: Missing a colon after a name of object member. at offset: 5"},
      {"{\"a\": nan}", "JSON Parse error: Invalid value. at offset: 7"},
      {"{\"a\": tru}", "JSON Parse error: Invalid value. at offset: 9"},
      {"{\"a\": \"x}", "JSON Parse error: Missing a closing quotation mark in string. at offset: 9"},
      {"{\"a\": \"\\q\"}", "JSON Parse error: Invalid escape character in string. at offset: 7"},
      {"{\"a\": \"\\u12G4\"}", "JSON Parse error: Incorrect hex digit after \\u escape in string. at offset: 7"},
      {"{\"a\": \"\\uD800x\"}", "JSON Parse error: The surrogate pair in string is invalid. at offset: 7"},
      {"{\"a\": 1.}", "JSON Parse error: Miss fraction part in number. at offset: 8"},
      {"{\"a\": 1e}", "JSON Parse error: Miss exponent in number. at offset: 8"},
      {"{\"a\": 1e400}", "JSON Parse error: Number too big to be stored in double. at offset: 6"},
      {"{\"a\": [1,]}", "JSON Parse error: Invalid value. at offset: 9"},
      {"{\"a\": 1,}", "JSON Parse error: Missing a name for object member. at offset: 8"},
      {"{\"a\": Infinit}", "JSON Parse error: Invalid value. at offset: 13"},
      {"{\"a\": \"\x01\"}", "JSON Parse error: Invalid encoding in string. at offset: 7"},
  };
  for (const auto& c : cases) {
    CAPTURE(c.body);
    auto r = ParseJson(c.body);
    REQUIRE_FALSE(r.ok());
    CHECK(r.status().code() == Code::kInvalidArgument);
    CHECK(r.status().message() == c.message);
  }
}

TEST_CASE("ParseJson accepts NaN/Infinity tokens and ignores trailing bytes") {
  auto r = ParseJson("[NaN, Infinity, -Infinity, Inf, -NaN] trailing garbage");
  REQUIRE(r.ok());
  const auto& a = r->get_array();
  REQUIRE(a.size() == 5);
  CHECK(std::isnan(a[0].get_double()));
  CHECK(a[1].get_double() == INFINITY);
  CHECK(a[2].get_double() == -INFINITY);
  CHECK(a[3].get_double() == INFINITY);
  CHECK(std::isnan(a[4].get_double()));
  CHECK(ParseJson("{} {").ok());
  CHECK(ParseJson(std::string_view("{}\0x", 4)).ok());
}

TEST_CASE("ParseJson number kinds follow rapidjson") {
  auto r = ParseJson("[1, -7, 2.0, 1e3, 9223372036854775807, 18446744073709551615, "
                     "18446744073709551616, -9223372036854775809, -0]");
  REQUIRE(r.ok());
  const auto& a = r->get_array();
  CHECK(a[0].is_int64());
  CHECK(a[1].get_int64() == -7);
  CHECK(a[2].is_double());
  CHECK(a[3].get_double() == 1000.0);
  CHECK(a[4].is_int64());
  CHECK(a[5].is_uint64());
  CHECK(a[6].is_double());
  CHECK(a[7].is_double());
  CHECK(a[8].is_int64());
}

TEST_CASE("ParseJson converts decimals with rapidjson's normal-precision algorithm") {
  auto num = [](std::string_view text) { return ParseJson(text).value().get_double(); };
  CHECK(num("0.1") == 0.1);
  CHECK(num("2.5") == 2.5);
  CHECK(num("1e-7") == 1e-7);
  CHECK(num("-0.0") == 0.0);
  CHECK(std::signbit(num("-0.0")));
  // Not correctly rounded (strtod gives ...275), exactly like TF Serving's rapidjson.
  CHECK(num("13.387664401253275") == 13.387664401253277);
  CHECK(num("7896519.6950648362") == 7896519.6950648371);
  CHECK(num("1e308") == 1e308);
  CHECK(num("1e-400") == 0.0);
  CHECK(num("123456789012345678901234567890") == doctest::Approx(1.2345678901234568e29));
  CHECK(ParseJson("1e309").status().message() ==
        "JSON Parse error: Number too big to be stored in double. at offset: 0");
  CHECK(ParseJson("[10e308]").status().message() ==
        "JSON Parse error: Number too big to be stored in double. at offset: 1");
  CHECK(ParseJson("-9223372036854775808")->get_int64() == INT64_MIN);
  CHECK(ParseJson("4294967295")->get_int64() == 4294967295);
}

TEST_CASE("ParseJson decodes escapes, keeps member order, first duplicate wins") {
  auto r = ParseJson(R"({"z": "a\"\\\/\b\f\n\r\t\u00e9\ud83d\ude00", "a": 1, "a": 2})");
  REQUIRE(r.ok());
  const auto& o = r->get_object();
  CHECK(o.begin()->key() == "z");
  CHECK(o.at("z").get_string() == "a\"\\/\b\f\n\r\t\xC3\xA9\xF0\x9F\x98\x80");
  CHECK(o.at("a").get_int64() == 1);
}

TEST_CASE("ParseJson refuses absurd nesting instead of overflowing the stack") {
  std::string deep(100000, '[');
  CHECK_FALSE(ParseJson(deep).ok());
}

TEST_CASE("DumpJson renders like TF Serving's JsonValueToString") {
  auto dump = [](std::string_view text) { return DumpJson(ParseJson(text).value()); };
  CHECK(dump("\"x\"") == "\"x\"");
  CHECK(dump("[1, 2, [3, 4]]") == "[1, 2, [3, 4]]");
  CHECK(dump("{\"a\": [1.5, 2.0], \"b\": {}}") ==
        "{\n    \"a\": [1.5, 2.0],\n    \"b\": {}\n}");
  CHECK(dump("0.1") == "0.1");
  CHECK(dump("1.23456789") == "1.23456788");
  CHECK(dump("NaN") == "NaN");
  CHECK(dump("-Infinity") == "-Infinity");
  CHECK(dump("[1e39, 1e-7, 0.001, 123456.5, 1e21, 1e22]") ==
        "[1e39, 1e-7, 0.001, 123456.5, 1e21, 1e22]");
  CHECK(dump("[1, NaN, 2]") == "[1, ");
  CHECK(dump("true") == "true");
  CHECK(dump("null") == "null");
  const std::string long_list = "[" + std::string(300, '1') + "]";
  CHECK(dump("[\"" + std::string(300, 'a') + "\"]").size() == 259);
}

TEST_CASE("JsonTypeName and IsBase64Object") {
  auto v = [](std::string_view text) { return ParseJson(text).value(); };
  CHECK(JsonTypeName(v("null")) == "Null");
  CHECK(JsonTypeName(v("false")) == "False");
  CHECK(JsonTypeName(v("true")) == "True");
  CHECK(JsonTypeName(v("{}")) == "Object");
  CHECK(JsonTypeName(v("[]")) == "Array");
  CHECK(JsonTypeName(v("\"\"")) == "String");
  CHECK(JsonTypeName(v("1.5")) == "Number");
  CHECK(IsBase64Object(v(R"({"b64": "aGk="})")));
  CHECK_FALSE(IsBase64Object(v(R"({"b64": 1})")));
  CHECK_FALSE(IsBase64Object(v(R"({"b64": "aGk=", "x": 1})")));
  CHECK_FALSE(IsBase64Object(v(R"(["b64"])")));
}

}  // namespace
}  // namespace tfsk::serving::rest
