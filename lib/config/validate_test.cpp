#include "lib/config/validate.h"

#include <doctest/doctest.h>

#include <fstream>

#include "lib/config/defaults.h"
#include "tests/support/shared.h"

namespace tfsk::config {
namespace {

Config Valid() {
  Config c = Defaults();
  c.model.path = "/models/hpt";
  Derive(c);
  return c;
}

std::string Run(const Config& c, bool check_model = false) {
  Diagnostics d;
  ValidateOptions o;
  o.check_model_folder = check_model;
  Validate(c, o, d);
  std::string s;
  for (const auto& i : d.issues()) s += i.ToString() + "\n";
  return s;
}

bool Has(const std::string& all, const std::string& part) {
  return all.find(part) != std::string::npos;
}

}  // namespace

TEST_SUITE("ConfigValidate") {
  TEST_CASE("the defaults are valid") { CHECK(Run(Valid()) == ""); }

  TEST_CASE("server.replicas beside an HPA is a warning that says who sets the count") {
    Config c = Valid();
    c.server.replicas = 2;
    CHECK(Has(Run(c), "server.replicas: 2 is not used while autoscale is enabled"));
    c.autoscale.min_replicas = 2;  // the same count: nothing to say
    c.autoscale.max_replicas = 4;
    CHECK(Run(c) == "");
    c.server.replicas = 3;
    c.autoscale.enabled = false;  // then it is the count
    CHECK(Run(c) == "");
  }

  TEST_CASE("every error is reported, not just the first") {
    Config c = Valid();
    c.name = "TF_Serving";
    c.service.node_port = 8080;
    c.autoscale.min_replicas = 4;
    c.autoscale.cpu_utilization = 0;
    c.server.rest_port = 70000;
    std::string all = Run(c);
    CHECK(Has(all, "name: 'TF_Serving' is not a valid project name"));
    CHECK(Has(all, "service.nodePort: 8080 is out of range; use 30000..32767"));
    CHECK(Has(all, "autoscale.maxReplicas: 3 is below minReplicas (4)"));
    CHECK(Has(all, "autoscale.cpuUtilization: 0 must be"));
    CHECK(Has(all, "server.ports.rest: 70000 is out of range; use 1..65535"));
  }

  TEST_CASE("quantities are parsed and requests stay below limits") {
    Config c = Valid();
    c.server.resources.requests.cpu = "50m";
    c.server.resources.limits.cpu = "10m";
    c.server.resources.limits.memory = "64MB";
    std::string all = Run(c);
    CHECK(Has(all, "server.resources.requests.cpu: request '50m' exceeds the limit '10m'"));
    CHECK(Has(all, "server.resources.limits.memory: '64MB' is not a Kubernetes quantity"));
  }

  TEST_CASE("milli-byte memory is a warning") {
    Config c = Valid();
    c.server.resources.requests.memory = "32m";
    c.server.resources.limits.memory = "64m";
    CHECK(Has(Run(c), "warning: server.resources.requests.memory: '32m' means milli-bytes"));
  }

  TEST_CASE("an HPA needs a CPU request") {
    Config c = Valid();
    c.server.resources.requests.cpu = "";
    CHECK(Has(Run(c), "server.resources.requests.cpu: is required while autoscale.enabled"));
    c.autoscale.enabled = false;
    CHECK(Run(c) == "");
  }

  TEST_CASE("enumerations suggest the closest value") {
    Config c = Valid();
    c.service.type = "NodePrt";
    c.cluster.target = "minkube";
    c.cluster.driver = "dockr";
    std::string all = Run(c);
    CHECK(Has(all,
              "service.type: 'NodePrt' is not one of NodePort, ClusterIP, LoadBalancer "
              "(did you mean 'NodePort'?)"));
    CHECK(Has(all,
              "cluster.target: 'minkube' is not one of minikube, kube, local (did you mean "
              "'minikube'?)"));
    c.cluster.target = "minikube";
    CHECK(Has(Run(c), "cluster.driver: 'dockr' is not one of docker, podman"));
    CHECK(Has(Run(c), "(did you mean 'docker'?)"));
  }

  TEST_CASE("derived names are checked with the rule of their kind") {
    Config c = Valid();
    c.names.service = "1-service";
    c.names.port = "tf-serving-https";
    std::string all = Run(c);
    CHECK(Has(all, "names.service: '1-service' is not a valid Service name"));
    CHECK(Has(all, "names.port: 'tf-serving-https' is not a valid Service port name"));
  }

  TEST_CASE("behavior policies are checked") {
    Config c = Valid();
    ScalingRules r;
    r.stabilization_window_seconds = 4000;
    r.policies.push_back({"Pod", 0, 15});
    c.autoscale.scale_up = r;
    std::string all = Run(c);
    CHECK(Has(all, "autoscale.behavior.scaleUp.stabilizationWindowSeconds: 4000 is out of range"));
    CHECK(Has(all,
              "autoscale.behavior.scaleUp.policies[0].type: 'Pod' is not one of Pods, "
              "Percent"));
    CHECK(Has(all, "autoscale.behavior.scaleUp.policies[0].value: 0 is out of range"));
  }

  TEST_CASE("errors carry the origin the loader recorded") {
    Config c = Valid();
    c.service.node_port = 1;
    std::map<std::string, std::string> origins{{"service.nodePort", "tfsk.yaml:9:13"}};
    Diagnostics d;
    ValidateOptions o;
    o.check_model_folder = false;
    o.origins = &origins;
    Validate(c, o, d);
    REQUIRE(d.Errors().size() == 1);
    CHECK(d.Errors()[0].ToString().find("tfsk.yaml:9:13: service.nodePort: 1 is out of range") ==
          0);
  }

  TEST_CASE("a missing model folder shows the expected layout") {
    Config c = Valid();
    c.model.path = "/nonexistent/model";
    std::string all = Run(c, true);
    CHECK(Has(all, "model.path: model folder '/nonexistent/model' does not exist"));
    CHECK(Has(all, "saved_model.pb"));
  }

  TEST_CASE("a model folder without a numbered version is rejected") {
    tfsk::testing::TempDir dir;
    std::filesystem::create_directories(dir.path() / "latest");
    std::ofstream(dir.path() / "latest" / "saved_model.pb") << "x";
    Config c = Valid();
    c.model.path = dir.path();
    CHECK(Has(Run(c, true), "holds no numbered version folder with a saved_model.pb"));
    std::filesystem::create_directories(dir.path() / "00000123");
    std::ofstream(dir.path() / "00000123" / "saved_model.pb") << "x";
    CHECK(Run(c, true) == "");
  }

  TEST_CASE("the shared half_plus_two model passes the folder check") {
    Config c = Valid();
    c.model.path = tfsk::testing::RequireShared("models/saved_model_half_plus_two_cpu");
    CHECK(Run(c, true) == "");
  }

  TEST_CASE("target kube: the model travels in the image") {
    Config c = Valid();
    c.cluster.target = "kube";
    // tensorflow/serving holds no model, and there is no host folder to mount.
    std::string all = Run(c);
    CHECK(Has(all, "server.image: 'tensorflow/serving' does not hold the model"));
    CHECK(Has(all, "server.modelInImage: true"));
    CHECK(Has(all, "server.image: tfsk-serving with cluster.registry"));

    c.server.image = "tfsk-serving";
    CHECK(Has(Run(c), "cluster.registry: is required for target kube"));
    {
      Diagnostics d;  // status/down act on what is deployed: no registry needed
      ValidateOptions o;
      o.check_model_folder = false;
      o.deploying = false;
      Validate(c, o, d);
      CHECK_FALSE(d.HasErrors());
    }
    c.cluster.registry = "registry.example.com/team";
    CHECK(Run(c) == "");
    c.cluster.registry = "https://registry.example.com";
    CHECK(Has(Run(c), "cluster.registry: 'https://registry.example.com' is not a registry"));

    Config in_image = Valid();
    in_image.cluster.target = "kube";
    in_image.server.image = "registry.example.com/team/hpt:1";
    in_image.server.model_in_image = true;
    in_image.model.path.clear();  // not needed: the image holds the model
    CHECK(Run(in_image, /*check_model=*/true) == "");
  }

  TEST_CASE("minikube still needs model.path even with modelInImage") {
    Config c = Valid();
    c.server.model_in_image = true;
    c.model.path.clear();
    CHECK(Has(Run(c), "model.path: missing"));
  }
}

}  // namespace tfsk::config
