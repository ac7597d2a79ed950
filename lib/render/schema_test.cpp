#include "lib/render/schema.h"

#include <doctest/doctest.h>
#include <yaml-cpp/yaml.h>

#include "lib/render/yaml_json.h"
#include "tests/support/shared.h"

namespace tfsk::render {
namespace {

const SchemaSet& Schemas() {
  static SchemaSet set = [] {
    auto s = SchemaSet::Load(tfsk::testing::RequireShared("k8s-openapi/v1.32"));
    REQUIRE_MESSAGE(s.ok(), s.status().ToString());
    return *s;
  }();
  return set;
}

std::vector<std::string> Check(const std::string& yaml) {
  return Schemas().Validate(YamlToJson(YAML::Load(yaml)));
}

bool Has(const std::vector<std::string>& problems, const std::string& part) {
  for (const auto& p : problems) {
    if (p.find(part) != std::string::npos) return true;
  }
  return false;
}

std::string All(const std::vector<std::string>& problems) {
  std::string s;
  for (const auto& p : problems) s += p + "\n";
  return s;
}

const char* kDeployment = R"(apiVersion: apps/v1
kind: Deployment
metadata:
  name: d
  creationTimestamp: null
spec:
  replicas: 1
  selector:
    matchLabels: {app: x}
  template:
    metadata:
      labels: {app: x}
    spec:
      containers:
        - name: c
          image: i
          ports:
            - containerPort: 8501
          resources:
            requests: {cpu: 5m, memory: 0.5}
)";

}  // namespace

TEST_SUITE("Schema") {
  TEST_CASE("the saved v1.32 documents index the kinds tfsk renders") {
    CHECK(Schemas().Knows("v1", "ConfigMap"));
    CHECK(Schemas().Knows("v1", "Service"));
    CHECK(Schemas().Knows("apps/v1", "Deployment"));
    CHECK(Schemas().Knows("autoscaling/v2", "HorizontalPodAutoscaler"));
    CHECK_FALSE(Schemas().Knows("autoscaling/v2beta2", "HorizontalPodAutoscaler"));
  }

  TEST_CASE("a valid Deployment passes, nulls count as unset") {
    auto p = Check(kDeployment);
    CHECK_MESSAGE(p.empty(), All(p));
  }

  TEST_CASE("wrong types are reported with their path") {
    std::string y = kDeployment;
    y.replace(y.find("replicas: 1"), 11, "replicas: one");
    auto p = Check(y);
    CHECK_MESSAGE(Has(p, "spec.replicas: expected integer, got string \"one\""), All(p));
  }

  TEST_CASE("unknown fields are errors, with a suggestion") {
    std::string y = kDeployment;
    y.replace(y.find("- containerPort: 8501"), 21,
              "- containerPort: 8501\n              bogusField: 1");
    y.replace(y.find("replicas: 1"), 11, "replica: 1");
    auto p = Check(y);
    CHECK_MESSAGE(Has(p, "spec.template.spec.containers[0].ports[0].bogusField: unknown field"),
                  All(p));
    CHECK(Has(p, "spec.replica: unknown field (did you mean 'replicas'?)"));
  }

  TEST_CASE("required fields are enforced") {
    std::string y = kDeployment;
    y.replace(y.find("- name: c"), 9, "- stdin: true");
    auto p = Check(y);
    CHECK_MESSAGE(Has(p, "spec.template.spec.containers[0]: missing required field 'name'"),
                  All(p));
  }

  TEST_CASE("label values must be strings") {
    auto p = Check(
        "apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: c\n  labels:\n"
        "    version: 1\n");
    CHECK_MESSAGE(Has(p, "metadata.labels.version: expected string, got integer 1"), All(p));
  }

  TEST_CASE("int-or-string and quantities") {
    const char* svc =
        "apiVersion: v1\nkind: Service\nmetadata:\n  name: s\nspec:\n  ports:\n"
        "    - port: 8501\n      targetPort: {}\n      nodePort: '30001'\n";
    auto p = Check(svc);
    CHECK(Has(p, "spec.ports[0].targetPort: expected integer or string, got object {}"));
    CHECK(Has(p, "spec.ports[0].nodePort: expected integer, got string \"30001\""));
    std::string y = kDeployment;
    y.replace(y.find("cpu: 5m"), 7, "cpu: 5 cores");
    CHECK_MESSAGE(Has(Check(y), "resources.requests.cpu: '5 cores' is not a quantity"),
                  All(Check(y)));
  }

  TEST_CASE("an HPA with a percent string and an unknown apiVersion") {
    auto p = Check(R"(apiVersion: autoscaling/v2
kind: HorizontalPodAutoscaler
metadata: {name: h}
spec:
  scaleTargetRef: {apiVersion: apps/v1, kind: Deployment, name: d}
  maxReplicas: 3
  metrics:
    - type: Resource
      resource:
        name: cpu
        target: {type: Utilization, averageUtilization: '20%'}
)");
    CHECK_MESSAGE(Has(p, "spec.metrics[0].resource.target.averageUtilization: expected integer"),
                  All(p));
    auto q = Check("apiVersion: autoscaling/v2beta2\nkind: HorizontalPodAutoscaler\n");
    CHECK(Has(q, "unknown apiVersion/kind ('autoscaling/v2beta2', 'HorizontalPodAutoscaler')"));
  }

  TEST_CASE("a missing schema folder says what to pass") {
    auto s = SchemaSet::Load("/nonexistent");
    REQUIRE_FALSE(s.ok());
    CHECK(s.status().message().find("--schemas") != std::string::npos);
  }
}

}  // namespace tfsk::render
