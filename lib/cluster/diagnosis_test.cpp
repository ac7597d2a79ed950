// Turning a stuck rollout into reasons, from the canned kubectl JSON.
#include <doctest/doctest.h>

#include "lib/cluster/diagnosis.h"
#include "lib/cluster/reasons.h"
#include "tests/support/fake_process_runner.h"

namespace tfsk::cluster {
namespace {

using testing::FakeProcessRunner;
using testing::ReadTestData;

std::string Joined(const std::vector<Finding>& findings) {
  std::string all;
  for (const auto& f : findings) all += f.Line() + "\n";
  return all;
}

TEST_SUITE("Diagnosis") {
  TEST_CASE("a stuck rollout: deadline, pod blockers with advice, mount event, HPA without metrics") {
    auto d = ParseDeployment(ReadTestData("cluster/kubectl/deploy_stuck.json"));
    auto h = ParseHpa(ReadTestData("cluster/kubectl/hpa_unknown.json"));
    WorkloadSnapshot s;
    s.deployment = &*d;
    s.pods = *ParsePodList(ReadTestData("cluster/kubectl/pods_failing.json"));
    s.events = *ParseEventList(ReadTestData("cluster/kubectl/events.json"));
    s.hpa = &*h;
    auto findings = Diagnose(s);
    REQUIRE(findings.size() == 6);  // deployment, 2 pods, 2 warnings, hpa
    CHECK(findings[0].what ==
          "deployment tf-serving-deployment: 0/2 ready (2 unavailable); Progressing=False "
          "ProgressDeadlineExceeded: ReplicaSet \"tf-serving-deployment-7b5c8c6d9f\" has timed out "
          "progressing.");
    CHECK(findings[1].what ==
          "pod tf-serving-deployment-7b5c8c6d9f-x2k4q: CrashLoopBackOff, 4 restarts, last exit "
          "OOMKilled (137)");
    CHECK(findings[1].advice.find("limits.memory") != std::string::npos);
    CHECK(findings[2].what.find("ImagePullBackOff: Back-off pulling image") != std::string::npos);
    CHECK(findings[2].advice.find("server.image") != std::string::npos);
    CHECK(findings[3].what.find("event FailedMount (x3) pod/tf-serving-deployment-7b5c8c6d9f-x2k4q") == 0);
    CHECK(findings[3].advice.find("model folder is not mounted") != std::string::npos);
    CHECK(findings[4].what.find("event BackOff (x7)") == 0);
    CHECK(findings[5].what.find("hpa tf-serving-hpa: cpu <unknown>/20%, replicas 1 (desired 0); "
                                "ScalingActive=False FailedGetResourceMetric") == 0);
    CHECK(findings[5].advice.find("metrics-server") != std::string::npos);
  }

  TEST_CASE("a healthy workload is one line each") {
    auto d = ParseDeployment(ReadTestData("cluster/kubectl/deploy_ready.json"));
    auto h = ParseHpa(ReadTestData("cluster/kubectl/hpa_scaling.json"));
    WorkloadSnapshot s;
    s.deployment = &*d;
    s.pods = *ParsePodList(ReadTestData("cluster/kubectl/pods_running.json"));
    s.hpa = &*h;
    CHECK(Joined(Diagnose(s)) ==
          "deployment tf-serving-deployment: 1/1 ready\n"
          "hpa tf-serving-hpa: cpu 45%/20%, replicas 1 (desired 3)\n");
  }

  TEST_CASE("only the last N warning events are shown") {
    WorkloadSnapshot s;
    s.events = *ParseEventList(ReadTestData("cluster/kubectl/events.json"));
    auto findings = Diagnose(s, 1);
    REQUIRE(findings.size() == 1);
    CHECK(findings[0].what.find("event BackOff") == 0);
  }

  TEST_CASE("DiagnoseWorkload gathers through kubectl, a missing HPA is a finding") {
    FakeProcessRunner fake;
    Argv k = {"kubectl", "--context", "tfsk", "--namespace", "default"};
    auto with = [&](std::initializer_list<std::string> rest) {
      Argv a = k;
      a.insert(a.end(), rest);
      return a;
    };
    fake.Expect(with({"get", "deployment", "tf-serving-deployment", "-o", "json"}))
        .Stdout(ReadTestData("cluster/kubectl/deploy_stuck.json"));
    fake.Expect(with({"get", "pods", "-l", "app=tf-serving", "-o", "json"}))
        .Stdout(ReadTestData("cluster/kubectl/pods_failing.json"));
    fake.Expect(with({"get", "events", "-o", "json"})).Stdout(ReadTestData("cluster/kubectl/events.json"));
    fake.Expect(with({"get", "hpa", "tf-serving-hpa", "-o", "json"}))
        .Stderr(ReadTestData("cluster/kubectl/get_hpa_not_found.stderr"))
        .ExitCode(1);
    Kubectl kubectl(fake, {"tfsk", "default"});
    auto findings = DiagnoseWorkload(kubectl, "tf-serving-deployment", "app=tf-serving", "tf-serving-hpa");
    REQUIRE(findings.ok());
    CHECK(findings->front().what.find("hpa tf-serving-hpa: `kubectl") == 0);
    CHECK(findings->size() == 6);
    fake.VerifyAllConsumed();
  }

  TEST_CASE("DiagnoseWorkload fails when the cluster cannot be reached") {
    FakeProcessRunner fake;
    fake.Expect({"kubectl", "--context", "tfsk", "--namespace", "default", "get", "deployment", "d", "-o", "json"})
        .Stderr(ReadTestData("cluster/kubectl/connection_refused.stderr"))
        .ExitCode(1);
    Kubectl kubectl(fake, {"tfsk", "default"});
    auto findings = DiagnoseWorkload(kubectl, "d", "app=x", "");
    REQUIRE_FALSE(findings.ok());
    CHECK(ReasonIdIn(findings.status()) == "K_CONNECTION_REFUSED");
  }
}

}  // namespace
}  // namespace tfsk::cluster
