// `tfsk url` on minikube: NodePort on the node IP, or a held `minikube service --url` tunnel.
#include "lib/lifecycle/minikube_url.h"

#include <doctest/doctest.h>

#include "lib/lifecycle/test_fixture.h"

namespace tfsk::lifecycle {
namespace {

using namespace test;

TEST_SUITE("UrlMinikube") {
  TEST_CASE("docker on Linux: node IP and NodePort, no child") {
    Rig r;
    r.fake.Expect(kProfiles).Stdout(Data("cluster/minikube/profile_list.json"));
    r.fake.Expect(kIp).Stdout(Data("cluster/minikube/ip.stdout"));
    auto url = UrlMinikube(LabConfig(), r.drivers, r.options);
    REQUIRE_MESSAGE(url.ok(), url.status().message());
    r.fake.VerifyAllConsumed();
    CHECK(url->url() == "http://192.168.49.2:30001");
    CHECK_FALSE(url->holds_tunnel());
  }

  TEST_CASE("docker on macOS: a tunnel child that the handle holds and stops") {
    Rig r;
    r.options.host.os = "darwin";
    r.fake.Expect(kProfiles).Stdout(Data("cluster/minikube/profile_list.json"));
    r.fake.Expect({"minikube", "-p", "tfsk", "service", "tf-serving-service", "--url", "-n", "default"})
        .Stdout(Data("cluster/minikube/service_url_tunnel.stdout"))
        .Stderr(Data("cluster/minikube/service_url_tunnel.stderr"))
        .Started(/*blocks=*/true);
    {
      auto url = UrlMinikube(LabConfig(), r.drivers, r.options);
      REQUIRE_MESSAGE(url.ok(), url.status().message());
      CHECK(url->url().rfind("http://127.0.0.1:", 0) == 0);
      CHECK(url->holds_tunnel());
    }
    r.fake.VerifyAllConsumed();
    REQUIRE(r.fake.children().size() == 1);
    CHECK(r.fake.children()[0]->stopped);
  }
}

}  // namespace
}  // namespace tfsk::lifecycle
