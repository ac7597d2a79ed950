#include "serving/rest/tf_example.h"

#include <doctest/doctest.h>

#include <cmath>
#include <cstring>
#include <map>

#include "serving/rest/example_wire.h"

namespace tfsk::serving::rest {
namespace {

// A minimal protobuf reader for the test: decodes tf.Example bytes back into features, merging
// repeated map entries like protobuf does (a later entry replaces an earlier one).
struct Decoded {
  std::string kind;  // "bytes", "float", "int64" or "" (no kind)
  std::vector<std::string> bytes;
  std::vector<float> floats;
  std::vector<std::int64_t> ints;
};

std::uint64_t Varint(std::string_view s, std::size_t& pos) {
  std::uint64_t v = 0;
  for (int shift = 0;; shift += 7) {
    REQUIRE(pos < s.size());
    const auto b = static_cast<unsigned char>(s[pos++]);
    v |= static_cast<std::uint64_t>(b & 0x7F) << shift;
    if (!(b & 0x80)) return v;
  }
}

// Iterates length-delimited fields, calling fn(field, payload).
template <typename Fn>
void Fields(std::string_view s, Fn fn) {
  std::size_t pos = 0;
  while (pos < s.size()) {
    const std::uint64_t tag = Varint(s, pos);
    REQUIRE((tag & 7) == 2);
    const auto len = static_cast<std::size_t>(Varint(s, pos));
    REQUIRE(pos + len <= s.size());
    fn(static_cast<int>(tag >> 3), s.substr(pos, len));
    pos += len;
  }
}

std::map<std::string, Decoded> DecodeExample(std::string_view bytes) {
  std::map<std::string, Decoded> out;
  Fields(bytes, [&](int f, std::string_view features) {
    REQUIRE(f == 1);
    Fields(features, [&](int f2, std::string_view entry) {
      REQUIRE(f2 == 1);
      std::string key;
      Decoded d;
      Fields(entry, [&](int f3, std::string_view payload) {
        if (f3 == 1) {
          key = std::string(payload);
          return;
        }
        REQUIRE(f3 == 2);
        Fields(payload, [&](int kind, std::string_view list) {
          Fields(list, [&](int vf, std::string_view values) {
            REQUIRE(vf == 1);
            if (kind == 1) {
              d.kind = "bytes";
              d.bytes.emplace_back(values);
            } else if (kind == 2) {
              d.kind = "float";
              REQUIRE(values.size() % 4 == 0);
              for (std::size_t i = 0; i < values.size(); i += 4) {
                float v;
                std::memcpy(&v, values.data() + i, 4);
                d.floats.push_back(v);
              }
            } else {
              REQUIRE(kind == 3);
              d.kind = "int64";
              std::size_t p = 0;
              while (p < values.size()) d.ints.push_back(static_cast<std::int64_t>(Varint(values, p)));
            }
          });
        });
      });
      out[key] = d;
    });
  });
  return out;
}

TEST_CASE("Examples become tf.Example wire bytes with the documented kinds") {
  auto r = ParseExamplesRequest(
      R"({"signature_name": "sig", "examples": [{"f": 2.0, "i": -7, "b": true, "s": "hi",
          "raw": {"b64": "AAE="}, "list": [1e3, NaN], "ints": [1, 2, 300], "none": []}]})");
  REQUIRE(r.ok());
  CHECK(r->signature_name == "sig");
  REQUIRE(r->serialized_examples.size() == 1);
  auto d = DecodeExample(r->serialized_examples[0]);
  CHECK(d["f"].kind == "float");
  CHECK(d["f"].floats == std::vector<float>{2.0f});
  CHECK(d["i"].ints == std::vector<std::int64_t>{-7});
  CHECK(d["b"].ints == std::vector<std::int64_t>{1});
  CHECK(d["s"].bytes == std::vector<std::string>{"hi"});
  CHECK(d["raw"].bytes == std::vector<std::string>{std::string("\0\1", 2)});
  REQUIRE(d["list"].floats.size() == 2);
  CHECK(d["list"].floats[0] == 1000.0f);
  CHECK(std::isnan(d["list"].floats[1]));
  CHECK(d["ints"].ints == std::vector<std::int64_t>{1, 2, 300});
  CHECK(d.count("none") == 1);
  CHECK(d["none"].kind.empty());
}

