#include "serving/server/options.h"

#include <doctest/doctest.h>

#include <map>

namespace tfsk::serving {
namespace {

EnvLookup FakeEnv(std::map<std::string, std::string> vars) {
  return [vars](const std::string& name) -> std::optional<std::string> {
    auto it = vars.find(name);
    if (it == vars.end()) return std::nullopt;
    return it->second;
  };
}

}  // namespace

TEST_SUITE("ServerOptions") {
  TEST_CASE("defaults follow tensorflow/serving's image") {
    auto r = ParseServerFlags({"--model_base_path=/m/half"}, FakeEnv({}));
    REQUIRE(r.options);
    CHECK(r.options->model_name == "default");
    CHECK(r.options->rest_api_port == 8501);
    CHECK(r.options->port == 8500);
    CHECK(r.options->file_system_poll_wait_seconds == 1);
    CHECK(ValidateServerOptions(*r.options).ok());
  }

  TEST_CASE("both flag spellings are accepted") {
    auto r = ParseServerFlags(
        {"--model_name", "hpt", "--rest_api_port=9000", "--model_base_path", "/x"}, FakeEnv({}));
    REQUIRE(r.options);
    CHECK(r.options->model_name == "hpt");
    CHECK(r.options->rest_api_port == 9000);
  }

  TEST_CASE("MODEL_NAME and MODEL_BASE_PATH select the model like the image does") {
    auto r = ParseServerFlags(
        {}, FakeEnv({{"MODEL_NAME", "half_plus_two"}, {"MODEL_BASE_PATH", "/models"}}));
    REQUIRE(r.options);
    CHECK(r.options->model_name == "half_plus_two");
    CHECK(r.options->model_base_path == "/models/half_plus_two");
  }

  TEST_CASE("a repeated flag keeps its last value (the image's entrypoint args, then the user's)") {
    auto r = ParseServerFlags({"--port=8500", "--rest_api_port=8501", "--rest_api_port=9000"},
                              FakeEnv({{"MODEL_BASE_PATH", "/models"}}));
    REQUIRE(r.options);
    CHECK(r.options->rest_api_port == 9000);
    CHECK(r.options->port == 8500);
    CHECK(r.options->model_base_path == "/models/model");
  }

  TEST_CASE("flags beat the environment") {
    auto r = ParseServerFlags({"--model_base_path=/a", "--model_name=x"},
                              FakeEnv({{"MODEL_NAME", "y"}, {"MODEL_BASE_PATH", "/b"}}));
    REQUIRE(r.options);
    CHECK(r.options->model_base_path == "/a");
    CHECK(r.options->model_name == "x");
  }

  TEST_CASE("no model source is an error that says how to give one") {
    auto r = ParseServerFlags({}, FakeEnv({}));
    REQUIRE(r.options);
    auto s = ValidateServerOptions(*r.options);
    CHECK(s.code() == Code::kInvalidArgument);
    CHECK(s.message().find("--model_base_path") != std::string::npos);
  }

  TEST_CASE("equal REST and gRPC ports are rejected") {
    auto r = ParseServerFlags({"--model_base_path=/a", "--port=8501"}, FakeEnv({}));
    REQUIRE(r.options);
    CHECK_FALSE(ValidateServerOptions(*r.options).ok());
  }

  TEST_CASE("an unknown flag is a usage error") {
    auto r = ParseServerFlags({"--model_nmae=x"}, FakeEnv({}));
    CHECK_FALSE(r.options);
    CHECK(r.exit_code == 2);
    CHECK(r.output.find("model_nmae") != std::string::npos);
  }

  TEST_CASE("--help prints the flags and exits 0") {
    auto r = ParseServerFlags({"--help"}, FakeEnv({}));
    CHECK_FALSE(r.options);
    CHECK(r.exit_code == 0);
    CHECK(r.output.find("--rest_api_port") != std::string::npos);
  }
}

}  // namespace tfsk::serving
