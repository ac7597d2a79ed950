// `tfsk up` on minikube against the scripted runner: exact argv, canned real outputs.
#include "lib/lifecycle/minikube_up.h"

#include <doctest/doctest.h>

#include "lib/cluster/reasons.h"
#include "lib/lifecycle/test_fixture.h"

namespace tfsk::lifecycle {
namespace {

using namespace test;

// A running cluster created with the lab's mount, metrics-server on and answering.
void ExpectRunningCluster(Rig& r) {
  r.fake.Expect(kStatus).Stdout(Data("cluster/minikube/status_running.json"));
  r.fake.Expect(kProfiles).Stdout(Data("cluster/minikube/profile_list.json"));
  r.fake.Expect(kAddons).Stdout(Data("cluster/minikube/addons_list_metrics_enabled.json"));
  r.fake.Expect(kTop).Stdout(Data("cluster/kubectl/top_pods.stdout"));
}

TEST_SUITE("UpMinikube") {
  TEST_CASE("fresh machine: start with the mount, enable metrics, wait, apply, rollout, URL") {
    Rig r;
    r.fake.Expect(kStatus)
        .Stdout(Data("cluster/minikube/status_missing_profile.stdout"))
        .ExitCode(85);
    r.fake.Expect(kProfiles).ExitCode(85);
    r.fake.Expect(kStart).Stdout(Data("cluster/minikube/start.stdout"));
    r.fake.Expect(kAddons).Stdout(Data("cluster/minikube/addons_list.json"));
    r.fake.Expect(kEnable).Stdout(Data("cluster/minikube/addons_enable_metrics_server.stdout"));
    r.fake.Expect(kTop)
        .Stderr(Data("cluster/kubectl/top_metrics_api_not_available.stderr"))
        .ExitCode(1);
    r.fake.Expect(kTop).Stdout(Data("cluster/kubectl/top_pods.stdout"));
    r.fake.Expect(kApplyCheck).Stdout(Data("cluster/kubectl/apply_dry_run_server.stdout"));
    r.fake.Expect(kApply).Stdout(Data("cluster/kubectl/apply_created.stdout"));
    r.fake.Expect(kRollout).Stdout(Data("cluster/kubectl/rollout_ok.stdout"));
    r.fake.Expect(kIp).Stdout(Data("cluster/minikube/ip.stdout"));

    auto up = UpMinikube(LabConfig(), r.drivers, r.progress, r.options);
    REQUIRE_MESSAGE(up.ok(), up.status().message());
    r.fake.VerifyAllConsumed();
    CHECK(up->started_cluster);
    CHECK_FALSE(up->UpToDate());
    CHECK(up->url == "http://192.168.49.2:30001");
    CHECK(r.sleeps == 1);
    CHECK(ApplySummary(up->applied) == "created 4");
    // The manifests went to kubectl on stdin.
    const auto calls = r.fake.calls();
    CHECK(calls[8].stdin_text.find("kind: Deployment") != std::string::npos);
    const std::string text = r.out.str();
    CHECK(text.find("[  0.0s] cluster tfsk: not created; starting") != std::string::npos);
    CHECK(text.find("metrics-server: enabling the addon") != std::string::npos);
    CHECK(text.find("Metrics API not answering yet (try 1") != std::string::npos);
    CHECK(text.find("apply: created 4") != std::string::npos);
    CHECK(text.find("url: http://192.168.49.2:30001/v1/models/half_plus_two") != std::string::npos);
    // State: what was applied, where, and the URL.
    auto st = LoadDeployState(r.project.path());
    REQUIRE(st.ok());
    REQUIRE(st->has_value());
    CHECK((*st)->context == "tfsk");
    CHECK((*st)->selector == kSelector);
    CHECK((*st)->url == "http://192.168.49.2:30001");
    CHECK((*st)->objects.size() == 4);
  }

  TEST_CASE("already running and up to date: no start, no enable, reports unchanged") {
    Rig r;
    ExpectRunningCluster(r);
    r.fake.Expect(kApplyCheck).Stdout(Data("cluster/kubectl/apply_dry_run_server.stdout"));
    r.fake.Expect(kApply).Stdout(Data("cluster/kubectl/apply_unchanged.stdout"));
    r.fake.Expect(kRollout).Stdout(Data("cluster/kubectl/rollout_ok.stdout"));
    r.fake.Expect(kIp).Stdout(Data("cluster/minikube/ip.stdout"));
    auto up = UpMinikube(LabConfig(), r.drivers, r.progress, r.options);
    REQUIRE_MESSAGE(up.ok(), up.status().message());
    r.fake.VerifyAllConsumed();
    CHECK_FALSE(up->started_cluster);
    CHECK(up->UpToDate());
    CHECK(r.out.str().find("cluster tfsk: running (reused)") != std::string::npos);
    CHECK(r.out.str().find("apply: unchanged 4") != std::string::npos);
    CHECK(r.out.str().find("already up to date (unchanged)") != std::string::npos);
  }

  TEST_CASE("a missing tool fails first, with the install hint") {
    Rig r;
    r.fake.MarkMissing("kubectl");
    auto up = UpMinikube(LabConfig(), r.drivers, r.progress, r.options);
    REQUIRE_FALSE(up.ok());
    CHECK(up.status().code() == Code::kNotFound);
    CHECK(up.status().message().find("kubectl") != std::string::npos);
    CHECK(up.status().message().find("fix:") != std::string::npos);
    CHECK(r.fake.calls().empty());
  }

  TEST_CASE("mount conflict with an existing docker cluster: no start, says delete") {
    Rig r;
    config::Config c = LabConfig();
    c.model.path = "/home/u/other";
    c.cluster.mount.host = "/home/u/other";
    r.fake.Expect(kStatus).Stdout(Data("cluster/minikube/status_stopped.json")).ExitCode(7);
    r.fake.Expect(kProfiles).Stdout(Data("cluster/minikube/profile_list.json"));
    auto up = UpMinikube(c, r.drivers, r.progress, r.options);
    REQUIRE_FALSE(up.ok());
    r.fake.VerifyAllConsumed();
    CHECK(up.status().code() == Code::kFailedPrecondition);
    CHECK(up.status().message().find("minikube") != std::string::npos);
    CHECK(up.status().message().find("delete") != std::string::npos);
  }

  TEST_CASE("mount conflict found by minikube itself (exit 81) carries the reason") {
    Rig r;
    r.fake.Expect(kStatus)
        .Stdout(Data("cluster/minikube/status_missing_profile.stdout"))
        .ExitCode(85);
    r.fake.Expect(kProfiles).ExitCode(85);
    r.fake.Expect(kStart).Stderr(Data("cluster/minikube/start_mount_conflict.stderr")).ExitCode(81);
    auto up = UpMinikube(LabConfig(), r.drivers, r.progress, r.options);
    REQUIRE_FALSE(up.ok());
    r.fake.VerifyAllConsumed();
    CHECK(cluster::ReasonIdIn(up.status()) == std::optional<std::string>("GUEST_MOUNT_CONFLICT"));
  }

  TEST_CASE("metrics-server never ready: bounded wait, then advice") {
    Rig r;
    r.fake.Expect(kStatus).Stdout(Data("cluster/minikube/status_running.json"));
    r.fake.Expect(kProfiles).Stdout(Data("cluster/minikube/profile_list.json"));
    r.fake.Expect(kAddons).Stdout(Data("cluster/minikube/addons_list.json"));
    r.fake.Expect(kEnable).Stdout(Data("cluster/minikube/addons_enable_metrics_server.stdout"));
    // metrics_timeout 10 s, poll 5 s: tries at 0, 5 and 10 s.
    for (int i = 0; i < 3; ++i) {
      r.fake.Expect(kTop)
          .Stderr(Data("cluster/kubectl/top_metrics_api_not_available.stderr"))
          .ExitCode(1);
    }
    auto up = UpMinikube(LabConfig(), r.drivers, r.progress, r.options);
    REQUIRE_FALSE(up.ok());
    r.fake.VerifyAllConsumed();
    CHECK(up.status().code() == Code::kDeadlineExceeded);
    CHECK(up.status().message().find("describe deploy/metrics-server") != std::string::npos);
    CHECK(r.sleeps == 2);
  }

  TEST_CASE("rollout stuck: the error and the notes say why") {
    Rig r;
    ExpectRunningCluster(r);
    r.fake.Expect(kApplyCheck).Stdout(Data("cluster/kubectl/apply_dry_run_server.stdout"));
    r.fake.Expect(kApply).Stdout(Data("cluster/kubectl/apply_configured.stdout"));
    r.fake.Expect(kRollout)
        .Stdout(Data("cluster/kubectl/rollout_timeout.stdout"))
        .Stderr(Data("cluster/kubectl/rollout_timeout.stderr"))
        .ExitCode(1);
    r.fake.Expect(Kubectl({"get", "deployment", "tf-serving-deployment", "-o", "json"}))
        .Stdout(Data("cluster/kubectl/deploy_stuck.json"));
    r.fake.Expect(Kubectl({"get", "pods", "-l", kSelector, "-o", "json"}))
        .Stdout(Data("cluster/kubectl/pods_failing.json"));
    r.fake.Expect(Kubectl({"get", "events", "-o", "json"}))
        .Stdout(Data("cluster/kubectl/events.json"));
    r.fake.Expect(Kubectl({"get", "hpa", "tf-serving-hpa", "-o", "json"}))
        .Stdout(Data("cluster/kubectl/hpa_unknown.json"));
    auto up = UpMinikube(LabConfig(), r.drivers, r.progress, r.options);
    REQUIRE_FALSE(up.ok());
    r.fake.VerifyAllConsumed();
    CHECK(up.status().message().find("\nwhy:") != std::string::npos);
    CHECK(r.out.str().find("why: ") != std::string::npos);
    // The state file already records what was applied, so `tfsk down` can clean up.
    auto st = LoadDeployState(r.project.path());
    REQUIRE(st.ok());
    CHECK(st->has_value());
  }

  TEST_CASE("a manifest the API server refuses: nothing applied, the server's words, no state") {
    Rig r;
    ExpectRunningCluster(r);
    r.fake.Expect(kApplyCheck)
        .Stderr(Data("cluster/kubectl/apply_strict_error.stderr"))
        .ExitCode(1);
    auto up = UpMinikube(LabConfig(), r.drivers, r.progress, r.options);
    REQUIRE_FALSE(up.ok());
    r.fake.VerifyAllConsumed();  // no real apply, no rollout
    CHECK(up.status().message().find(
              "unknown field \"spec.template.spec.containers[0].ports[0].bogusField\"") !=
          std::string::npos);
    CHECK(up.status().message().find("nothing was applied") != std::string::npos);
    CHECK(cluster::ReasonIdIn(up.status()) == "K_UNKNOWN_FIELD");
    auto st = LoadDeployState(r.project.path());
    REQUIRE(st.ok());
    CHECK_FALSE(st->has_value());
  }

  TEST_CASE("docker driver on macOS: no URL, the note says tfsk url holds a tunnel") {
    Rig r;
    r.options.host.os = "darwin";
    ExpectRunningCluster(r);
    r.fake.Expect(kApplyCheck).Stdout(Data("cluster/kubectl/apply_dry_run_server.stdout"));
    r.fake.Expect(kApply).Stdout(Data("cluster/kubectl/apply_unchanged.stdout"));
    r.fake.Expect(kRollout).Stdout(Data("cluster/kubectl/rollout_ok.stdout"));
    auto up = UpMinikube(LabConfig(), r.drivers, r.progress, r.options);
    REQUIRE_MESSAGE(up.ok(), up.status().message());
    r.fake.VerifyAllConsumed();
    CHECK(up->needs_tunnel);
    CHECK(up->url.empty());
    CHECK(r.out.str().find("tfsk url") != std::string::npos);
  }
}

}  // namespace
}  // namespace tfsk::lifecycle
