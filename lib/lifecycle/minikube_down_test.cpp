// `tfsk down` on minikube: deletes by tfsk's labels, waits bounded, clears state, optional stop.
#include "lib/lifecycle/minikube_down.h"

#include <doctest/doctest.h>

#include "lib/lifecycle/deploy_state.h"
#include "lib/lifecycle/test_fixture.h"

namespace tfsk::lifecycle {
namespace {

using namespace test;

const Argv kDelete = Kubectl({"delete", "deployment,service,configmap,hpa", "-l", kSelector,
                              "--ignore-not-found", "--wait=false"});
const Argv kPods = Kubectl({"get", "pods", "-l", kSelector, "-o", "json"});

TEST_SUITE("DownMinikube") {
  TEST_CASE("deletes by selector, waits for the pods, clears the state") {
    Rig r;
    DeployState st;
    st.context = "tfsk";
    st.selector = kSelector;
    REQUIRE(SaveDeployState(r.project.path(), st).ok());
    r.fake.Expect(kStatus).Stdout(Data("cluster/minikube/status_running.json"));
    r.fake.Expect(kDelete).Stdout(Data("cluster/kubectl/delete.stdout"));
    r.fake.Expect(kPods).Stdout(Data("cluster/kubectl/pods_running.json"));
    r.fake.Expect(kPods).Stdout(Data("cluster/kubectl/pods_empty.json"));
    auto down = DownMinikube(LabConfig(), r.drivers, r.progress, r.options, {});
    REQUIRE_MESSAGE(down.ok(), down.status().message());
    r.fake.VerifyAllConsumed();
    CHECK(down->pods_gone);
    CHECK(r.sleeps == 1);
    CHECK_FALSE(std::filesystem::exists(DeployStatePath(r.project.path())));
    CHECK(r.out.str().find("all pods gone") != std::string::npos);
  }

  TEST_CASE("idempotent: nothing there, still succeeds, --stop-cluster stops the profile") {
    Rig r;
    r.fake.Expect(kStatus).Stdout(Data("cluster/minikube/status_running.json"));
    r.fake.Expect(kDelete);
    r.fake.Expect(kPods).Stdout(Data("cluster/kubectl/pods_empty.json"));
    r.fake.Expect(kStop);
    auto down = DownMinikube(LabConfig(), r.drivers, r.progress, r.options, {.stop_cluster = true});
    REQUIRE_MESSAGE(down.ok(), down.status().message());
    r.fake.VerifyAllConsumed();
    CHECK(down->stopped_cluster);
  }

  TEST_CASE("pods that never go: bounded, reported, not an error") {
    Rig r;
    r.fake.Expect(kStatus).Stdout(Data("cluster/minikube/status_running.json"));
    r.fake.Expect(kDelete);
    for (int i = 0; i < 3; ++i) r.fake.Expect(kPods).Stdout(Data("cluster/kubectl/pods_running.json"));
    auto down = DownMinikube(LabConfig(), r.drivers, r.progress, r.options, {});
    REQUIRE_MESSAGE(down.ok(), down.status().message());
    r.fake.VerifyAllConsumed();
    CHECK_FALSE(down->pods_gone);
    CHECK(r.out.str().find("still terminating") != std::string::npos);
  }

  TEST_CASE("stopped cluster: nothing to delete, no stop needed") {
    Rig r;
    r.fake.Expect(kStatus).Stdout(Data("cluster/minikube/status_stopped.json")).ExitCode(7);
    auto down = DownMinikube(LabConfig(), r.drivers, r.progress, r.options, {.stop_cluster = true});
    REQUIRE_MESSAGE(down.ok(), down.status().message());
    r.fake.VerifyAllConsumed();
    CHECK_FALSE(down->stopped_cluster);
  }
}

TEST_SUITE("DeployState") {
  TEST_CASE("round trip and corrupt files") {
    DeployState s;
    s.profile = "tfsk";
    s.context = "tfsk";
    s.name_space = "default";
    s.selector = "a=b";
    s.objects = {{"Deployment", "d"}, {"Service", "s"}};
    s.url = "http://1.2.3.4:30001";
    auto back = DeployStateFromJson(DeployStateToJson(s), "state.json");
    REQUIRE(back.ok());
    CHECK(*back == s);
    CHECK(DeployStateFromJson("[]", "x").status().code() == Code::kDataLoss);
    CHECK(DeployStateFromJson("{}", "x").status().code() == Code::kDataLoss);
  }
}

}  // namespace
}  // namespace tfsk::lifecycle
