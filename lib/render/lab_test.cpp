// The lab example renders the lab's objects field for field (../shared/lab-c4w2/yaml/*.yaml),
// except the improvements documented in docs/config.md ("The lab example").
#include <doctest/doctest.h>
#include <yaml-cpp/yaml.h>

#include <map>

#include "lib/config/load.h"
#include "lib/render/render.h"
#include "lib/render/test_paths.h"
#include "tests/support/shared.h"

namespace tfsk::render {
namespace {

// Field paths where the rendered object deliberately differs from the lab, with the reason.
// Everything else in the lab's objects must appear in ours with the same value; ours may add
// fields (labels, probe, env, ports, namespace).
const std::map<std::string, std::string> kImprovements = {
    {"HorizontalPodAutoscaler.apiVersion", "autoscaling/v2 instead of the legacy v1"},
    {"Deployment.spec.replicas",
     "left to the HPA: a fixed count would reset a scaled-out Deployment on every tfsk up"},
    {"HorizontalPodAutoscaler.spec.targetCPUUtilizationPercentage",
     "v2 spells it spec.metrics[0].resource.target.averageUtilization (checked below)"},
};

// Appends "path: reason" for every lab field missing from or different in ours.
void Compare(const YAML::Node& lab, const YAML::Node& ours, const std::string& path,
             const std::string& kind, std::vector<std::string>& diffs) {
  if (kImprovements.count(kind + "." + path)) return;
  if (!ours.IsDefined() || ours.IsNull()) {
    diffs.push_back(path + ": missing");
    return;
  }
  if (lab.IsMap()) {
    if (!ours.IsMap()) return diffs.push_back(path + ": not a mapping");
    for (auto it = lab.begin(); it != lab.end(); ++it) {
      std::string key = it->first.Scalar();
      Compare(it->second, ours[key], path.empty() ? key : path + "." + key, kind, diffs);
    }
  } else if (lab.IsSequence()) {
    if (!ours.IsSequence() || ours.size() < lab.size()) {
      return diffs.push_back(path + ": list shorter than the lab's");
    }
    for (std::size_t i = 0; i < lab.size(); ++i) {
      Compare(lab[i], ours[i], path + "[" + std::to_string(i) + "]", kind, diffs);
    }
  } else if (lab.Scalar() != ours.Scalar()) {
    diffs.push_back(path + ": lab '" + lab.Scalar() + "', ours '" + ours.Scalar() + "'");
  }
}

}  // namespace

TEST_SUITE("LabExample") {
  TEST_CASE("examples/lab/tfsk.yaml reproduces the lab's objects") {
    auto lab_dir = tfsk::testing::RequireShared("lab-c4w2/yaml");
    config::LoadOptions o;
    o.file = testing::SourceRoot() / "examples/lab/tfsk.yaml";
    auto loaded = config::Load(o);
    REQUIRE(loaded.ok());
    auto rendered = Render(loaded.config);
    REQUIRE_MESSAGE(rendered.ok(), rendered.status().ToString());

    std::map<std::string, const Manifest*> by_kind;
    for (const Manifest& m : *rendered) by_kind[m.kind] = &m;
    int compared = 0;
    for (const char* file :
         {"configmap.yaml", "deployment.yaml", "service.yaml", "autoscale.yaml"}) {
      YAML::Node lab = YAML::LoadFile((lab_dir / file).string());
      std::string kind = lab["kind"].Scalar();
      REQUIRE_MESSAGE(by_kind.count(kind), kind);
      std::vector<std::string> diffs;
      Compare(lab, by_kind[kind]->node, "", kind, diffs);
      std::string all;
      for (const auto& d : diffs) all += "\n  " + d;
      CHECK_MESSAGE(diffs.empty(), kind, all);
      ++compared;
    }
    CHECK(compared == 4);

    // The improvements keep the lab's meaning.
    YAML::Node lab_hpa = YAML::LoadFile((lab_dir / "autoscale.yaml").string());
    const YAML::Node& hpa = by_kind["HorizontalPodAutoscaler"]->node;
    CHECK(hpa["apiVersion"].Scalar() == "autoscaling/v2");
    YAML::Node metric = hpa["spec"]["metrics"][0];
    CHECK(metric["resource"]["name"].Scalar() == "cpu");
    CHECK(metric["resource"]["target"]["type"].Scalar() == "Utilization");
    CHECK(metric["resource"]["target"]["averageUtilization"].Scalar() ==
          lab_hpa["spec"]["targetCPUUtilizationPercentage"].Scalar());
  }

  TEST_CASE("the comparison notices a changed lab value") {
    YAML::Node lab = YAML::Load("spec:\n  ports:\n  - nodePort: 30001\n    port: 8501\n");
    YAML::Node ours = YAML::Load("spec:\n  ports:\n  - nodePort: 30002\n");
    std::vector<std::string> diffs;
    Compare(lab, ours, "", "Service", diffs);
    REQUIRE(diffs.size() == 2);
    CHECK(diffs[0] == "spec.ports[0].nodePort: lab '30001', ours '30002'");
    CHECK(diffs[1] == "spec.ports[0].port: missing");
  }
}

}  // namespace tfsk::render