TEST_CASE("Exact wire bytes of a small Example") {
  ExampleProto e;
  e.has_features = true;
  ExampleFeature f;
  f.kind = ExampleFeature::Kind::kFloat;
  f.floats = {1.0f};
  e.features.emplace_back("x", f);
  // Example{features(1){feature(1){key(1)="x", value(2)=Feature{float_list(2){value(1) packed}}}}}
  const std::string expected("\x0a\x0f\x0a\x0d\x0a\x01x\x12\x08\x12\x06\x0a\x04\x00\x00\x80\x3f", 17);
  CHECK(SerializeExample(e) == expected);
  CHECK(SerializeExample(ExampleProto{}).empty());
}

TEST_CASE("Context is prepended so the example's features win") {
  auto r = ParseExamplesRequest(
      R"({"context": {"c": "ctx", "x": 1.0}, "examples": [{"x": 2.0}, {}]})");
  REQUIRE(r.ok());
  REQUIRE(r->serialized_examples.size() == 2);
  auto d0 = DecodeExample(r->serialized_examples[0]);
  CHECK(d0["c"].bytes == std::vector<std::string>{"ctx"});
  CHECK(d0["x"].floats == std::vector<float>{2.0f});
  auto d1 = DecodeExample(r->serialized_examples[1]);
  CHECK(d1["x"].floats == std::vector<float>{1.0f});
  auto no_ctx = ParseExamplesRequest(R"({"examples": [{}]})");
  REQUIRE(no_ctx.ok());
  CHECK(no_ctx->serialized_examples[0].empty());
}

TEST_CASE("Every classify/regress request rejection") {
  struct Case {
    std::string_view body;
    std::string message;
  };
  const Case cases[] = {
      {"", "JSON Parse error: The document is empty"},
      {"1", "JSON Value: 1 Is not object"},
      {R"({"signature_name": ["a"]})",
       "JSON Value: {\n    \"signature_name\": [\"a\"]\n} not formatted correctly. "
       "'signature_name' key must be a string value."},
      {R"({"x": 1})",
       "JSON Value: {\n    \"x\": 1\n} When method is classify, key 'examples' is expected and "
       "was not found"},
      {R"({"examples": {}})",
       "JSON Value: {\n    \"examples\": {}\n} Expecting 'examples' value to be an list/array"},
      {R"({"examples": []})", "JSON Value: {\n    \"examples\": []\n} 'examples' value is an empty array"},
      {R"({"examples": [1]})", "Example must be JSON object but got JSON Number"},
      {R"({"context": [], "examples": [{}]})", "Example must be JSON object but got JSON Array"},
      {R"({"examples": [{"f": null}]})", "Feature: f has element with unexpected JSON type: Null"},
      {R"({"examples": [{"f": [[1]]}]})", "Feature: f has element with unexpected JSON type: Array"},
      {R"({"examples": [{"f": {"a": 1}}]})", "Feature: f has element with unexpected JSON type: Object"},
      {R"({"examples": [{"f": [1, 2.0]}]})", "Unexpected element type in feature: f expecting type: int64"},
      {R"({"examples": [{"f": [2.0, "s"]}]})", "Unexpected element type in feature: f expecting type: float"},
      {R"({"examples": [{"f": ["s", true]}]})", "Unexpected element type in feature: f expecting type: bytes"},
      {R"({"examples": [{"f": 9223372036854775808}]})",
       "Feature: f has uint64_t element. Only int64_t is supported."},
      {R"({"examples": [{"f": {"b64": "*"}}]})", "Unable to base64 decode"},
  };
  for (const auto& c : cases) {
    CAPTURE(c.body);
    auto r = ParseExamplesRequest(c.body);
    REQUIRE_FALSE(r.ok());
    CHECK(r.status().code() == Code::kInvalidArgument);
    CHECK(r.status().message() == c.message);
  }
}

}  // namespace
}  // namespace tfsk::serving::rest
