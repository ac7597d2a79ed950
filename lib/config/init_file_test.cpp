#include "lib/config/init_file.h"

#include <doctest/doctest.h>

#include <fmt/format.h>
#include <yaml-cpp/yaml.h>

#include <fstream>
#include <functional>
#include <sstream>

#include "lib/config/defaults.h"
#include "lib/config/load.h"
#include "lib/config/overrides.h"
#include "tests/support/shared.h"
#include "tests/support/standins.h"

namespace tfsk::config {

TEST_SUITE("InitFile") {
  TEST_CASE("the init file loads cleanly and equals the defaults") {
    LoadOptions o;
    auto l = LoadFromString(InitFileText({}), "tfsk.yaml", "/proj", o);
    std::string all;
    for (const auto& i : l.diagnostics.issues()) all += i.ToString() + "\n";
    REQUIRE_MESSAGE(l.ok(), all);
    Config d = Defaults();
    d.model.path = "/proj/saved_model_half_plus_two_cpu";
    Derive(d);
    CHECK(l.config.name == d.name);
    CHECK(l.config.names.deployment == d.names.deployment);
    CHECK(l.config.cluster.mount.guest == "/var/tmp/saved_model_half_plus_two_cpu");
    CHECK(l.config.cluster.context == "minikube");
    CHECK(l.config.server.readiness.failure_threshold == d.server.readiness.failure_threshold);
    CHECK(l.config.rollout.timeout_seconds == d.rollout.timeout_seconds);
  }

  TEST_CASE("user values with YAML syntax are quoted") {
    InitOptions o;
    o.model_path = "my models/it's #1: v2";
    o.model_name = "yes";
    LoadOptions lo;
    auto l = LoadFromString(InitFileText(o), "tfsk.yaml", "/proj", lo);
    REQUIRE(l.ok());
    CHECK(l.config.model.path == "/proj/my models/it's #1: v2");
    CHECK(l.config.model.name == "yes");
  }

  TEST_CASE("docs/config.md documents every key of the init file and every TFSK_ variable") {
    const std::filesystem::path root = testing::TestSourceDir();
    std::stringstream docs;
    docs << std::ifstream(root / "docs/config.md").rdbuf();
    REQUIRE(!docs.str().empty());
    // Flatten the init file's keys to dotted paths.
    std::vector<std::string> keys;
    std::function<void(const YAML::Node&, const std::string&)> walk =
        [&](const YAML::Node& n, const std::string& prefix) {
          for (auto it = n.begin(); it != n.end(); ++it) {
            std::string key = prefix + it->first.Scalar();
            if (it->second.IsMap()) {
              walk(it->second, key + ".");
            } else {
              keys.push_back(key);
            }
          }
        };
    walk(YAML::Load(InitFileText({})), "");
    CHECK(keys.size() > 40);
    for (const auto& k : keys) {
      CHECK_MESSAGE(docs.str().find("`" + k + "`") != std::string::npos, k);
    }
    for (const EnvVar& v : EnvMapping()) {
      CHECK_MESSAGE(
          docs.str().find(fmt::format("| `{}` | `{}` |", v.name, v.path)) != std::string::npos,
          v.name);
    }
  }

  TEST_CASE("init refuses to overwrite without force") {
    tfsk::testing::TempDir dir;
    auto path = dir.path() / "tfsk.yaml";
    REQUIRE(WriteInitFile(path, "a: 1\n", false).ok());
    Status again = WriteInitFile(path, "b: 2\n", false);
    CHECK(again.code() == Code::kAlreadyExists);
    CHECK(again.message().find("--force") != std::string::npos);
    REQUIRE(WriteInitFile(path, "b: 2\n", true).ok());
    std::stringstream s;
    s << std::ifstream(path).rdbuf();
    CHECK(s.str() == "b: 2\n");
  }
}

}  // namespace tfsk::config
