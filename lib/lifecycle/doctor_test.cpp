// `tfsk doctor`: each of the ten checks, PASS and FAIL (or WARN where failing is not ours to say).
#include "lib/lifecycle/doctor.h"

#include <doctest/doctest.h>

#include <fstream>

#include "lib/lifecycle/test_fixture.h"

namespace tfsk::lifecycle {
namespace {

using namespace test;

const CheckResult& Find(const std::vector<CheckResult>& checks, const std::string& id) {
  for (const auto& c : checks) {
    if (c.id == id) return c;
  }
  FAIL("no check " << id);
  return checks.front();
}

// A model folder at a real path, and the config pointing at it with the profile's mount.
config::Config ConfigWithModel(const std::filesystem::path& dir) {
  std::filesystem::create_directories(dir / "1");
  std::ofstream(dir / "1" / "saved_model.pb") << "x";
  config::Config c = LabConfig();
  c.model.path = dir;
  c.cluster.mount.host = dir;
  return c;
}

void ExpectTools(Rig& r) {
  r.fake.Expect({"minikube", "version", "--short"}).Stdout(Data("cluster/minikube/version_short.stdout"));
  r.fake.Expect({"kubectl", "version", "--client", "-o", "json"})
      .Stdout(Data("cluster/kubectl/version_client.json"));
}

TEST_SUITE("Doctor") {
  TEST_CASE("healthy lab: ten checks, all PASS") {
    Rig r;
    ExpectTools(r);
    r.fake.Expect(kStatus).Stdout(Data("cluster/minikube/status_running.json"));
    r.fake.Expect(kProfiles).Stdout(Data("cluster/minikube/profile_list.json"));
    r.fake.Expect(kAddons).Stdout(Data("cluster/minikube/addons_list_metrics_enabled.json"));
    r.fake.Expect(kTop).Stdout(Data("cluster/kubectl/top_pods.stdout"));
    config::Config c = ConfigWithModel(r.project.path() / "models");
    c.server.resources.limits.memory = "256Mi";
    // The stored profile mounts /home/u/models; a VM-less docker profile with another mount
    // would conflict, so point the profile check at the same folder by using no profile mount.
    c.model.path = "/home/u/models";
    c.cluster.mount.host = "/home/u/models";
    auto checks = RunDoctor(c, r.drivers, r.options, {"x86_64"});
    r.fake.VerifyAllConsumed();
    REQUIRE(checks.size() == 10);
    for (const auto& ch : checks) {
      if (ch.id == "model-mount") continue;  // /home/u/models does not exist here; see below
      CHECK_MESSAGE(ch.level == CheckLevel::kPass, ch.id << ": " << ch.detail);
    }
    CHECK(DoctorText(checks).find("PASS cluster: profile tfsk") != std::string::npos);
  }

  TEST_CASE("broken lab: missing tools, metrics API silent, bad mount, arm64, no CPU request") {
    Rig r;
    r.fake.MarkMissing("minikube");
    r.fake.Expect({"kubectl", "version", "--client", "-o", "json"})
        .Stdout(Data("cluster/kubectl/version_client.json"));
    config::Config c = LabConfig();
    c.model.path = r.project.path() / "nope";
    c.server.resources.requests.cpu = "";
    auto checks = RunDoctor(c, r.drivers, r.options, {"arm64"});
    r.fake.VerifyAllConsumed();
    REQUIRE(checks.size() == 10);
    CHECK(Find(checks, "minikube").level == CheckLevel::kFail);
    CHECK_FALSE(Find(checks, "minikube").fix.empty());
    CHECK(Find(checks, "kubectl").level == CheckLevel::kPass);
    CHECK(Find(checks, "cluster").level == CheckLevel::kWarn);
    CHECK(Find(checks, "model-mount").level == CheckLevel::kFail);
    CHECK(Find(checks, "image-arch").level == CheckLevel::kFail);
    CHECK(Find(checks, "resources").level == CheckLevel::kFail);
    CHECK_FALSE(DoctorOk(checks));
    CHECK(DoctorJson(checks).find("\"ok\":false") != std::string::npos);
  }

  TEST_CASE("cluster checks FAIL: paused apiserver, misconfigured context, metrics API down") {
    Rig r;
    ExpectTools(r);
    r.fake.Expect(kStatus).Stdout(Data("cluster/minikube/status_paused.json")).ExitCode(2);
    r.fake.Expect(kProfiles).Stdout(Data("cluster/minikube/profile_list.json"));
    auto checks = RunDoctor(LabConfig(), r.drivers, r.options, {"x86_64"});
    r.fake.VerifyAllConsumed();
    CHECK(Find(checks, "cluster").level == CheckLevel::kFail);
    CHECK(Find(checks, "cluster").fix == "minikube -p tfsk unpause");
    CHECK(Find(checks, "metrics-api").level == CheckLevel::kWarn);

    Rig r2;
    ExpectTools(r2);
    r2.fake.Expect(kStatus).Stdout(Data("cluster/minikube/status_running.json")).ExitCode(4);
    r2.fake.Expect(kProfiles).Stdout(Data("cluster/minikube/profile_list.json"));
    auto checks2 = RunDoctor(LabConfig(), r2.drivers, r2.options, {"x86_64"});
    r2.fake.VerifyAllConsumed();
    CHECK(Find(checks2, "context").level == CheckLevel::kFail);
    CHECK(Find(checks2, "context").fix == "minikube -p tfsk update-context");

    Rig r3;
    ExpectTools(r3);
    r3.fake.Expect(kStatus).Stdout(Data("cluster/minikube/status_running.json"));
    r3.fake.Expect(kProfiles).Stdout(Data("cluster/minikube/profile_list.json"));
    r3.fake.Expect(kAddons).Stdout(Data("cluster/minikube/addons_list_metrics_enabled.json"));
    r3.fake.Expect(kTop).Stderr(Data("cluster/kubectl/top_metrics_api_not_available.stderr")).ExitCode(1);
    r3.options.host.os = "darwin";
    auto checks3 = RunDoctor(LabConfig(), r3.drivers, r3.options, {"x86_64"});
    r3.fake.VerifyAllConsumed();
    CHECK(Find(checks3, "metrics-api").level == CheckLevel::kFail);
    CHECK(Find(checks3, "endpoint").level == CheckLevel::kWarn);
    CHECK(Find(checks3, "endpoint").fix.find("tfsk url") != std::string::npos);
  }

  TEST_CASE("mount conflict with the existing profile FAILs with the delete command") {
    Rig r;
    ExpectTools(r);
    r.fake.Expect(kStatus).Stdout(Data("cluster/minikube/status_stopped.json")).ExitCode(7);
    r.fake.Expect(kProfiles).Stdout(Data("cluster/minikube/profile_list.json"));
    config::Config c = ConfigWithModel(r.project.path() / "models");
    auto checks = RunDoctor(c, r.drivers, r.options, {"x86_64"});
    r.fake.VerifyAllConsumed();
    CHECK(Find(checks, "model-mount").level == CheckLevel::kFail);
    CHECK(Find(checks, "model-mount").fix == "minikube -p tfsk delete && tfsk up");
    CHECK(Find(checks, "metrics-addon").level == CheckLevel::kWarn);
  }

  TEST_CASE("model-mount PASS and resources WARN") {
    Rig r;
    ExpectTools(r);
    r.fake.Expect(kStatus).Stdout(Data("cluster/minikube/status_missing_profile.stdout")).ExitCode(85);
    r.fake.Expect(kProfiles).ExitCode(85);
    config::Config c = ConfigWithModel(r.project.path() / "models");
    auto checks = RunDoctor(c, r.drivers, r.options, {"x86_64"});
    r.fake.VerifyAllConsumed();
    CHECK(Find(checks, "model-mount").level == CheckLevel::kPass);
    CHECK(Find(checks, "resources").level == CheckLevel::kWarn);  // 64M limit
    CHECK(Find(checks, "cluster").level == CheckLevel::kWarn);
    CHECK(DoctorOk(checks));
  }
}

}  // namespace
}  // namespace tfsk::lifecycle
