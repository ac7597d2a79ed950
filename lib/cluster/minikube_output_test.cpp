// minikube's output formats, from the canned files in tests/testdata/cluster/minikube/.
#include <doctest/doctest.h>

#include "lib/cluster/minikube_output.h"
#include "tests/support/fake_process_runner.h"

namespace tfsk::cluster {
namespace {

using testing::ReadTestData;

TEST_SUITE("MinikubeOutput") {
  TEST_CASE("status: running cluster, exit 0") {
    auto s = ParseMinikubeStatus(ReadTestData("cluster/minikube/status_running.json"), 0);
    REQUIRE(s.ok());
    CHECK(s->exists);
    CHECK(s->Ready());
    CHECK(s->name == "tfsk");
    CHECK(s->host == "Running");
    CHECK(s->apiserver == "Running");
    CHECK(s->kubeconfig == "Configured");
    CHECK(s->Summary() == "Running");
  }

  TEST_CASE("status: stopped cluster, exit 7 = host|kubernetes|kubeconfig bits") {
    auto s = ParseMinikubeStatus(ReadTestData("cluster/minikube/status_stopped.json"), 7);
    REQUIRE(s.ok());
    CHECK(s->exists);
    CHECK_FALSE(s->HostRunning());
    CHECK_FALSE(s->KubernetesRunning());
    CHECK_FALSE(s->KubeconfigConfigured());
    CHECK(s->Summary() ==
          "Stopped (host Stopped, kubelet Stopped, apiserver Stopped, kubeconfig Stopped)");
  }

  TEST_CASE("status: paused apiserver, exit 2") {
    auto s = ParseMinikubeStatus(ReadTestData("cluster/minikube/status_paused.json"), 2);
    REQUIRE(s.ok());
    CHECK(s->HostRunning());
    CHECK_FALSE(s->KubernetesRunning());
    CHECK(s->KubeconfigConfigured());
    CHECK(s->apiserver == "Paused");
    CHECK(s->Summary().rfind("Kubernetes not running", 0) == 0);
  }

  TEST_CASE("status: multi-node array uses the control-plane entry") {
    auto s = ParseMinikubeStatus(ReadTestData("cluster/minikube/status_multinode.json"), 0);
    REQUIRE(s.ok());
    CHECK(s->name == "tfsk");
    CHECK(s->apiserver == "Running");
  }

  TEST_CASE("status: missing profile, exit 85 with CloudEvents lines") {
    auto s =
        ParseMinikubeStatus(ReadTestData("cluster/minikube/status_missing_profile.stdout"), 85);
    REQUIRE(s.ok());
    CHECK_FALSE(s->exists);
    CHECK_FALSE(s->Ready());
    CHECK(s->Summary() == "not created");
  }

  TEST_CASE("status: other exit codes and garbage") {
    CHECK(ParseMinikubeStatus("", 80).status().code() == Code::kInvalidArgument);
    CHECK(ParseMinikubeStatus("not json", 0).status().code() == Code::kInvalidArgument);
    auto bits_only = ParseMinikubeStatus("not json", 7);
    REQUIRE(bits_only.ok());
    CHECK_FALSE(bits_only->HostRunning());
  }

  TEST_CASE("addons list -o json: enabled and disabled") {
    auto a = ParseAddonsList(ReadTestData("cluster/minikube/addons_list.json"));
    REQUIRE(a.ok());
    CHECK(a->at("storage-provisioner"));
    CHECK_FALSE(a->at("metrics-server"));
    auto b = ParseAddonsList(ReadTestData("cluster/minikube/addons_list_metrics_enabled.json"));
    REQUIRE(b.ok());
    CHECK(b->at("metrics-server"));
    // No cluster: minikube prints empty objects.
    auto c = ParseAddonsList(R"({"ambassador":{},"metrics-server":{}})");
    REQUIRE(c.ok());
    CHECK_FALSE(c->at("metrics-server"));
    CHECK_FALSE(ParseAddonsList("[1]").ok());
  }

  TEST_CASE("service --url: URLs from stdout, other lines ignored") {
    CHECK(ParseServiceUrls(ReadTestData("cluster/minikube/service_url_tunnel.stdout")) ==
          std::vector<std::string>{"http://127.0.0.1:57123"});
    CHECK(ParseServiceUrls(ReadTestData("cluster/minikube/service_url_vm.stdout")) ==
          std::vector<std::string>{"http://192.168.49.2:30001"});
    CHECK(ParseServiceUrls("* Starting tunnel\nhttp://a:1\nhttps://b:2\n").size() == 2);
    CHECK_FALSE(ServiceUrlInLine("! Because you are using a Docker driver on darwin").has_value());
    CHECK(ServiceUrlInLine("  http://127.0.0.1:1 \r").value() == "http://127.0.0.1:1");
  }

  TEST_CASE("ip") {
    CHECK(ParseIp(ReadTestData("cluster/minikube/ip.stdout")).value() == "192.168.49.2");
    CHECK(ParseIp("fe80::1\n").value() == "fe80::1");
    CHECK_FALSE(ParseIp("* Profile not found\n").ok());
    CHECK_FALSE(ParseIp("").ok());
  }

  TEST_CASE("image ls --format short: one reference per line, blank lines dropped") {
    auto docker = ParseImageList(ReadTestData("cluster/minikube/image_ls_short_docker.stdout"));
    REQUIRE(docker.size() == 9);
    CHECK(docker.front() == "registry.k8s.io/pause:3.10.1");
    CHECK(docker.back() == "docker.io/library/tfsk-serving:sha256-0123456789ab");
    auto crio = ParseImageList(ReadTestData("cluster/minikube/image_ls_short_crio.stdout"));
    REQUIRE(crio.size() == 10);
    CHECK(crio[7] == "localhost/tfsk-serving:sha256-0123456789ab");
    CHECK(ParseImageList(ReadTestData("cluster/minikube/image_ls_short_empty.stdout")).empty());
    CHECK(ParseImageList("").empty());
    CHECK(ParseImageList("\n  a:1  \r\n\n\nb:2").size() == 2);
    CHECK(ParseImageList("\n  a:1  \r\n\n\nb:2")[0] == "a:1");
  }

  TEST_CASE("image ls: a local reference matches under each runtime's spelling, tag exact") {
    const std::string ref = "tfsk-serving:sha256-0123456789ab";
    CHECK(ListedImageMatches("docker.io/library/tfsk-serving:sha256-0123456789ab", ref));
    CHECK(ListedImageMatches("localhost/tfsk-serving:sha256-0123456789ab", ref));
    CHECK(ListedImageMatches("tfsk-serving:sha256-0123456789ab", ref));
    CHECK(ListedImageMatches("  docker.io/library/tfsk-serving:sha256-0123456789ab\r", ref));
    // Another build, another name, another registry, a prefix of the tag: not this image.
    CHECK_FALSE(ListedImageMatches("docker.io/library/tfsk-serving:sha256-fedcba987654", ref));
    CHECK_FALSE(ListedImageMatches("docker.io/library/tfsk-serving:sha256-0123456789", ref));
    CHECK_FALSE(ListedImageMatches("docker.io/library/tfsk-serving-dev:sha256-0123456789ab", ref));
    CHECK_FALSE(ListedImageMatches("registry.example.com/tfsk-serving:sha256-0123456789ab", ref));
    CHECK_FALSE(ListedImageMatches("docker.io/team/tfsk-serving:sha256-0123456789ab", ref));
    CHECK_FALSE(ListedImageMatches("docker.io/library/tfsk-serving:latest", "tfsk-serving"));
    CHECK_FALSE(ListedImageMatches("", ref));
    CHECK_FALSE(ListedImageMatches("localhost/", ""));
    // A name with a user part: docker.io/USER/NAME is its docker spelling.
    CHECK(ListedImageMatches("docker.io/team/app:1", "team/app:1"));
    CHECK(ListedImageMatches("localhost/team/app:1", "team/app:1"));
  }

  TEST_CASE("version") {
    auto v = ParseVersion(ReadTestData("cluster/minikube/version_short.stdout"));
    REQUIRE(v.ok());
    CHECK(v->major == 1);
    CHECK(v->minor == 37);
    CHECK(v->patch == 0);
    CHECK(v->AtLeast(1, 37));
    CHECK_FALSE(v->AtLeast(1, 38));
    CHECK(ParseVersion("minikube version: v1.36.0\ncommit: abc\n")->minor == 36);
    CHECK(ParseVersion("v1.32.4-dispatcher")->text == "v1.32.4-dispatcher");
    CHECK_FALSE(ParseVersion("no version here").ok());
  }
}

}  // namespace
}  // namespace tfsk::cluster
