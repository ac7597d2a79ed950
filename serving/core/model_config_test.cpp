#include "serving/core/model_config.h"

#include <doctest/doctest.h>

#include <fstream>

#include "serving/core/config_watcher.h"
#include "serving/core/fake_loader_test_util.h"
#include "serving/core/text_format.h"
#include "tests/support/shared.h"

namespace tfsk::serving::core {

namespace {
std::string ErrorOf(std::string_view text) {
  auto config = ParseModelServerConfig(text);
  return config.ok() ? std::string("OK") : config.status().message();
}
}  // namespace

TEST_SUITE("TextFormat") {
  TEST_CASE("reads scalars, nested messages, lists, comments and separators") {
    auto fields = ParseTextFormat(
        "a: \"x\\ty\" 'z'  # comment\n"
        "b { c: -12, d: true; e < f: 1 > }\n"
        "g: [1, 2]\n"
        "h: { }\n");
    REQUIRE(fields.ok());
    REQUIRE(fields->size() == 5);
    CHECK((*fields)[0].text == "x\tyz");
    CHECK((*fields)[1].children.size() == 3);
    CHECK((*fields)[1].children[0].text == "-12");
    CHECK((*fields)[1].children[2].children[0].name == "f");
    CHECK((*fields)[2].text == "1");
    CHECK((*fields)[3].text == "2");
    CHECK((*fields)[3].line == 3);
    CHECK((*fields)[4].is_message());
  }

  TEST_CASE("errors give line and column") {
    CHECK(ParseTextFormat("a {\n  b: \n}").status().message() ==
          "line 3, column 1: expected a value for field 'b', found '}'");
    CHECK(ParseTextFormat("a {\n b: 1\n").status().message() ==
          "line 3, column 1: expected '}' to close the message, found end of input");
    CHECK(ParseTextFormat("a: \"open\n").status().message().find("unterminated string") !=
          std::string::npos);
    CHECK(ParseTextFormat("a 1").status().message() ==
          "line 1, column 3: expected ':' or '{' after field name 'a', found '1'");
  }
}

TEST_SUITE("ModelConfig") {
  TEST_CASE("parses the documented ModelServerConfig fields") {
    auto config = ParseModelServerConfig(R"(
      model_config_list {
        config {
          name: "half"
          base_path: "/models/half"
          model_platform: "tensorflow"
          model_version_policy { latest { num_versions: 2 } }
          version_labels { key: "stable" value: 1 }
          version_labels { key: "canary" value: 2 }
        }
        config { name: "all" base_path: "/m/all" model_version_policy { all {} } }
        config {
          name: "some" base_path: "/m/some"
          model_version_policy { specific { versions: 1 versions: 2 } }
        }
        config { name: "plain" base_path: "/m/plain" }
      })");
    REQUIRE(config.ok());
    REQUIRE(config->models.size() == 4);
    const ModelSpec& half = config->models[0];
    CHECK(half.name == "half");
    CHECK(half.base_path == "/models/half");
    CHECK(half.policy == VersionPolicy::Latest(2));
    CHECK(half.labels == std::map<std::string, std::int64_t>{{"stable", 1}, {"canary", 2}});
    CHECK(config->models[1].policy == VersionPolicy::All());
    CHECK(config->models[2].policy == VersionPolicy::Specific({1, 2}));
    CHECK(config->models[3].policy == VersionPolicy::Latest());
    CHECK(ParseModelServerConfig("").ok());
  }

  TEST_CASE("rejects mistakes with positions and suggestions") {
    CHECK(ErrorOf("model_config_list { config { nme: \"x\" } }") ==
          "line 1, column 30: unknown field 'nme' in config (did you mean 'name'?)");
    CHECK(ErrorOf("model_config_list { config { name: \"x\" } }") ==
          "line 1, column 21: config for model x has no base_path");
    CHECK(ErrorOf("model_config_list { config { name: x base_path: \"/p\" } }") ==
          "line 1, column 30: field 'name' expects a quoted string");
    CHECK(ErrorOf("model_config_list { config { name: \"x\" name: \"y\" } }")
              .find("non-repeated field 'name' is specified multiple times") != std::string::npos);
    CHECK(ErrorOf("model_config_list {\n config { name: \"x\" base_path: \"/p\" }\n"
                  " config { name: \"x\" base_path: \"/q\" }\n}") ==
          "line 3, column 2: Illegal to list model x multiple times in config list");
    CHECK(ErrorOf("model_config_list { config { name: \"x\" base_path: \"/p\" "
                  "model_platform: \"pytorch\" } }")
              .find("model_platform \"pytorch\" is not supported") != std::string::npos);
    CHECK(ErrorOf("model_config_list { config { name: \"x\" base_path: \"/p\" "
                  "model_version_policy { latest {} all {} } } }")
              .find("only one of latest, all, specific") != std::string::npos);
    CHECK(ErrorOf("model_config_list { config { name: \"x\" base_path: \"/p\" "
                  "version_labels { key: \"a\" value: 1.5 } } }")
              .find("expects a 64-bit integer, found '1.5'") != std::string::npos);
    CHECK(ErrorOf("custom_model_config {}").find("not supported") != std::string::npos);
  }

  TEST_CASE("parses the monitoring config") {
    auto on = ParseMonitoringConfig(
        "prometheus_config { enable: true, path: \"/monitoring/prometheus/metrics\" }");
    REQUIRE(on.ok());
    CHECK(on->prometheus_enable);
    CHECK(on->prometheus_path == "/monitoring/prometheus/metrics");
    auto empty_path = ParseMonitoringConfig("prometheus_config { enable: true path: \"\" }");
    REQUIRE(empty_path.ok());
    CHECK(empty_path->prometheus_path == "/monitoring/prometheus/metrics");
    auto custom = ParseMonitoringConfig("prometheus_config { enable: false path: \"/m\" }");
    REQUIRE(custom.ok());
    CHECK_FALSE(custom->prometheus_enable);
    CHECK(custom->prometheus_path == "/m");
    CHECK(ParseMonitoringConfig("prometheus_config { enable: maybe }").status().message() ==
          "line 1, column 21: field 'enable' expects true or false, found 'maybe'");
  }
}

TEST_SUITE("ConfigFileWatcher") {
  TEST_CASE("applies the file and re-applies changes") {
    // Given a config naming model a, then a and b, then only b: expect the manager to follow.
    tfsk::testing::TempDir dir;
    std::filesystem::create_directories(dir.path() / "a" / "1");
    std::filesystem::create_directories(dir.path() / "b" / "1");
    const auto file = dir.path() / "models.config";
    auto write = [&](const std::vector<std::string>& names) {
      std::ofstream out(file);
      out << "model_config_list {\n";
      for (const std::string& n : names) {
        out << " config { name: \"" << n << "\" base_path: \"" << (dir.path() / n).string()
            << "\" model_platform: \"tensorflow\" }\n";
      }
      out << "}\n";
    };
    testing::FakeLoaders loaders;
    ManagerOptions options;
    options.loader_factory = loaders.Factory();
    options.poll_period = std::chrono::milliseconds(0);
    options.log = [](const std::string&) {};
    Manager manager(std::move(options));
    ConfigFileWatcher watcher(file, std::chrono::milliseconds(0), manager);

    CHECK(watcher.ApplyNow().code() == Code::kNotFound);
    write({"a"});
    REQUIRE(watcher.ApplyNow().ok());
    CHECK(manager.ModelNames() == std::vector<std::string>{"a"});
    write({"a", "b"});
    REQUIRE(watcher.ApplyNow().ok());
    CHECK(manager.ModelNames() == std::vector<std::string>{"a", "b"});
    CHECK(manager.Find("b", VersionRequest::Latest()).ok());
    {
      std::ofstream(file) << "model_config_list { config { name: ";
    }
    Status bad = watcher.ApplyNow();
    CHECK(bad.code() == Code::kInvalidArgument);
    CHECK(bad.message().find("parsing ") == 0);
    CHECK(manager.ModelNames() == std::vector<std::string>{"a", "b"});
    write({"b"});
    REQUIRE(watcher.ApplyNow().ok());
    CHECK(manager.ModelNames() == std::vector<std::string>{"b"});
    CHECK_FALSE(manager.Find("a", VersionRequest::Latest()).ok());
  }

  TEST_CASE("the polling thread applies changes and stops") {
    tfsk::testing::TempDir dir;
    std::filesystem::create_directories(dir.path() / "a" / "3");
    const auto file = dir.path() / "models.config";
    std::ofstream(file) << "model_config_list { }";
    testing::FakeLoaders loaders;
    ManagerOptions options;
    options.loader_factory = loaders.Factory();
    options.poll_period = std::chrono::milliseconds(0);
    options.log = [](const std::string&) {};
    Manager manager(std::move(options));
    ConfigFileWatcher watcher(file, std::chrono::milliseconds(5), manager);
    REQUIRE(watcher.ApplyNow().ok());
    watcher.Start();
    std::ofstream(file) << "model_config_list { config { name: \"a\" base_path: \""
                        << (dir.path() / "a").string() << "\" } }";
    CHECK(manager.WaitUntilAvailable(std::chrono::seconds(60)).ok());
    // WaitUntilAvailable is satisfied vacuously before the reload; wait for the model itself.
    for (int i = 0; i < 60000 && !manager.Find("a", VersionRequest::Latest()).ok(); ++i) {
      std::this_thread::sleep_for(std::chrono::milliseconds(1));
    }
    CHECK(manager.Find("a", VersionRequest::Latest())->version == 3);
    watcher.Stop();
  }
}

}  // namespace tfsk::serving::core
