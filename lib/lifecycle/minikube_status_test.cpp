// `tfsk status` on minikube: what it fetches (exact argv) and what it shows.
#include "lib/lifecycle/minikube_status.h"

#include <doctest/doctest.h>

#include "lib/lifecycle/deploy_state.h"
#include "lib/lifecycle/test_fixture.h"

namespace tfsk::lifecycle {
namespace {

using namespace test;

TEST_SUITE("StatusMinikube") {
  TEST_CASE("running lab: deployment, pods, HPA with CPU, URL from the state") {
    Rig r;
    DeployState st;
    st.context = "tfsk";
    st.selector = kSelector;
    st.deployment = "tf-serving-deployment";
    st.hpa = "tf-serving-hpa";
    st.url = "http://192.168.49.2:30001";
    REQUIRE(SaveDeployState(r.project.path(), st).ok());
    r.fake.Expect(kStatus).Stdout(Data("cluster/minikube/status_running.json"));
    r.fake.Expect(Kubectl({"get", "deployment", "tf-serving-deployment", "-o", "json"}))
        .Stdout(Data("cluster/kubectl/deploy_ready.json"));
    r.fake.Expect(Kubectl({"get", "pods", "-l", kSelector, "-o", "json"}))
        .Stdout(Data("cluster/kubectl/pods_running.json"));
    r.fake.Expect(Kubectl({"get", "hpa", "tf-serving-hpa", "-o", "json"}))
        .Stdout(Data("cluster/kubectl/hpa_scaling.json"));
    std::string asked;
    r.options.http_get = [&](const std::string& url) -> StatusOr<std::pair<int, std::string>> {
      asked = url;
      return std::make_pair(200, std::string(R"({"model_version_status":[{"version":"1","state":"AVAILABLE","status":{"error_code":"OK","error_message":""}}]})"));
    };
    auto rep = StatusMinikube(LabConfig(), r.drivers, r.options);
    REQUIRE_MESSAGE(rep.ok(), rep.status().message());
    r.fake.VerifyAllConsumed();
    CHECK(asked == "http://192.168.49.2:30001/v1/models/half_plus_two");
    CHECK(rep->model_state == "AVAILABLE");
    CHECK(StatusText(*rep).find("model       AVAILABLE") != std::string::npos);
    CHECK(rep->Healthy());
    REQUIRE(rep->hpa.has_value());
    const std::string text = StatusText(*rep);
    CHECK(text.find("deployment  tf-serving-deployment: 1/1 ready") != std::string::npos);
    CHECK(text.find("url         http://192.168.49.2:30001") != std::string::npos);
    CHECK(text.find("hpa         tf-serving-hpa") != std::string::npos);
    const std::string js = StatusJson(*rep);
    CHECK(js.find("\"healthy\":true") != std::string::npos);
    CHECK(js.find("\"cpu_target_percent\"") != std::string::npos);
  }

  TEST_CASE("HPA without metrics shows why it cannot scale") {
    Rig r;
    r.fake.Expect(kStatus).Stdout(Data("cluster/minikube/status_running.json"));
    r.fake.Expect(Kubectl({"get", "deployment", "tf-serving-deployment", "-o", "json"}))
        .Stdout(Data("cluster/kubectl/deploy_ready.json"));
    r.fake.Expect(Kubectl({"get", "pods", "-l", kSelector, "-o", "json"}))
        .Stdout(Data("cluster/kubectl/pods_running.json"));
    r.fake.Expect(Kubectl({"get", "hpa", "tf-serving-hpa", "-o", "json"}))
        .Stdout(Data("cluster/kubectl/hpa_unknown.json"));
    auto rep = StatusMinikube(LabConfig(), r.drivers, r.options);
    REQUIRE_MESSAGE(rep.ok(), rep.status().message());
    r.fake.VerifyAllConsumed();
    REQUIRE(rep->hpa.has_value());
    CHECK(rep->hpa->ScalingInactive());
    CHECK(StatusText(*rep).find("cannot scale: the HPA was unable to compute") != std::string::npos);
    CHECK(StatusText(*rep).find("<unknown>") != std::string::npos);
  }

  TEST_CASE("stopped cluster: only the cluster line and what to do") {
    Rig r;
    r.fake.Expect(kStatus).Stdout(Data("cluster/minikube/status_stopped.json")).ExitCode(7);
    auto rep = StatusMinikube(LabConfig(), r.drivers, r.options);
    REQUIRE(rep.ok());
    r.fake.VerifyAllConsumed();
    CHECK_FALSE(rep->Healthy());
    CHECK(StatusText(*rep).find("tfsk up") != std::string::npos);
  }
}

}  // namespace
}  // namespace tfsk::lifecycle
