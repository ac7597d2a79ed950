// `minikube start --output=json` progress: parsing the CloudEvents lines, and the driver that
// streams them.
#include <doctest/doctest.h>

#include <sstream>

#include "lib/cluster/minikube.h"
#include "lib/cluster/minikube_events.h"
#include "tests/support/fake_process_runner.h"

namespace tfsk::cluster {
namespace {

using testing::FakeProcessRunner;
using testing::ReadTestData;

std::vector<MinikubeEvent> ParseAll(const std::string& text) {
  std::vector<MinikubeEvent> events;
  std::istringstream in(text);
  std::string line;
  while (std::getline(in, line)) {
    if (auto e = ParseMinikubeEvent(line)) events.push_back(*e);
  }
  return events;
}

const StartSpec kSpec{"docker", "", "", "/home/u/models", "/var/tmp/models", ""};
const Argv kArgv = {"minikube", "-p", "tfsk", "start", "--driver=docker", "--mount",
                    "--mount-string=/home/u/models:/var/tmp/models", "--output=json"};

TEST_SUITE("MinikubeEvents") {
  TEST_CASE("step events: names, numbers, messages without the newline") {
    auto events = ParseAll(ReadTestData("cluster/minikube/start_progress.stdout"));
    REQUIRE(events.size() == 9);
    CHECK(events[0].type == "step");
    CHECK(events[0].name == "Initial Minikube Setup");
    CHECK(events[0].message == "[tfsk] minikube v1.37.0 on Debian 12");
    CHECK(events[0].total_steps == 19);
    CHECK(events[3].type == "error");  // the verbatim data-less sample from a real session
    CHECK(events[3].message.find("configure a proxy") != std::string::npos);
    CHECK_FALSE(events[3].exit_code.has_value());
    CHECK(events.back().name == "Done");
    CHECK(events.back().current_step == 19);
    CHECK(events[2].ProgressLine() ==
          "[3/19] Starting Node: Starting \"tfsk\" primary control-plane node in \"tfsk\" cluster");
  }

  TEST_CASE("error event: reason ID, exit code") {
    auto events = ParseAll(ReadTestData("cluster/minikube/start_progress_mount_conflict.stdout"));
    REQUIRE(events.size() == 2);
    CHECK(events[1].type == "error");
    CHECK(events[1].name == "GUEST_MOUNT_CONFLICT");
    CHECK(events[1].exit_code == 81);
  }

  TEST_CASE("non-events are skipped") {
    CHECK_FALSE(ParseMinikubeEvent("").has_value());
    CHECK_FALSE(ParseMinikubeEvent("* plain text").has_value());
    CHECK_FALSE(ParseMinikubeEvent("{\"type\":\"something.else\"}").has_value());
    CHECK_FALSE(ParseMinikubeEvent("{broken").has_value());
  }

  TEST_CASE("StartWithProgress streams every event to the callback") {
    FakeProcessRunner fake;
    fake.Expect(kArgv).Started(/*blocks=*/false).Stdout(ReadTestData("cluster/minikube/start_progress.stdout"));
    Minikube mk(fake, "tfsk");
    std::vector<std::string> steps;
    Status s = mk.StartWithProgress(kSpec, [&](const MinikubeEvent& e) {
      if (e.type == "step") steps.push_back(e.name);
    });
    CHECK(s.ok());
    CHECK(steps.size() == 8);
    CHECK(steps.back() == "Done");
    fake.VerifyAllConsumed();
  }

  TEST_CASE("StartWithProgress: an error event becomes the catalogue's explanation") {
    FakeProcessRunner fake;
    fake.Expect(kArgv)
        .Started(/*blocks=*/false)
        .Stdout(ReadTestData("cluster/minikube/start_progress_mount_conflict.stdout"))
        .ExitCode(81);
    Minikube mk(fake, "tfsk");
    Status s = mk.StartWithProgress(kSpec, {});
    CHECK(s.code() == Code::kFailedPrecondition);
    CHECK(s.message().find("[GUEST_MOUNT_CONFLICT]") != std::string::npos);
    CHECK(s.message().find("X GUEST_MOUNT_CONFLICT: Sorry, docker does not allow mounts") != std::string::npos);
    CHECK(s.message().find("fix: `minikube delete -p tfsk`") != std::string::npos);
  }

  TEST_CASE("StartWithProgress: a start that never finishes is stopped at the deadline") {
    FakeProcessRunner fake;
    fake.Expect(kArgv).Started(/*blocks=*/true).Stdout("");
    MinikubeOptions options;
    options.start_timeout = std::chrono::seconds(0);
    Minikube mk(fake, "tfsk", options);
    Status s = mk.StartWithProgress(kSpec, {});
    CHECK(s.code() == Code::kDeadlineExceeded);
    CHECK(fake.children().at(0)->stopped);
  }
}

}  // namespace
}  // namespace tfsk::cluster
