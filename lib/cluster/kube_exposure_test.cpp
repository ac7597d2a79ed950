#include "lib/cluster/kube_exposure.h"

#include <doctest/doctest.h>

#include "lib/cluster/kubectl.h"
#include "tests/support/fake_process_runner.h"

namespace tfsk::cluster {

using testing::ReadTestData;

TEST_SUITE("KubeExposure") {
  TEST_CASE("a LoadBalancer's ingress and its NodePort for the served port") {
    auto s = ParseServiceExposure(ReadTestData("cluster/kubectl/service_loadbalancer.json"), 8501);
    REQUIRE(s.ok());
    CHECK(s->type == "LoadBalancer");
    CHECK(s->ingress == "203.0.113.10");
    CHECK(s->node_port == 31845);
    auto other = ParseServiceExposure(ReadTestData("cluster/kubectl/service_nodeport.json"), 9000);
    REQUIRE(other.ok());
    CHECK(other->ingress.empty());
    CHECK(other->node_port == 0);  // no entry for that port
  }

  TEST_CASE("node addresses: ExternalIP and InternalIP, Ready") {
    auto nodes = ParseNodeAddresses(ReadTestData("cluster/kubectl/nodes.json"));
    REQUIRE(nodes.ok());
    REQUIRE(nodes->size() == 1);
    CHECK((*nodes)[0].name == "prod-pool-1-a");
    CHECK((*nodes)[0].external_ip == "198.51.100.7");
    CHECK((*nodes)[0].internal_ip == "10.0.0.12");
    CHECK((*nodes)[0].ready);
    CHECK_FALSE(ParseNodeAddresses("not json").ok());
  }

  TEST_CASE("port-forward announces its local port on the first line") {
    CHECK(PortForwardUrlInLine("Forwarding from 127.0.0.1:39837 -> 8501") ==
          "http://127.0.0.1:39837");
    CHECK_FALSE(PortForwardUrlInLine("Forwarding from [::1]:39837 -> 8501"));
    CHECK_FALSE(PortForwardUrlInLine("Handling connection for 39837"));
  }

  TEST_CASE("Kubectl: contexts, the current one, and a held port-forward") {
    testing::FakeProcessRunner fake;
    Kubectl kubectl(fake, KubeTarget{"", "serving"});
    fake.Expect({"kubectl", "config", "get-contexts", "-o", "name"})
        .Stdout(ReadTestData("cluster/kubectl/config_get_contexts.stdout"));
    fake.Expect({"kubectl", "config", "current-context"})
        .ExitCode(1)
        .Stderr(ReadTestData("cluster/kubectl/config_current_context_unset.stderr"));
    fake.Expect({"kubectl", "--context", "prod", "--namespace", "serving", "port-forward",
                 "service/tf-serving-service", ":8501"})
        .Started()
        .Stdout(ReadTestData("cluster/kubectl/port_forward.stdout"));
    auto names = kubectl.ContextNames();
    REQUIRE(names.ok());
    CHECK(*names == std::vector<std::string>{"prod", "staging", "kind-kind"});
    auto current = kubectl.CurrentContext();
    REQUIRE_FALSE(current.ok());
    CHECK(current.status().message().find("[K_NO_KUBECONFIG]") != std::string::npos);
    kubectl.SetContext("prod");
    auto held = kubectl.PortForward("tf-serving-service", 8501);
    REQUIRE_MESSAGE(held.ok(), held.status().message());
    CHECK(held->url() == "http://127.0.0.1:39837");
    CHECK(held->holds_tunnel());
    held->Close();
    CHECK(fake.children().front()->stopped);
    fake.VerifyAllConsumed();
  }
}

}  // namespace tfsk::cluster
