#include "lib/render/render.h"

#include <doctest/doctest.h>

#include <fstream>
#include <sstream>

#include "lib/config/defaults.h"
#include "lib/config/load.h"
#include "lib/render/test_paths.h"
#include "tests/support/shared.h"

namespace tfsk::render {
namespace {

config::Config LabConfig() {
  config::LoadOptions o;
  o.file = testing::SourceRoot() / "examples/lab/tfsk.yaml";
  auto l = config::Load(o);
  std::string all;
  for (const auto& i : l.diagnostics.issues()) all += i.ToString() + "\n";
  REQUIRE_MESSAGE(l.ok(), all);
  return l.config;
}

std::string ReadFile(const std::filesystem::path& p) {
  std::ifstream in(p, std::ios::binary);
  std::stringstream s;
  s << in.rdbuf();
  return s.str();
}

}  // namespace

TEST_SUITE("Render") {
  TEST_CASE("the lab config renders four objects in apply order") {
    auto m = Render(LabConfig());
    REQUIRE_MESSAGE(m.ok(), m.status().ToString());
    REQUIRE(m->size() == 4);
    CHECK((*m)[0].kind == "ConfigMap");
    CHECK((*m)[1].kind == "Deployment");
    CHECK((*m)[2].kind == "Service");
    CHECK((*m)[3].kind == "HorizontalPodAutoscaler");
    CHECK((*m)[3].file == "hpa.yaml");
    CHECK((*m)[1].name == "tf-serving-deployment");
    const YAML::Node& d = (*m)[1].node;
    auto c = d["spec"]["template"]["spec"]["containers"][0];
    CHECK(c["readinessProbe"]["httpGet"]["path"].as<std::string>() == "/v1/models/half_plus_two");
    CHECK(c["resources"]["requests"]["cpu"].as<std::string>() == "5m");
    CHECK(d["metadata"]["labels"]["app.kubernetes.io/managed-by"].as<std::string>() == "tfsk");
  }

  TEST_CASE("disabling autoscale drops the HPA, ClusterIP drops the nodePort") {
    config::Config c = LabConfig();
    c.autoscale.enabled = false;
    c.service.type = "ClusterIP";
    auto m = Render(c);
    REQUIRE(m.ok());
    REQUIRE(m->size() == 3);
    CHECK_FALSE((*m)[2].node["spec"]["ports"][0]["nodePort"]);
  }

  TEST_CASE("string values cannot inject YAML") {
    config::Config c = LabConfig();
    c.server.image = "evil\nkind: Pod";
    c.server.resources.requests.cpu = "0.5";
    auto m = Render(c);
    REQUIRE(m.ok());
    auto container = (*m)[1].node["spec"]["template"]["spec"]["containers"][0];
    CHECK(container["image"].as<std::string>() == "evil\nkind: Pod");
    CHECK(container["resources"]["requests"]["cpu"].Tag() == "!");  // quoted: a string
  }

  TEST_CASE("the stream separates documents and writes one file per object") {
    auto m = Render(LabConfig());
    REQUIRE(m.ok());
    std::string stream = ToStream(*m);
    CHECK(YAML::LoadAll(stream).size() == 4);
    tfsk::testing::TempDir dir;
    REQUIRE(WriteManifests(*m, dir.path() / "out").ok());
    CHECK(ReadFile(dir.path() / "out" / "service.yaml") == (*m)[2].text);
  }

  TEST_CASE("a user template folder replaces templates by name") {
    tfsk::testing::TempDir dir;
    std::ofstream(dir.path() / "configmap.yaml.mustache")
        << "apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: {{configmap}}\ndata:\n"
           "  custom: {{model_name}}\n";
    config::Config c = LabConfig();
    c.render.templates = dir.path();
    auto m = Render(c);
    REQUIRE_MESSAGE(m.ok(), m.status().ToString());
    CHECK((*m)[0].node["data"]["custom"].as<std::string>() == "half_plus_two");
    CHECK((*m)[1].kind == "Deployment");  // the others stay built in
  }

  TEST_CASE("a misspelt template file is an error with a suggestion") {
    tfsk::testing::TempDir dir;
    std::ofstream(dir.path() / "deploymnt.yaml.mustache") << "x: 1\n";
    auto t = LoadTemplates(dir.path());
    REQUIRE_FALSE(t.ok());
    CHECK(t.status().message().find("did you mean 'deployment.yaml.mustache'?") !=
          std::string::npos);
  }

  TEST_CASE("a template that renders broken YAML names the template and line") {
    std::vector<Template> set = EmbeddedTemplates();
    for (auto& t : set) {
      if (t.name == "service.yaml.mustache") t.text = "apiVersion: v1\nkind: [Service\n";
    }
    auto m = Render(LabConfig(), set);
    REQUIRE_FALSE(m.ok());
    CHECK(m.status().message().find("template service.yaml.mustache renders invalid YAML") == 0);
  }

  TEST_CASE("a template that is not one object is rejected") {
    std::vector<Template> set = EmbeddedTemplates();
    for (auto& t : set) {
      if (t.name == "hpa.yaml.mustache") t.text = "- a\n- b\n";
    }
    auto m = Render(LabConfig(), set);
    REQUIRE_FALSE(m.ok());
    CHECK(m.status().message().find("does not render one Kubernetes object") != std::string::npos);
  }
}

}  // namespace tfsk::render
