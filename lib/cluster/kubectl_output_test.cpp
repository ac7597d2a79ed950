// kubectl's line formats and object JSON, from tests/testdata/cluster/kubectl/.
#include <doctest/doctest.h>

#include "lib/cluster/kubectl_output.h"
#include "lib/cluster/workload_status.h"
#include "tests/support/fake_process_runner.h"

namespace tfsk::cluster {
namespace {

using testing::ReadTestData;

TEST_SUITE("KubectlOutput") {
  TEST_CASE("apply: first run creates every object") {
    auto objs = ParseApplyOutput(ReadTestData("cluster/kubectl/apply_created.stdout"));
    REQUIRE(objs.size() == 4);
    CHECK(objs[0].kind == "configmap");
    CHECK(objs[0].group.empty());
    CHECK(objs[0].name == "tfsk-config");
    CHECK(objs[1].kind == "deployment");
    CHECK(objs[1].group == "apps");
    CHECK(objs[1].name == "tf-serving-deployment");
    CHECK(objs[3].kind == "horizontalpodautoscaler");
    CHECK(objs[3].group == "autoscaling");
    for (const auto& o : objs) CHECK(o.action == ApplyAction::kCreated);
    CHECK(SummarizeApply(objs) == "4 created");
  }

  TEST_CASE("apply: re-run and edit") {
    auto same = ParseApplyOutput(ReadTestData("cluster/kubectl/apply_unchanged.stdout"));
    CHECK(SummarizeApply(same) == "4 unchanged");
    auto edited = ParseApplyOutput(ReadTestData("cluster/kubectl/apply_configured.stdout"));
    CHECK(edited[1].action == ApplyAction::kConfigured);
    CHECK(SummarizeApply(edited) == "1 configured, 3 unchanged");
  }

  TEST_CASE("apply: dry run suffix and unknown wording") {
    auto dry = ParseApplyOutput(ReadTestData("cluster/kubectl/apply_dry_run_server.stdout"));
    REQUIRE(dry.size() == 4);
    CHECK(dry[0].dry_run);
    CHECK(dry[0].action == ApplyAction::kCreated);
    CHECK(dry[0].name == "tfsk-config");
    auto odd = ParseApplyOutput("deployment.apps/x serverside-applied\nsomething else\n");
    CHECK(odd[0].action == ApplyAction::kServerSideApplied);
    CHECK(odd[1].action == ApplyAction::kOther);
    CHECK(odd[1].line == "something else");
    CHECK(SummarizeApply({}) == "nothing applied");
  }

  TEST_CASE("client version (captured from the installed kubectl)") {
    auto v = ParseKubectlClientVersion(ReadTestData("cluster/kubectl/version_client.json"));
    REQUIRE(v.ok());
    CHECK(v->major == 1);
    CHECK(v->minor == 32);
    CHECK(v->text == "v1.32.4-dispatcher");
    CHECK_FALSE(ParseKubectlClientVersion("{}").ok());
  }

  TEST_CASE("top pods header means metrics are served") {
    CHECK(TopPodsHasMetrics(ReadTestData("cluster/kubectl/top_pods.stdout")));
    CHECK_FALSE(TopPodsHasMetrics(""));
  }
}

TEST_SUITE("WorkloadStatus") {
  TEST_CASE("hpa scaling: replicas, CPU current/target, conditions") {
    auto h = ParseHpa(ReadTestData("cluster/kubectl/hpa_scaling.json"));
    REQUIRE(h.ok());
    CHECK(h->name == "tf-serving-hpa");
    CHECK(h->target == "Deployment/tf-serving-deployment");
    CHECK(h->min_replicas == 1);
    CHECK(h->max_replicas == 3);
    CHECK(h->current_replicas == 1);
    CHECK(h->desired_replicas == 3);
    CHECK(h->cpu_current_percent == 45);
    CHECK(h->cpu_target_percent == 20);
    CHECK(h->Targets() == "45%/20%");
    CHECK_FALSE(h->ScalingInactive());
    CHECK(h->ScalingActiveMessage().find("successfully calculate a replica count") != std::string::npos);
    REQUIRE(FindCondition(h->conditions, "ScalingLimited") != nullptr);
    CHECK(FindCondition(h->conditions, "ScalingLimited")->reason == "TooManyReplicas");
  }

  TEST_CASE("hpa without metrics: <unknown>, ScalingActive False with the reason") {
    auto h = ParseHpa(ReadTestData("cluster/kubectl/hpa_unknown.json"));
    REQUIRE(h.ok());
    CHECK_FALSE(h->cpu_current_percent.has_value());  // the zero-value {"type": ""} entry
    CHECK(h->Targets() == "<unknown>/20%");
    CHECK(h->ScalingInactive());
    CHECK(h->ScalingActiveMessage().find("get pods.metrics.k8s.io") != std::string::npos);
    CHECK(h->desired_replicas == 0);
  }

  TEST_CASE("hpa just created: no status details") {
    auto h = ParseHpa(ReadTestData("cluster/kubectl/hpa_new.json"));
    REQUIRE(h.ok());
    CHECK(h->conditions.empty());
    CHECK(h->ScalingActiveMessage().empty());
    CHECK(h->Targets() == "<unknown>/20%");
  }

  TEST_CASE("a Deployment where an HPA was expected is an error") {
    auto h = ParseHpa(ReadTestData("cluster/kubectl/deploy_ready.json"));
    REQUIRE_FALSE(h.ok());
    CHECK(h.status().message().find("got kind \"Deployment\"") != std::string::npos);
  }

  TEST_CASE("deployment ready") {
    auto d = ParseDeployment(ReadTestData("cluster/kubectl/deploy_ready.json"));
    REQUIRE(d.ok());
    CHECK(d->desired == 1);
    CHECK(d->ready == 1);
    CHECK(d->available == 1);
    CHECK(d->Complete());
    CHECK_FALSE(d->ProgressDeadlineExceeded());
  }

  TEST_CASE("deployment stuck: zero counts omitted, progress deadline exceeded") {
    auto d = ParseDeployment(ReadTestData("cluster/kubectl/deploy_stuck.json"));
    REQUIRE(d.ok());
    CHECK(d->desired == 2);
    CHECK(d->ready == 0);
    CHECK(d->available == 0);
    CHECK(d->unavailable == 2);
    CHECK_FALSE(d->Complete());
    CHECK(d->ProgressDeadlineExceeded());
    CHECK(FindCondition(d->conditions, "Available")->reason == "MinimumReplicasUnavailable");
  }

  TEST_CASE("pods: running and ready") {
    auto pods = ParsePodList(ReadTestData("cluster/kubectl/pods_running.json"));
    REQUIRE(pods.ok());
    REQUIRE(pods->size() == 1);
    CHECK((*pods)[0].ready);
    CHECK((*pods)[0].phase == "Running");
    CHECK((*pods)[0].Restarts() == 0);
    CHECK((*pods)[0].containers[0].state == "running");
  }

  TEST_CASE("pods: waiting reasons, restarts, last termination") {
    auto pods = ParsePodList(ReadTestData("cluster/kubectl/pods_failing.json"));
    REQUIRE(pods.ok());
    REQUIRE(pods->size() == 2);
    const auto& crash = (*pods)[0];
    CHECK_FALSE(crash.ready);
    CHECK(crash.Restarts() == 4);
    CHECK(crash.containers[0].waiting_reason == "CrashLoopBackOff");
    CHECK(crash.containers[0].last_terminated_reason == "OOMKilled");
    CHECK(crash.containers[0].last_exit_code == 137);
    CHECK(crash.Blocker() == "CrashLoopBackOff");
    const auto& pull = (*pods)[1];
    CHECK(pull.phase == "Pending");
    CHECK(pull.Blocker() == "ImagePullBackOff");
    CHECK(pull.containers[0].waiting_message.find("Back-off pulling image") != std::string::npos);
  }

  TEST_CASE("pods: empty list") {
    auto pods = ParsePodList(ReadTestData("cluster/kubectl/pods_empty.json"));
    REQUIRE(pods.ok());
    CHECK(pods->empty());
  }

  TEST_CASE("pods: a pending pod without containers reports its unmet condition") {
    auto pods = ParsePodList(R"({"kind":"List","items":[{"metadata":{"name":"p"},"status":{"phase":"Pending",
      "conditions":[{"type":"PodScheduled","status":"False","reason":"Unschedulable","message":"0/1 nodes are available: 1 Insufficient cpu."}]}}]})");
    REQUIRE(pods.ok());
    CHECK((*pods)[0].Blocker() == "Unschedulable");
  }

  TEST_CASE("events: sorted oldest first, with counts and objects") {
    auto events = ParseEventList(ReadTestData("cluster/kubectl/events.json"));
    REQUIRE(events.ok());
    REQUIRE(events->size() == 3);
    CHECK(events->front().reason == "Scheduled");
    CHECK((*events)[1].reason == "FailedMount");
    CHECK((*events)[1].type == "Warning");
    CHECK((*events)[1].count == 3);
    CHECK((*events)[1].object_kind == "Pod");
    CHECK((*events)[1].message.find("hostPath type check failed") != std::string::npos);
    CHECK(events->back().reason == "BackOff");
  }

  TEST_CASE("garbage is InvalidArgument naming what was parsed") {
    auto bad = ParsePodList("error: not json");
    REQUIRE_FALSE(bad.ok());
    CHECK(bad.status().code() == Code::kInvalidArgument);
    CHECK(bad.status().message().find("List JSON") != std::string::npos);
  }
}

}  // namespace
}  // namespace tfsk::cluster
