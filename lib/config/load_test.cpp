#include "lib/config/load.h"

#include <doctest/doctest.h>

#include <fstream>
#include <map>

#include "tests/support/shared.h"

namespace tfsk::config {
namespace {

Loaded FromText(const std::string& text, std::vector<Override> flags = {},
                std::map<std::string, std::string> env = {}) {
  LoadOptions o;
  o.flags = std::move(flags);
  o.cwd = "/projects";
  o.env = [env](const std::string& name) -> std::optional<std::string> {
    auto it = env.find(name);
    if (it == env.end()) return std::nullopt;
    return it->second;
  };
  return LoadFromString(text, "tfsk.yaml", "/proj", o);
}

std::string AllIssues(const Loaded& l) {
  std::string s;
  for (const auto& i : l.diagnostics.issues()) s += i.ToString() + "\n";
  return s;
}

}  // namespace

TEST_SUITE("ConfigLoad") {
  TEST_CASE("a minimal file gets the lab's defaults") {
    auto l = FromText("apiVersion: tfsk/v1\nmodel:\n  path: models/hpt\n");
    REQUIRE_MESSAGE(l.ok(), AllIssues(l));
    const Config& c = l.config;
    CHECK(c.name == "tf-serving");
    CHECK(c.model.name == "half_plus_two");
    CHECK(c.model.path == "/proj/models/hpt");
    CHECK(c.server.image == "tensorflow/serving");
    CHECK(c.server.rest_port == 8501);
    CHECK(c.server.resources.requests.cpu == "5m");
    CHECK(c.server.resources.limits.memory == "64M");
    CHECK(c.service.type == "NodePort");
    CHECK(c.service.node_port == 30001);
    CHECK(c.autoscale.min_replicas == 1);
    CHECK(c.autoscale.max_replicas == 3);
    CHECK(c.autoscale.cpu_utilization == 20);
    CHECK(c.names.deployment == "tf-serving-deployment");
    CHECK(c.names.service == "tf-serving-service");
    CHECK(c.names.hpa == "tf-serving-hpa");
    CHECK(c.names.port == "tf-serving-http");
    CHECK(c.cluster.mount.guest == "/var/tmp/hpt");
    CHECK(c.cluster.mount.host == "/proj/models/hpt");
    CHECK(c.cluster.context == "minikube");
    CHECK(c.cluster.name_space == "default");
    CHECK(c.rollout.timeout_seconds == 300);
  }

  TEST_CASE("an unknown key names its path, its line and the closest key") {
    auto l = FromText("apiVersion: tfsk/v1\nserver:\n  replcas: 2\n");
    REQUIRE_FALSE(l.ok());
    CHECK(AllIssues(l).find(
              "tfsk.yaml:3:3: server.replcas: unknown key (did you mean 'replicas'?)") !=
          std::string::npos);
  }

  TEST_CASE("an unknown key without a close match lists the known keys") {
    auto l = FromText("apiVersion: tfsk/v1\nservice:\n  flavour: x\n");
    CHECK(AllIssues(l).find("service.flavour: unknown key (known keys: nodePort, port, type)") !=
          std::string::npos);
  }

  TEST_CASE("a wrong type names the field and the expected type") {
    auto l = FromText(
        "apiVersion: tfsk/v1\nserver:\n  replicas: three\nautoscale:\n"
        "  enabled: maybe\n  minReplicas: \"1\"\n");
    std::string all = AllIssues(l);
    CHECK(all.find("tfsk.yaml:3:13: server.replicas: expected an integer, got 'three'") !=
          std::string::npos);
    CHECK(all.find("autoscale.enabled: expected true or false, got 'maybe'") != std::string::npos);
    CHECK(all.find("autoscale.minReplicas: expected an integer, got '1'") != std::string::npos);
    CHECK(l.diagnostics.Errors().size() == 3);
  }

  TEST_CASE("decoding and validation errors are reported together") {
    LoadOptions o;
    o.file = "/dev/null";
    auto l = LoadFromString(
        "apiVersion: tfsk/v1\nmodel: {path: m}\nserver: {replcas: 2}\n"
        "service: {nodePort: 8080}\nautoscale: {minReplicas: 5}\n",
        "tfsk.yaml", "/proj", o);
    ValidateOptions v;
    v.check_model_folder = false;
    v.origins = &l.origins;
    Validate(l.config, v, l.diagnostics);
    std::string all = AllIssues(l);
    CHECK(all.find("server.replcas: unknown key") != std::string::npos);
    CHECK(all.find("tfsk.yaml:4:21: service.nodePort: 8080 is out of range") != std::string::npos);
    CHECK(all.find("autoscale.maxReplicas: 3 is below minReplicas (5)") != std::string::npos);
  }

  TEST_CASE("duplicate keys and extra documents are errors") {
    auto dup = FromText("apiVersion: tfsk/v1\nserver:\n  image: a\n  image: b\n");
    CHECK(AllIssues(dup).find("tfsk.yaml:4:3: server.image: duplicate key") != std::string::npos);
    auto multi = FromText("apiVersion: tfsk/v1\n---\napiVersion: tfsk/v1\n");
    CHECK(AllIssues(multi).find("more than one YAML document") != std::string::npos);
  }

  TEST_CASE("a section that is not a mapping is an error") {
    auto l = FromText("apiVersion: tfsk/v1\nserver: big\n");
    CHECK(AllIssues(l).find("server: expected a mapping of keys, got 'big'") != std::string::npos);
  }

  TEST_CASE("apiVersion is required and checked") {
    CHECK(AllIssues(FromText("name: x\n")).find("apiVersion: missing") != std::string::npos);
    CHECK(AllIssues(FromText("apiVersion: tfsk/v2\n")).find("'tfsk/v2' is not supported") !=
          std::string::npos);
  }

  TEST_CASE("invalid YAML reports the line") {
    auto l = FromText("apiVersion: tfsk/v1\nserver: [1, 2\n");
    REQUIRE_FALSE(l.ok());
    CHECK(AllIssues(l).find("tfsk.yaml:") == 0);
    CHECK(AllIssues(l).find("not valid YAML") != std::string::npos);
  }

  TEST_CASE("flags beat the environment, which beats the file") {
    std::string file =
        "apiVersion: tfsk/v1\nserver:\n  image: from-file\n  replicas: 2\n"
        "cluster:\n  namespace: file-ns\n";
    auto l = FromText(file, {{"server.image", "from-flag", "--image"}},
                      {{"TFSK_IMAGE", "from-env"}, {"TFSK_NAMESPACE", "env-ns"}});
    REQUIRE_MESSAGE(l.ok(), AllIssues(l));
    CHECK(l.config.server.image == "from-flag");
    CHECK(l.config.cluster.name_space == "env-ns");
    CHECK(l.config.server.replicas == 2);
    CHECK(l.origins.at("server.image") == "--image");
    CHECK(l.origins.at("cluster.namespace") == "TFSK_NAMESPACE");
    CHECK(l.origins.at("server.replicas") == "tfsk.yaml:4:13");
  }

  TEST_CASE("environment paths are relative to the working directory") {
    auto l = FromText("apiVersion: tfsk/v1\n", {}, {{"TFSK_MODEL_PATH", "m/hpt"}});
    CHECK(l.config.model.path == "/projects/m/hpt");
  }

  TEST_CASE("a bad environment value names the variable") {
    auto l = FromText("apiVersion: tfsk/v1\n", {}, {{"TFSK_REPLICAS", "lots"}});
    CHECK(AllIssues(l).find("TFSK_REPLICAS: server.replicas: expected an integer, got 'lots'") !=
          std::string::npos);
  }

  TEST_CASE("--set of an unknown key suggests the right one") {
    auto set = ParseSet("server.imag=x", "/projects");
    REQUIRE(set.ok());
    auto l = FromText("apiVersion: tfsk/v1\n", {*set});
    CHECK(AllIssues(l).find("--set: server.imag: unknown key (did you mean "
                            "'image'?)") != std::string::npos);
    CHECK_FALSE(ParseSet("novalue", "/projects").ok());
  }

  TEST_CASE("behavior policies are read as a list") {
    auto l = FromText(
        "apiVersion: tfsk/v1\nautoscale:\n  behavior:\n    scaleDown:\n"
        "      stabilizationWindowSeconds: 60\n      policies:\n"
        "        - type: Pods\n          value: 1\n          periodSeconds: 15\n");
    REQUIRE_MESSAGE(l.ok(), AllIssues(l));
    REQUIRE(l.config.autoscale.scale_down.has_value());
    CHECK_FALSE(l.config.autoscale.scale_up.has_value());
    CHECK(l.config.autoscale.scale_down->stabilization_window_seconds == 60);
    REQUIRE(l.config.autoscale.scale_down->policies.size() == 1);
    CHECK(l.config.autoscale.scale_down->policies[0].type == "Pods");
  }

  TEST_CASE("a missing file says how to create one") {
    LoadOptions o;
    o.file = "/nonexistent/tfsk.yaml";
    auto l = Load(o);
    REQUIRE_FALSE(l.ok());
    CHECK(l.diagnostics.Errors()[0].message.find("run 'tfsk init'") != std::string::npos);
  }

  TEST_CASE("a file's relative model path is relative to the file") {
    tfsk::testing::TempDir dir;
    std::ofstream(dir.path() / "tfsk.yaml") << "apiVersion: tfsk/v1\nmodel:\n  path: ./m\n";
    LoadOptions o;
    o.file = dir.path() / "tfsk.yaml";
    auto l = Load(o);
    REQUIRE(l.ok());
    CHECK(l.config.model.path == dir.path() / "m");
  }
}

}  // namespace tfsk::config
