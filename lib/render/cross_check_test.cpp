#include "lib/render/cross_check.h"

#include <doctest/doctest.h>

#include "lib/config/defaults.h"

namespace tfsk::render {
namespace {

config::Config Project() {
  config::Config c = config::Defaults();
  c.model.path = "/m/saved_model_half_plus_two_cpu";
  config::Derive(c);
  return c;
}

std::vector<Manifest> Rendered(const config::Config& c) {
  auto m = Render(c);
  REQUIRE_MESSAGE(m.ok(), m.status().ToString());
  return *m;
}

YAML::Node& Find(std::vector<Manifest>& ms, const std::string& kind) {
  for (auto& m : ms) {
    if (m.kind == kind) return m.node;
  }
  FAIL("no " << kind);
  throw 0;
}

bool Has(const std::vector<std::string>& problems, const std::string& part) {
  for (const auto& p : problems) {
    if (p.find(part) != std::string::npos) return true;
  }
  return false;
}

}  // namespace

TEST_SUITE("CrossCheck") {
  TEST_CASE("the default project is consistent") {
    auto c = Project();
    CHECK(CrossCheck(Rendered(c), c).empty());
  }

  TEST_CASE("selectors that miss the pod labels are caught") {
    auto c = Project();
    auto ms = Rendered(c);
    Find(ms, "Deployment")["spec"]["selector"]["matchLabels"]["app"] = "other";
    Find(ms, "Service")["spec"]["selector"]["app"] = "y";
    auto p = CrossCheck(ms, c);
    CHECK(Has(p,
              "Deployment/tf-serving-deployment: spec.selector.matchLabels: `selector` does "
              "not match template `labels`"));
    CHECK(Has(p, "Service/tf-serving-service: spec.selector: does not select the pods"));
  }

  TEST_CASE("a targetPort that is no containerPort is caught, a named one is fine") {
    auto c = Project();
    auto ms = Rendered(c);
    Find(ms, "Service")["spec"]["ports"][0]["targetPort"] = 8080;
    CHECK(Has(CrossCheck(ms, c), "spec.ports.targetPort: 8080 is not a containerPort"));
    Find(ms, "Service")["spec"]["ports"][0]["targetPort"] = "http";
    CHECK(CrossCheck(ms, c).empty());
  }

  TEST_CASE("the HPA must name the Deployment, and pods need CPU requests") {
    auto c = Project();
    auto ms = Rendered(c);
    Find(ms, "HorizontalPodAutoscaler")["spec"]["scaleTargetRef"]["name"] = "nope";
    Find(ms, "Deployment")["spec"]["template"]["spec"]["containers"][0]["resources"]["requests"]
        .remove("cpu");
    auto p = CrossCheck(ms, c);
    CHECK(Has(p,
              "HorizontalPodAutoscaler/tf-serving-hpa: spec.scaleTargetRef: does not name "
              "the rendered Deployment"));
    CHECK(Has(p, "container tf-serving: has no resources.requests.cpu"));
  }

  TEST_CASE("the hostPath must be the guest side of the minikube mount") {
    auto c = Project();
    auto ms = Rendered(c);
    c.cluster.mount.guest = "/mnt/models";
    CHECK(Has(CrossCheck(ms, c),
              "'/var/tmp/saved_model_half_plus_two_cpu' is not the guest side "
              "of the minikube mount ('/mnt/models')"));
  }

  TEST_CASE("label values, nodePorts, names and references") {
    auto c = Project();
    auto ms = Rendered(c);
    Find(ms, "ConfigMap")["metadata"]["labels"]["version"] = 1;
    Find(ms, "Service")["spec"]["ports"][0]["nodePort"] = 80;
    Find(ms, "HorizontalPodAutoscaler")["metadata"]["name"] = "Bad_Name";
    Find(ms, "Deployment")["spec"]["template"]["spec"]["containers"][0]["envFrom"][0]
                          ["configMapRef"]["name"] = "missing";
    for (auto& m : ms) m.name = m.node["metadata"]["name"].as<std::string>();
    auto p = CrossCheck(ms, c);
    CHECK(Has(p, "metadata.labels.version: label values must be strings"));
    CHECK(Has(p, "spec.ports.nodePort: 80 is outside 30000-32767"));
    CHECK(Has(p, "HorizontalPodAutoscaler/Bad_Name: metadata.name"));
    CHECK(Has(p, "envFrom names ConfigMap 'missing', which is not rendered"));
  }

  TEST_CASE("target kube: no model volume is rendered, and a custom hostPath is caught") {
    auto c = Project();
    c.cluster.target = "kube";
    c.server.image = "registry.example.com/t/tfsk-serving@sha256:" + std::string(64, 'a');
    auto ms = Rendered(c);
    CHECK(CrossCheck(ms, c).empty());
    YAML::Node pod = Find(ms, "Deployment")["spec"]["template"]["spec"];
    CHECK_FALSE(pod["volumes"].IsDefined());
    CHECK_FALSE(pod["containers"][0]["volumeMounts"].IsDefined());
    CHECK(pod["containers"][0]["imagePullPolicy"].as<std::string>() == "IfNotPresent");
    // A template that still mounts a host folder would serve whatever that node has there.
    pod["volumes"][0]["name"] = "m";
    pod["volumes"][0]["hostPath"]["path"] = "/var/tmp/models";
    CHECK(Has(CrossCheck(ms, c), "'/var/tmp/models' is a hostPath on target kube"));
  }
}

}  // namespace tfsk::render
