#include "lib/lifecycle/kube_up.h"

#include <doctest/doctest.h>

#include "lib/lifecycle/kube_url.h"
#include "lib/lifecycle/test_fixture.h"

namespace tfsk::lifecycle {
namespace {

using namespace test;

// Target kube on context prod (the fixture's kubectl starts on context "tfsk": UpKube must move
// it to the configured one).
config::Config KubeConfig() {
  config::Config c = LabConfig();
  c.cluster.target = "kube";
  c.cluster.context = "prod";
  c.server.image = "registry.example.com/team/hpt:1";
  c.server.model_in_image = true;
  return c;
}

Argv Prod(std::vector<std::string> args) {
  Argv a = {"kubectl", "--context", "prod", "--namespace", "default"};
  a.insert(a.end(), args.begin(), args.end());
  return a;
}

// Everything up to the rollout, the same for each case.
void ExpectDeploy(testing::FakeProcessRunner& fake) {
  fake.Expect({"kubectl", "config", "get-contexts", "-o", "name"})
      .Stdout(Data("cluster/kubectl/config_get_contexts.stdout"));
  fake.Expect(Prod({"top", "pods"}))
      .ExitCode(1)
      .Stderr(Data("cluster/kubectl/top_metrics_api_not_available.stderr"));
  fake.Expect(Prod({"apply", "--dry-run=server", "-f", "-"}))
      .Stdout(Data("cluster/kubectl/apply_dry_run_server.stdout"));
  fake.Expect(Prod({"apply", "-f", "-"})).Stdout(Data("cluster/kubectl/apply_created.stdout"));
  fake.Expect(Prod({"rollout", "status", "deployment/tf-serving-deployment", "--timeout=300s"}))
      .Stdout(Data("cluster/kubectl/rollout_ok.stdout"));
}

}  // namespace

TEST_SUITE("UpKube") {
  TEST_CASE("a LoadBalancer's ingress is the URL, metrics missing only warns") {
    Rig rig;
    ExpectDeploy(rig.fake);
    rig.fake.Expect(Prod({"get", "service", "tf-serving-service", "-o", "json"}))
        .Stdout(Data("cluster/kubectl/service_loadbalancer.json"));
    auto up = UpKube(KubeConfig(), rig.drivers, rig.progress, rig.options, nullptr);
    rig.fake.VerifyAllConsumed();
    REQUIRE_MESSAGE(up.ok(), up.status().message());
    CHECK(up->context == "prod");
    CHECK(up->url == "http://203.0.113.10:8501");
    CHECK(rig.out.str().find("metrics-server") != std::string::npos);
    auto st = LoadDeployState(rig.project.path());
    REQUIRE(st.ok());
    REQUIRE(st->has_value());
    CHECK((*st)->target == "kube");
    CHECK((*st)->context == "prod");
    CHECK((*st)->service_port == 8501);
    CHECK((*st)->url == "http://203.0.113.10:8501");
  }

  TEST_CASE("a NodePort counts only when the model answers there, else no URL") {
    for (bool answers : {true, false}) {
      CAPTURE(answers);
      Rig rig;
      std::vector<std::string> asked;
      rig.options.http_get = [&](const std::string& url) -> StatusOr<std::pair<int, std::string>> {
        asked.push_back(url);
        if (!answers) return Unavailable("connection refused");
        return std::make_pair(200, std::string("{}"));
      };
      ExpectDeploy(rig.fake);
      rig.fake.Expect(Prod({"get", "service", "tf-serving-service", "-o", "json"}))
          .Stdout(Data("cluster/kubectl/service_nodeport.json"));
      rig.fake.Expect(Prod({"get", "nodes", "-o", "json"}))
          .Stdout(Data("cluster/kubectl/nodes.json"));
      auto up = UpKube(KubeConfig(), rig.drivers, rig.progress, rig.options, nullptr);
      REQUIRE_MESSAGE(up.ok(), up.status().message());
      CHECK(asked.front() ==
            "http://198.51.100.7:30001/v1/models/half_plus_two");  // ExternalIP first
      if (answers) {
        CHECK(up->url == "http://198.51.100.7:30001");
      } else {
        CHECK(asked.size() == 2);  // then the InternalIP
        CHECK(up->url.empty());
        CHECK(rig.out.str().find("kubectl port-forward") != std::string::npos);
      }
    }
  }

  TEST_CASE("tfsk-serving: the pusher's pinned reference is what gets applied") {
    Rig rig;
    config::Config c = KubeConfig();
    c.server.image = "tfsk-serving";
    c.server.model_in_image = false;
    c.cluster.registry = "registry.example.com/team";
    ExpectDeploy(rig.fake);
    rig.fake.Expect(Prod({"get", "service", "tf-serving-service", "-o", "json"}))
        .Stdout(Data("cluster/kubectl/service_loadbalancer.json"));
    const std::string pinned =
        "registry.example.com/team/tfsk-serving@sha256:" + std::string(64, 'a');
    int pushes = 0;
    ImagePusher push = [&](const config::Config& cfg, Progress&) -> StatusOr<std::string> {
      ++pushes;
      CHECK(cfg.cluster.registry == "registry.example.com/team");
      return pinned;
    };
    auto up = UpKube(c, rig.drivers, rig.progress, rig.options, push);
    REQUIRE_MESSAGE(up.ok(), up.status().message());
    CHECK(pushes == 1);
    CHECK(up->image == pinned);
    const auto calls = rig.fake.calls();
    bool applied_pinned = false;
    for (const auto& call : calls) {
      if (call.argv.back() == "-" &&
          call.stdin_text.find("image: \"" + pinned) != std::string::npos &&
          call.stdin_text.find("hostPath") == std::string::npos) {
        applied_pinned = true;
      }
    }
    CHECK(applied_pinned);
  }

  TEST_CASE("tfsk-serving without an image to push: nothing runs past the context") {
    Rig rig;
    config::Config c = KubeConfig();
    c.server.image = "tfsk-serving";
    c.server.model_in_image = false;
    c.cluster.registry = "registry.example.com/team";
    rig.fake.Expect({"kubectl", "config", "get-contexts", "-o", "name"})
        .Stdout(Data("cluster/kubectl/config_get_contexts.stdout"));
    rig.fake.Expect(Prod({"top", "pods"})).Stdout(Data("cluster/kubectl/top_pods.stdout"));
    auto up = UpKube(c, rig.drivers, rig.progress, rig.options, nullptr);
    REQUIRE_FALSE(up.ok());
    CHECK(up.status().code() == Code::kFailedPrecondition);
    CHECK(up.status().message().find("--image-archive") != std::string::npos);
    rig.fake.VerifyAllConsumed();
  }

  TEST_CASE("tfsk url on kube without a URL holds kubectl port-forward") {
    testing::FakeProcessRunner fake;
    cluster::Kubectl kubectl(fake, cluster::KubeTarget{"prod", "default"});
    DeployState st;
    st.target = "kube";
    st.context = "prod";
    st.service = "tf-serving-service";
    st.service_port = 8501;
    fake.Expect(Prod({"port-forward", "service/tf-serving-service", ":8501"}))
        .Started()
        .Stdout(Data("cluster/kubectl/port_forward.stdout"));
    auto held = UrlKube(st, kubectl);
    REQUIRE_MESSAGE(held.ok(), held.status().message());
    CHECK(held->url() == "http://127.0.0.1:39837");
    CHECK(held->holds_tunnel());
    st.url = "http://203.0.113.10:8501";
    auto direct = UrlKube(st, kubectl);
    REQUIRE(direct.ok());
    CHECK(direct->url() == st.url);
    CHECK_FALSE(direct->holds_tunnel());
    fake.VerifyAllConsumed();
  }
}

}  // namespace tfsk::lifecycle
