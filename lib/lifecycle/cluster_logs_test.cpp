// `tfsk logs` on a cluster: the pods tfsk applied, their logs once or followed until Ctrl-C.
#include "lib/lifecycle/cluster_logs.h"

#include <doctest/doctest.h>

#include "lib/lifecycle/test_fixture.h"

namespace tfsk::lifecycle {
namespace {

using namespace test;

const Argv kPods = Kubectl({"get", "pods", "-l", kSelector, "-o", "json"});

// Pods exist, and `kubectl logs -f` is started and writes `lines`; `blocks`: it keeps running
// after them (until stopped) instead of exiting.
void ExpectFollow(Rig& r, const std::string& lines, bool blocks) {
  r.fake.Expect(kPods).Stdout(Data("cluster/kubectl/pods_running.json"));
  r.fake
      .Expect(Kubectl(
          {"logs", "-l", kSelector, "--tail=100", "--prefix", "-f", "--max-log-requests=100"}))
      .Stdout(lines)
      .Started(blocks);
}

TEST_SUITE("LogsCluster") {
  TEST_CASE("prints the last lines of every pod, prefixed by kubectl") {
    Rig r;
    r.fake.Expect(kPods).Stdout(Data("cluster/kubectl/pods_running.json"));
    r.fake.Expect(Kubectl({"logs", "-l", kSelector, "--tail=30", "--prefix"}))
        .Stdout("[pod/tf-serving-deployment-6d7f/tf-serving] I0110 Running gRPC ModelServer\n");
    std::ostringstream out;
    ClusterLogsOptions logs;
    logs.tail = 30;
    Status s = LogsCluster(LabConfig(), r.drivers, r.options, logs, out);
    REQUIRE_MESSAGE(s.ok(), s.message());
    r.fake.VerifyAllConsumed();
    CHECK(out.str().find("Running gRPC ModelServer") != std::string::npos);
  }

  TEST_CASE("follow streams lines until kubectl ends") {
    Rig r;
    ExpectFollow(r, "a\nb\n", /*blocks=*/false);
    std::ostringstream out;
    ClusterLogsOptions logs;
    logs.follow = true;
    Status s = LogsCluster(LabConfig(), r.drivers, r.options, logs, out);
    REQUIRE_MESSAGE(s.ok(), s.message());
    CHECK(out.str() == "a\nb\n");
    r.fake.VerifyAllConsumed();
  }

  TEST_CASE("follow stops its kubectl child on Ctrl-C") {
    Rig r;
    ExpectFollow(r, "a\n", /*blocks=*/true);
    std::ostringstream out;
    int asked = 0;
    r.options.interrupted = [&] { return ++asked > 3; };
    ClusterLogsOptions logs;
    logs.follow = true;
    Status s = LogsCluster(LabConfig(), r.drivers, r.options, logs, out);
    REQUIRE_MESSAGE(s.ok(), s.message());
    CHECK(out.str() == "a\n");
    REQUIRE(r.fake.children().size() == 1);
    CHECK(r.fake.children()[0]->stopped);
  }

  TEST_CASE("no pods: says to deploy first") {
    Rig r;
    r.fake.Expect(kPods).Stdout(Data("cluster/kubectl/pods_empty.json"));
    std::ostringstream out;
    Status s = LogsCluster(LabConfig(), r.drivers, r.options, {}, out);
    CHECK(s.code() == Code::kNotFound);
    CHECK(s.message().find("tfsk up") != std::string::npos);
  }
}

}  // namespace
}  // namespace tfsk::lifecycle
