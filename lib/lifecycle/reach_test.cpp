// Predict/stress endpoints: a tunnel-only minikube deployment gets its tunnel for the call.
#include "lib/lifecycle/reach.h"

#include <doctest/doctest.h>

#include "lib/lifecycle/deploy_state.h"
#include "lib/lifecycle/test_fixture.h"
#include "lib/state/local_state.h"

namespace tfsk::lifecycle {
namespace {

using namespace test;

DeployState TunnelOnly() {
  DeployState st;
  st.profile = "tfsk";
  st.context = "tfsk";
  st.name_space = "default";
  st.selector = kSelector;
  st.service = "tf-serving-service";
  st.model = "half_plus_two";
  st.url = "";  // the docker driver on macOS: no NodePort from the host
  return st;
}

const Argv kTunnel = {"minikube",           "-p",    "tfsk", "service",
                      "tf-serving-service", "--url", "-n",   "default"};

TEST_SUITE("ReachModelEndpoint") {
  TEST_CASE("a tunnel-only deployment: minikube service --url, held by the result") {
    testing::TempDir project;
    REQUIRE(SaveDeployState(project.path(), TunnelOnly()).ok());
    testing::FakeProcessRunner fake;
    fake.Expect(kTunnel)
        .Stdout(Data("cluster/minikube/service_url_tunnel.stdout"))
        .Stderr(Data("cluster/minikube/service_url_tunnel.stderr"))
        .Started(/*blocks=*/true);
    {
      auto r = ReachModelEndpoint("", project.path(), fake);
      REQUIRE_MESSAGE(r.ok(), r.status().message());
      CHECK(r->endpoint.base_url.rfind("http://127.0.0.1:", 0) == 0);
      CHECK(r->endpoint.model_name == "half_plus_two");
      REQUIRE(r->tunnel.has_value());
      CHECK(r->tunnel->holds_tunnel());
      CHECK_FALSE(fake.children().at(0)->stopped);
    }
    CHECK(fake.children().at(0)->stopped);  // closed when the command is done
    fake.VerifyAllConsumed();
  }

  TEST_CASE("--url, a local server and a NodePort deployment need no tunnel") {
    testing::TempDir project;
    testing::FakeProcessRunner fake;  // any command would fail the test
    DeployState st = TunnelOnly();
    REQUIRE(SaveDeployState(project.path(), st).ok());
    auto flag = ReachModelEndpoint("http://127.0.0.1:9", project.path(), fake);
    REQUIRE(flag.ok());
    CHECK_FALSE(flag->tunnel.has_value());

    st.url = "http://192.168.49.2:30001/v1/models/half_plus_two";
    REQUIRE(SaveDeployState(project.path(), st).ok());
    auto nodeport = ReachModelEndpoint("", project.path(), fake);
    REQUIRE_MESSAGE(nodeport.ok(), nodeport.status().message());
    CHECK(nodeport->endpoint.base_url == "http://192.168.49.2:30001");
    CHECK_FALSE(nodeport->tunnel.has_value());
    fake.VerifyAllConsumed();
  }

  TEST_CASE("a tunnel that cannot open says what was being opened") {
    testing::TempDir project;
    REQUIRE(SaveDeployState(project.path(), TunnelOnly()).ok());
    testing::FakeProcessRunner fake;
    fake.Expect(kTunnel)
        .Stderr(Data("cluster/minikube/service_not_found.stderr"))
        .ExitCode(115)
        .Started(false);
    auto r = ReachModelEndpoint("", project.path(), fake);
    REQUIRE_FALSE(r.ok());
    CHECK(r.status().message().find("opening a tunnel to service tf-serving-service") !=
          std::string::npos);
  }
}

}  // namespace
}  // namespace tfsk::lifecycle
