#include "serving/rest/model_info_json.h"

#include <doctest/doctest.h>

#include <boost/json/serialize.hpp>
#include <fstream>
#include <sstream>

#include "serving/rest/json_dom.h"
#include "tests/support/shared.h"

namespace tfsk::serving::rest {
namespace {

std::string ReadFile(const std::filesystem::path& p) {
  std::ifstream in(p, std::ios::binary);
  std::stringstream ss;
  ss << in.rdbuf();
  return ss.str();
}

TEST_CASE("ModelStatusJson is protobuf's printer layout") {
  CHECK(ModelStatusJson({{123, ServableState::kAvailable, OkStatus()}}) ==
        "{\n \"model_version_status\": [\n  {\n   \"version\": \"123\",\n   \"state\": \"AVAILABLE\",\n"
        "   \"status\": {\n    \"error_code\": \"OK\",\n    \"error_message\": \"\"\n   }\n  }\n ]\n}\n");
  CHECK(ModelStatusJson({{124, ServableState::kAvailable, OkStatus()},
                         {123, ServableState::kEnd, NotFound("gone <x>")}}) ==
        "{\n \"model_version_status\": [\n  {\n   \"version\": \"124\",\n   \"state\": \"AVAILABLE\",\n"
        "   \"status\": {\n    \"error_code\": \"OK\",\n    \"error_message\": \"\"\n   }\n  },\n"
        "  {\n   \"version\": \"123\",\n   \"state\": \"END\",\n   \"status\": {\n"
        "    \"error_code\": \"NOT_FOUND\",\n    \"error_message\": \"gone \\u003cx\\u003e\"\n   }\n  }\n"
        " ]\n}\n");
}

TEST_CASE("ReindentJson lays out any JSON text protobuf-style") {
  CHECK(ReindentJson(R"({"a":{},"b":[ ],"c":[1,{"d":"x,y:{"}]})", 0) ==
        "{\n \"a\": {},\n \"b\": [],\n \"c\": [\n  1,\n  {\n   \"d\": \"x,y:{\"\n  }\n ]\n}");
  CHECK(ReindentJson("{\"q\": \"a\\\"b\"}", 2) == "{\n   \"q\": \"a\\\"b\"\n  }");
}

TEST_CASE("ModelMetadataJson rejects invalid fragments") {
  auto r = ModelMetadataJson("m", 1, {{"s", "{\"a\": }"}});
  CHECK(r.status().code() == Code::kInternal);
  CHECK(ModelMetadataJson("m", 1, {{"s", "{} x"}}).status().code() == Code::kInternal);
  CHECK(ModelMetadataJson("m", 7, {}).value() ==
        "{\n \"model_spec\": {\n  \"name\": \"m\",\n  \"signature_name\": \"\",\n  \"version\": \"7\"\n"
        " },\n \"metadata\": {\n  \"signature_def\": {\n   \"signature_def\": {}\n  }\n }\n}\n");
}

// Rebuilds each shared *_metadata.json byte for byte from compact per-signature fragments.
TEST_CASE("ModelMetadataJson reproduces TF Serving's metadata fixtures byte for byte") {
  for (const char* name : {"half_plus_two_model_metadata.json",
                           "saved_model_half_plus_two_2_versions_metadata.json",
                           "saved_model_half_plus_two_tf2_2_versions_metadata.json"}) {
    CAPTURE(name);
    const std::string expected = ReadFile(tfsk::testing::RequireShared(std::string("models/") + name));
    const boost::json::value doc = ParseJson(expected).value();
    const auto& spec = doc.at("model_spec");
    std::vector<std::pair<std::string, std::string>> fragments;
    for (const auto& kv : doc.at("metadata").at("signature_def").at("signature_def").get_object()) {
      fragments.emplace_back(std::string(kv.key()), boost::json::serialize(kv.value()));
    }
    const auto version = std::stoll(std::string(spec.at("version").get_string()));
    const auto got = ModelMetadataJson(std::string(spec.at("name").get_string()), version, fragments);
    REQUIRE(got.ok());
    CHECK(got.value() == expected);
  }
}

}  // namespace
}  // namespace tfsk::serving::rest

namespace tfsk::serving::rest {
namespace {

TEST_CASE("ProtoJsonString escapes like protobuf's JSON printer") {
  CHECK(ProtoJsonString("plain") == "\"plain\"");
  CHECK(ProtoJsonString("a\"b\\c/") == "\"a\\\"b\\\\c/\"");
  CHECK(ProtoJsonString("\b\t\n\f\r\x0b\x01\x7f") == "\"\\b\\t\\n\\f\\r\\u000b\\u0001\\u007f\"");
  CHECK(ProtoJsonString("<a>") == "\"\\u003ca\\u003e\"");
  CHECK(ProtoJsonString("\xC3\xA9") == "\"\xC3\xA9\"");              // U+00E9 kept
  CHECK(ProtoJsonString("\xC2\x85") == "\"\\u0085\"");                // C1 control
  CHECK(ProtoJsonString("\xE2\x80\xA8") == "\"\\u2028\"");            // line separator
  CHECK(ProtoJsonString("\xF3\xA0\x80\x81") == "\"\\udb40\\udc01\""); // U+E0001 language tag
  CHECK(ProtoJsonString("a\xFF" "b\xC3") == "\"ab\"");                // invalid UTF-8 dropped
}

}  // namespace
}  // namespace tfsk::serving::rest
