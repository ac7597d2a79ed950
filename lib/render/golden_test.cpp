// Golden files: each tests/testdata/render/<case>.tfsk.yaml renders byte for byte to the
// checked-in <case>.yaml. After an intended template change, regenerate with
// TFSK_UPDATE_GOLDEN=1 and review the diff.
#include <doctest/doctest.h>
#include <yaml-cpp/yaml.h>

#include <fstream>
#include <sstream>

#include "lib/config/load.h"
#include "lib/render/cross_check.h"
#include "lib/render/render.h"
#include "lib/render/schema.h"
#include "lib/render/test_paths.h"
#include "tests/support/shared.h"

namespace tfsk::render {
namespace {

std::filesystem::path GoldenDir() { return testing::SourceRoot() / "tests/testdata/render"; }

std::vector<std::filesystem::path> Cases() {
  std::vector<std::filesystem::path> out;
  for (const auto& e : std::filesystem::directory_iterator(GoldenDir())) {
    if (e.path().string().ends_with(".tfsk.yaml")) out.push_back(e.path());
  }
  std::sort(out.begin(), out.end());
  return out;
}

std::string ReadFile(const std::filesystem::path& p) {
  std::ifstream in(p, std::ios::binary);
  std::stringstream s;
  s << in.rdbuf();
  return s.str();
}

// Loads and validates (without the model folder) a config; fails the test on any error.
config::Config LoadCase(const std::filesystem::path& file) {
  config::LoadOptions o;
  o.file = file;
  config::ValidateOptions v;
  v.check_model_folder = false;
  auto l = config::LoadAndValidate(o, v);
  std::string all;
  for (const auto& i : l.diagnostics.Errors()) all += i.ToString() + "\n";
  REQUIRE_MESSAGE(l.ok(), all);
  return l.config;
}

std::vector<Manifest> RenderCase(const std::filesystem::path& file) {
  auto m = Render(LoadCase(file));
  REQUIRE_MESSAGE(m.ok(), file.string(), m.status().ToString());
  return *m;
}

}  // namespace

TEST_SUITE("Golden") {
  TEST_CASE("each testdata config renders exactly its expected manifests") {
    auto cases = Cases();
    REQUIRE(cases.size() >= 3);
    bool update = std::getenv("TFSK_UPDATE_GOLDEN") != nullptr;
    for (const auto& file : cases) {
      std::string stem = file.filename().string();
      stem = stem.substr(0, stem.size() - std::string(".tfsk.yaml").size());
      auto expected_path = GoldenDir() / (stem + ".yaml");
      std::string got = ToStream(RenderCase(file));
      if (update) std::ofstream(expected_path, std::ios::binary) << got;
      CHECK_MESSAGE(got == ReadFile(expected_path), stem, ": differs from ", expected_path.string(),
                    "\n", got);
      CHECK(YAML::LoadAll(got).size() >= 3);
    }
  }

  TEST_CASE("every rendered object is valid against the Kubernetes v1.32 schemas") {
    auto schemas = SchemaSet::Load(tfsk::testing::RequireShared("k8s-openapi/v1.32"));
    REQUIRE_MESSAGE(schemas.ok(), schemas.status().ToString());
    auto cases = Cases();
    cases.push_back(testing::SourceRoot() / "examples/lab/tfsk.yaml");
    for (const auto& file : cases) {
      auto problems = ValidateManifests(RenderCase(file), *schemas);
      std::string all;
      for (const auto& p : problems) all += "\n  " + p;
      CHECK_MESSAGE(problems.empty(), file.string(), all);
    }
  }

  TEST_CASE("every rendered project passes the cross-object checks") {
    auto cases = Cases();
    cases.push_back(testing::SourceRoot() / "examples/lab/tfsk.yaml");
    for (const auto& file : cases) {
      auto problems = CrossCheck(RenderCase(file), LoadCase(file));
      std::string all;
      for (const auto& p : problems) all += "\n  " + p;
      CHECK_MESSAGE(problems.empty(), file.string(), all);
    }
  }
}

}  // namespace tfsk::render
