#include "lib/config/init_file.h"

#include <doctest/doctest.h>

#include <fstream>
#include <sstream>

#include "lib/config/defaults.h"
#include "lib/config/load.h"
#include "tests/support/shared.h"

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
