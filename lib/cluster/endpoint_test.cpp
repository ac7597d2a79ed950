// Reachability rules (minikube's NeedsPortForward) and endpoint resolution with the fake runner.
#include <doctest/doctest.h>

#include "lib/cluster/endpoint.h"
#include "tests/support/fake_process_runner.h"

namespace tfsk::cluster {
namespace {

HostFacts Facts(std::string os, bool wsl = false, bool desktop = false, bool rootless = false,
                std::string docker_host = "") {
  HostFacts f;
  f.os = std::move(os);
  f.wsl = wsl;
  f.docker_desktop = desktop;
  f.rootless = rootless;
  f.docker_host = std::move(docker_host);
  return f;
}

TEST_SUITE("Endpoint") {
  TEST_CASE("NeedsPortForward follows minikube's rule") {
    struct Row {
      const char* driver;
      HostFacts facts;
      bool want;
    };
    const Row rows[] = {
        {"docker", Facts("linux"), false},
        {"docker", Facts("darwin"), true},
        {"docker", Facts("windows"), true},
        {"podman", Facts("linux", /*wsl=*/true), true},
        {"docker", Facts("linux", false, /*desktop=*/true), true},
        {"docker", Facts("linux", false, false, /*rootless=*/true), true},
        {"docker", Facts("linux", false, false, false, "tcp://10.0.0.5:2376"), true},
        {"docker", Facts("linux", false, false, false, "unix:///var/run/docker.sock"), false},
        {"virtualbox", Facts("darwin"), false},
        {"hyperv", Facts("windows"), false},
        {"kvm2", Facts("linux"), false},
    };
    for (const auto& row : rows) {
      CAPTURE(row.driver);
      CAPTURE(row.facts.os);
      CHECK(NeedsPortForward(row.driver, row.facts) == row.want);
    }
    CHECK(PortForwardReason("docker", Facts("darwin")) ==
          "docker driver: the containers run in a VM on darwin, so tfsk holds a `minikube service "
          "--url` tunnel");
    CHECK(PortForwardReason("docker", Facts("linux")).find("reachable") != std::string::npos);
  }

  TEST_CASE("docker info output sets Docker Desktop and rootless") {
    HostFacts f = Facts("linux");
    ApplyDockerInfo("Docker Desktop|[\"name=seccomp,profile=unconfined\",\"name=cgroupns\"]\n", f);
    CHECK(f.docker_desktop);
    CHECK_FALSE(f.rootless);
    ApplyDockerInfo("Ubuntu 22.04.4 LTS|[\"name=seccomp,profile=builtin\",\"name=rootless\"]\n", f);
    CHECK_FALSE(f.docker_desktop);
    CHECK(f.rootless);
    CHECK(FormatArgv(DockerInfoArgs()) ==
          "docker info --format '{{.OperatingSystem}}|{{json .SecurityOptions}}'");
  }

  TEST_CASE("reachable node: NodePort URL from minikube ip, no child") {
    testing::FakeProcessRunner fake;
    fake.Expect({"minikube", "-p", "tfsk", "ip"}).Stdout("192.168.49.2\n");
    Minikube mk(fake, "tfsk");
    auto ep = ResolveServiceEndpoint(mk, "tf-serving-service", "default", 30001, "docker", Facts("linux"));
    REQUIRE(ep.ok());
    CHECK(ep->url() == "http://192.168.49.2:30001");
    CHECK_FALSE(ep->holds_tunnel());
    fake.VerifyAllConsumed();
  }

  TEST_CASE("tunnel needed: minikube service --url is held") {
    testing::FakeProcessRunner fake;
    fake.Expect({"minikube", "-p", "tfsk", "service", "tf-serving-service", "--url", "-n", "default"})
        .Started()
        .Stdout("http://127.0.0.1:57123\n");
    Minikube mk(fake, "tfsk");
    auto ep = ResolveServiceEndpoint(mk, "tf-serving-service", "default", 30001, "docker", Facts("darwin"));
    REQUIRE(ep.ok());
    CHECK(ep->url() == "http://127.0.0.1:57123");
    CHECK(ep->holds_tunnel());
    fake.VerifyAllConsumed();
  }

  TEST_CASE("DetectHostFacts reads the build OS and DOCKER_HOST") {
    HostFacts f = DetectHostFacts();
    CHECK_FALSE(f.os.empty());
  }
}

}  // namespace
}  // namespace tfsk::cluster
