// The kubectl driver against the scripted fake runner: exact argv, stdin, canned real output.
#include <doctest/doctest.h>

#include "lib/cluster/kubectl.h"
#include "tests/support/fake_process_runner.h"

namespace tfsk::cluster {
namespace {

using testing::FakeProcessRunner;
using testing::ReadTestData;

const std::string kManifests = "apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: tfsk-config\n";

Argv K(std::initializer_list<std::string> rest) {
  Argv argv = {"kubectl", "--context", "tfsk", "--namespace", "default"};
  argv.insert(argv.end(), rest);
  return argv;
}

TEST_SUITE("Kubectl") {
  TEST_CASE("Apply sends the manifests on stdin and reports each object") {
    FakeProcessRunner fake;
    fake.Expect(K({"apply", "-f", "-"}))
        .WithStdin(kManifests)
        .Stdout(ReadTestData("cluster/kubectl/apply_configured.stdout"));
    Kubectl k(fake, {"tfsk", "default"});
    auto objs = k.Apply(kManifests);
    REQUIRE(objs.ok());
    CHECK(SummarizeApply(*objs) == "1 configured, 3 unchanged");
    CHECK(fake.calls().at(0).options.timeout == std::chrono::seconds(60));
    fake.VerifyAllConsumed();
  }

  TEST_CASE("Apply: server rejection carries the reason and the config exit group") {
    FakeProcessRunner fake;
    fake.Expect(K({"apply", "--dry-run=server", "-f", "-"}))
        .Stderr(ReadTestData("cluster/kubectl/apply_strict_error.stderr"))
        .ExitCode(1);
    Kubectl k(fake, {"tfsk", "default"});
    auto objs = k.Apply(kManifests, /*dry_run_server=*/true);
    REQUIRE_FALSE(objs.ok());
    CHECK(objs.status().code() == Code::kInvalidArgument);
    CHECK(objs.status().message().find("[K_UNKNOWN_FIELD]") != std::string::npos);
    CHECK(objs.status().message().find("bogusField") != std::string::npos);
  }

  TEST_CASE("Get hpa, deployment, pods, events") {
    FakeProcessRunner fake;
    fake.Expect(K({"get", "hpa", "tf-serving-hpa", "-o", "json"}))
        .Stdout(ReadTestData("cluster/kubectl/hpa_unknown.json"));
    fake.Expect(K({"get", "deployment", "tf-serving-deployment", "-o", "json"}))
        .Stdout(ReadTestData("cluster/kubectl/deploy_stuck.json"));
    fake.Expect(K({"get", "pods", "-l", "app=tf-serving", "-o", "json"}))
        .Stdout(ReadTestData("cluster/kubectl/pods_failing.json"));
    fake.Expect(K({"get", "events", "-o", "json"})).Stdout(ReadTestData("cluster/kubectl/events.json"));
    Kubectl k(fake, {"tfsk", "default"});
    CHECK(k.GetHpa("tf-serving-hpa")->Targets() == "<unknown>/20%");
    CHECK(k.GetDeployment("tf-serving-deployment")->ProgressDeadlineExceeded());
    CHECK(k.GetPods("app=tf-serving")->at(0).Blocker() == "CrashLoopBackOff");
    CHECK(k.GetEvents()->size() == 3);
    fake.VerifyAllConsumed();
  }

  TEST_CASE("Get of a missing object is NotFound") {
    FakeProcessRunner fake;
    fake.Expect(K({"get", "hpa", "tf-serving-hpa", "-o", "json"}))
        .Stderr(ReadTestData("cluster/kubectl/get_hpa_not_found.stderr"))
        .ExitCode(1);
    Kubectl k(fake, {"tfsk", "default"});
    auto h = k.GetHpa("tf-serving-hpa");
    REQUIRE_FALSE(h.ok());
    CHECK(h.status().code() == Code::kNotFound);
  }

  TEST_CASE("DeleteBySelector is idempotent and bounded by the wait timeout") {
    FakeProcessRunner fake;
    fake.Expect(K({"delete", "deployment,service", "-l", "app.kubernetes.io/managed-by=tfsk",
                   "--ignore-not-found", "--wait=true"}))
        .Stdout(ReadTestData("cluster/kubectl/delete.stdout"));
    fake.Expect(K({"delete", "deployment,service", "-l", "app.kubernetes.io/managed-by=tfsk",
                   "--ignore-not-found", "--wait=true"}));  // second run: nothing left, no output
    Kubectl k(fake, {"tfsk", "default"});
    CHECK(k.DeleteBySelector({"deployment", "service"}, "app.kubernetes.io/managed-by=tfsk", true,
                             std::chrono::seconds(90)).ok());
    CHECK(k.DeleteBySelector({"deployment", "service"}, "app.kubernetes.io/managed-by=tfsk", true,
                             std::chrono::seconds(90)).ok());
    CHECK(fake.calls().at(0).options.timeout == std::chrono::seconds(90));
    fake.VerifyAllConsumed();
  }

  TEST_CASE("RolloutStatus: success, timeout, progress deadline") {
    FakeProcessRunner fake;
    auto argv = K({"rollout", "status", "deployment/tf-serving-deployment", "--timeout=300s"});
    fake.Expect(argv).Stdout(ReadTestData("cluster/kubectl/rollout_ok.stdout"));
    fake.Expect(argv)
        .Stdout(ReadTestData("cluster/kubectl/rollout_timeout.stdout"))
        .Stderr(ReadTestData("cluster/kubectl/rollout_timeout.stderr"))
        .ExitCode(1);
    fake.Expect(argv).Stderr(ReadTestData("cluster/kubectl/rollout_deadline.stderr")).ExitCode(1);
    Kubectl k(fake, {"tfsk", "default"});
    CHECK(k.RolloutStatus("tf-serving-deployment", std::chrono::seconds(300)).ok());
    CHECK(fake.calls().at(0).options.timeout == std::chrono::seconds(330));
    Status timeout = k.RolloutStatus("tf-serving-deployment", std::chrono::seconds(300));
    CHECK(timeout.code() == Code::kDeadlineExceeded);
    CHECK(timeout.message().find("[K_ROLLOUT_TIMEOUT]") != std::string::npos);
    Status deadline = k.RolloutStatus("tf-serving-deployment", std::chrono::seconds(300));
    CHECK(deadline.message().find("[K_PROGRESS_DEADLINE]") != std::string::npos);
    fake.VerifyAllConsumed();
  }

  TEST_CASE("MetricsAvailable: not yet, not installed, serving, cluster down") {
    FakeProcessRunner fake;
    fake.Expect(K({"top", "pods"}))
        .Stderr(ReadTestData("cluster/kubectl/top_metrics_api_not_available.stderr"))
        .ExitCode(1);
    fake.Expect(K({"top", "pods"})).Stderr(ReadTestData("cluster/kubectl/top_metrics_not_yet.stderr")).ExitCode(1);
    fake.Expect(K({"top", "pods"})).Stdout(ReadTestData("cluster/kubectl/top_pods.stdout"));
    fake.Expect(K({"top", "pods"}))
        .Stderr(ReadTestData("cluster/kubectl/connection_refused.stderr"))
        .ExitCode(1);
    Kubectl k(fake, {"tfsk", "default"});
    CHECK(k.MetricsAvailable().value() == false);
    CHECK(k.MetricsAvailable().value() == false);
    CHECK(k.MetricsAvailable().value() == true);
    auto down = k.MetricsAvailable();
    REQUIRE_FALSE(down.ok());
    CHECK(down.status().message().find("[K_CONNECTION_REFUSED]") != std::string::npos);
    CHECK(down.status().message().find("minikube start -p tfsk") != std::string::npos);
    fake.VerifyAllConsumed();
  }

  TEST_CASE("ClientVersion needs no context, a missing kubectl gets the install hint") {
    FakeProcessRunner fake;
    fake.Expect({"kubectl", "version", "--client", "-o", "json"})
        .Stdout(ReadTestData("cluster/kubectl/version_client.json"));
    Kubectl k(fake, {"tfsk", "default"});
    CHECK(k.ClientVersion()->minor == 32);
    fake.MarkMissing("kubectl");
    auto missing = k.ClientVersion();
    REQUIRE_FALSE(missing.ok());
    CHECK(missing.status().message().find("install kubectl") != std::string::npos);
    fake.VerifyAllConsumed();
  }

  TEST_CASE("a wrong context is explained") {
    FakeProcessRunner fake;
    fake.Expect(K({"get", "pods", "-l", "app=x", "-o", "json"}))
        .Stderr(ReadTestData("cluster/kubectl/context_not_found.stderr"))
        .ExitCode(1);
    Kubectl k(fake, {"tfsk", "default"});
    auto pods = k.GetPods("app=x");
    REQUIRE_FALSE(pods.ok());
    CHECK(pods.status().message().find("minikube -p tfsk update-context") != std::string::npos);
  }
}

}  // namespace
}  // namespace tfsk::cluster

namespace tfsk::cluster {
namespace {

TEST_SUITE("Kubectl") {
  TEST_CASE("Logs and FollowLogs select pods by label") {
    testing::FakeProcessRunner fake;
    fake.Expect(K({"logs", "-l", "app=tf-serving", "--tail=20", "--prefix"})).Stdout("I0110 server ready\n");
    fake.Expect(K({"logs", "-l", "app=tf-serving", "--tail=5", "--prefix", "-f", "--max-log-requests=100"}))
        .Started(/*blocks=*/true)
        .Stdout("line 1\n");
    Kubectl k(fake, {"tfsk", "default"});
    CHECK(k.Logs("app=tf-serving", 20).value() == "I0110 server ready\n");
    auto follow = k.FollowLogs("app=tf-serving", 5);
    REQUIRE(follow.ok());
    CHECK((*follow)->ReadLine(std::chrono::seconds(1)).value() == "line 1");
    follow->reset();
    CHECK(fake.children().at(0)->stopped);
    fake.VerifyAllConsumed();
  }
}

}  // namespace
}  // namespace tfsk::cluster
