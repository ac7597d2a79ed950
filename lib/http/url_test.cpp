#include <doctest/doctest.h>

#include "lib/http/model_endpoint.h"
#include "lib/http/predict_request.h"
#include "lib/http/url.h"

#include <filesystem>
#include <fstream>

namespace tfsk::http {
namespace {

TEST_SUITE("http::Url") {
  TEST_CASE("parses origin, port and target") {
    auto u = ParseUrl("http://127.0.0.1:8501/v1/models/x:predict");
    REQUIRE(u.ok());
    CHECK(u->host == "127.0.0.1");
    CHECK(u->port == 8501);
    CHECK(u->target == "/v1/models/x:predict");
    CHECK(u->Origin() == "http://127.0.0.1:8501");
    CHECK(ParseUrl("http://localhost")->port == 80);
    CHECK(ParseUrl("localhost:30001")->port == 30001);
    CHECK(ParseUrl("http://[::1]:9/")->Origin() == "http://[::1]:9");
  }
  TEST_CASE("https is Unimplemented, junk is InvalidArgument") {
    CHECK(ParseUrl("https://x:1").status().code() == Code::kUnimplemented);
    CHECK(ParseUrl("ftp://x").status().code() == Code::kInvalidArgument);
    CHECK(ParseUrl("http://x:99999").status().code() == Code::kInvalidArgument);
    CHECK(ParseUrl("http://:80").status().code() == Code::kInvalidArgument);
  }
}

TEST_SUITE("http::BuildPredictBody") {
  TEST_CASE("a comma list is a 1-D batch, numbers kept as typed") {
    auto b = BuildPredictBody({"1.0,2.0,5.0", "", "", ""});
    REQUIRE(b.ok());
    CHECK(*b == R"({"instances": [1.0, 2.0, 5.0]})");
    CHECK(*BuildPredictBody({"[[1,2],[3,4]]", "", "", "sig"}) ==
          R"({"signature_name": "sig", "instances": [[1,2],[3,4]]})");
    CHECK(*BuildPredictBody({}) == kDefaultBody);
    CHECK(*BuildPredictBody({"", R"({"x": [1]})", "", ""}) == R"({"inputs": {"x": [1]}})");
  }
  TEST_CASE("malformed input names the problem") {
    auto b = BuildPredictBody({"1,,2", "", "", ""});
    REQUIRE_FALSE(b.ok());
    CHECK(b.status().code() == Code::kInvalidArgument);
    CHECK(b.status().message().find("item 2 is empty") != std::string::npos);
    CHECK(BuildPredictBody({"1,abc", "", "", ""}).status().message().find("'abc'") !=
          std::string::npos);
    CHECK(BuildPredictBody({"[1,2", "", "", ""}).status().message().find("not valid JSON") !=
          std::string::npos);
    CHECK_FALSE(BuildPredictBody({"1", "[1]", "", ""}).ok());
  }
  TEST_CASE("paths, errors and tables") {
    CHECK(*ModelPath("m", 3, "", "predict") == "/v1/models/m/versions/3:predict");
    CHECK(*ModelPath("m", std::nullopt, "stable", "regress") == "/v1/models/m/labels/stable:regress");
    CHECK_FALSE(ModelPath("m", 1, "x", "predict").ok());
    CHECK_FALSE(ModelPath("m", std::nullopt, "", "guess").ok());
    CHECK(ErrorMessage(R"({ "error": "boom" })") == std::optional<std::string>("boom"));
    CHECK_FALSE(ErrorMessage("not json").has_value());
    CHECK(FormatTable(R"({"predictions": [2.5, 3.0, 4.5]})") == "#  predictions\n0  2.5\n1  3\n2  4.5\n");
    CHECK(JsonEqual(R"({"a": [2, 2.5]})", R"({ "a": [2.0, 2.50] })"));
    CHECK_FALSE(JsonEqual(R"({"a": 1})", R"({"a": 2})"));
    CHECK_FALSE(JsonEqual("x", "x"));
  }
}

TEST_SUITE("http::ResolveModelEndpoint") {
  TEST_CASE("--url wins, else the state file, else a clear error") {
    const auto dir = std::filesystem::temp_directory_path() / "tfsk_http_endpoint_test";
    std::filesystem::remove_all(dir);
    std::filesystem::create_directories(dir / ".tfsk");
    auto none = ResolveModelEndpoint("", dir);
    REQUIRE_FALSE(none.ok());
    CHECK(none.status().message().find("--url") != std::string::npos);
    CHECK(none.status().message().find("tfsk up") != std::string::npos);
    std::ofstream(dir / ".tfsk" / "local.json") << R"({"pid": 1, "port": 18555, "model_name": "hpt"})";
    auto local = ResolveModelEndpoint("", dir);
    REQUIRE(local.ok());
    CHECK(local->base_url == "http://127.0.0.1:18555");
    CHECK(local->model_name == "hpt");
    auto flag = ResolveModelEndpoint("http://h:1/v1/models/m:predict", dir);
    CHECK(flag->full_url);
    CHECK(flag->base_url == "http://h:1/v1/models/m:predict");
    CHECK(ResolveModelEndpoint("http://h:1", dir)->base_url == "http://h:1");
    std::ofstream(dir / ".tfsk" / "local.json") << "{";
    CHECK(ResolveModelEndpoint("", dir).status().code() == Code::kDataLoss);
    std::filesystem::remove_all(dir);
  }

  TEST_CASE("a cluster target's state.json gives the NodePort URL and the model") {
    const auto dir = std::filesystem::temp_directory_path() / "tfsk_http_endpoint_state_test";
    std::filesystem::remove_all(dir);
    std::filesystem::create_directories(dir / ".tfsk");
    std::ofstream(dir / ".tfsk" / "state.json")
        << R"({"target": "minikube", "url": "http://192.168.49.2:30001/v1/models/half_plus_two"})";
    auto ep = ResolveModelEndpoint("", dir);
    REQUIRE(ep.ok());
    CHECK(ep->base_url == "http://192.168.49.2:30001");
    CHECK(ep->model_name == "half_plus_two");
    std::ofstream(dir / ".tfsk" / "state.json") << R"({"target": "minikube", "url": ""})";
    auto tunnel = ResolveModelEndpoint("", dir);
    REQUIRE_FALSE(tunnel.ok());
    CHECK(tunnel.status().message().find("tfsk url") != std::string::npos);
    std::filesystem::remove_all(dir);
  }
}

}  // namespace
}  // namespace tfsk::http

namespace tfsk::http {
namespace {

TEST_SUITE("http::BuildPredictBody --data") {
  TEST_CASE("@file is read as the raw body, a missing file names it") {
    const auto path = std::filesystem::temp_directory_path() / "tfsk_http_data_test.json";
    std::ofstream(path) << R"({"instances": [7]})";
    CHECK(*BuildPredictBody({"", "", "@" + path.string(), ""}) == R"({"instances": [7]})");
    CHECK(*BuildPredictBody({"", "", "not even json", ""}) == "not even json");
    std::filesystem::remove(path);
    auto missing = BuildPredictBody({"", "", "@" + path.string(), ""});
    REQUIRE_FALSE(missing.ok());
    CHECK(missing.status().message().find(path.string()) != std::string::npos);
  }
}

}  // namespace
}  // namespace tfsk::http
