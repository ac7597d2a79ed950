#include "serving/rest/json_writer.h"

#include <doctest/doctest.h>

namespace tfsk::serving::rest {
namespace {

TEST_CASE("ErrorJson is rapidjson's pretty object with standard escaping") {
  CHECK(ErrorJson("boom") == "{\n    \"error\": \"boom\"\n}");
  CHECK(ErrorJson("a\"b\\c\nd\te/\x01") ==
        "{\n    \"error\": \"a\\\"b\\\\c\\nd\\te/\\u0001\"\n}");
}

TEST_CASE("Row-format layout: single-line instances, outer bracket on its own line") {
  PrettyJsonWriter w;
  w.StartObject();
  w.Key("predictions");
  w.StartArray();
  for (const char* v : {"2.5", "3.0", "3.5"}) {
    w.SetSingleLineArrays(true);
    w.RawNumber(v);
    w.SetSingleLineArrays(false);
  }
  w.EndArray();
  w.EndObject();
  CHECK(w.str() == "{\n    \"predictions\": [2.5, 3.0, 3.5\n    ]\n}");
}

TEST_CASE("Row-format layout with nested instances and objects") {
  PrettyJsonWriter w;
  w.StartObject();
  w.Key("predictions");
  w.StartArray();
  for (int i = 0; i < 2; ++i) {
    w.SetSingleLineArrays(true);
    w.StartArray();
    w.Int64(i);
    w.Int64(i + 1);
    w.EndArray();
    w.SetSingleLineArrays(false);
  }
  w.EndArray();
  w.EndObject();
  CHECK(w.str() == "{\n    \"predictions\": [[0, 1], [1, 2]\n    ]\n}");

  PrettyJsonWriter o;
  o.StartObject();
  o.Key("predictions");
  o.StartArray();
  for (int i = 0; i < 2; ++i) {
    o.StartObject();
    o.SetSingleLineArrays(true);
    o.Key("a");
    o.Int64(i);
    o.Key("b");
    o.StartArray();
    o.Int64(1);
    o.Int64(2);
    o.EndArray();
    o.SetSingleLineArrays(false);
    o.EndObject();
  }
  o.EndArray();
  o.EndObject();
  CHECK(o.str() ==
        "{\n    \"predictions\": [\n        {\n            \"a\": 0,\n            \"b\": [1, 2]\n"
        "        },\n        {\n            \"a\": 1,\n            \"b\": [1, 2]\n        }\n"
        "    ]\n}");
}

TEST_CASE("Columnar layout is fully expanded, empty containers stay closed") {
  PrettyJsonWriter w;
  w.StartObject();
  w.Key("outputs");
  w.StartArray();
  w.RawNumber("3.0");
  w.RawNumber("3.5");
  w.EndArray();
  w.EndObject();
  CHECK(w.str() == "{\n    \"outputs\": [\n        3.0,\n        3.5\n    ]\n}");

  PrettyJsonWriter e;
  e.StartObject();
  e.Key("predictions");
  e.StartArray();
  e.EndArray();
  e.Key("o");
  e.StartObject();
  e.EndObject();
  e.EndObject();
  CHECK(e.str() == "{\n    \"predictions\": [],\n    \"o\": {}\n}");
}

TEST_CASE("Regress layout: single-line results array") {
  PrettyJsonWriter w;
  w.StartObject();
  w.Key("results");
  w.SetSingleLineArrays(true);
  w.StartArray();
  w.RawNumber("3.0");
  w.RawNumber("3.5");
  w.EndArray();
  w.EndObject();
  CHECK(w.str() == "{\n    \"results\": [3.0, 3.5]\n}");
}

}  // namespace
}  // namespace tfsk::serving::rest
