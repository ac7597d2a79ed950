// `minikube profile list -o json` and the mount-conflict check built on it.
#include <doctest/doctest.h>

#include "lib/cluster/minikube.h"
#include "lib/cluster/minikube_profiles.h"
#include "tests/support/fake_process_runner.h"

namespace tfsk::cluster {
namespace {

using testing::FakeProcessRunner;
using testing::ReadTestData;

TEST_SUITE("MinikubeProfiles") {
  TEST_CASE("profiles with driver, mounts and resources") {
    auto profiles = ParseProfileList(ReadTestData("cluster/minikube/profile_list.json"));
    REQUIRE(profiles.ok());
    REQUIRE(profiles->size() == 2);
    const auto& kic = (*profiles)[0];
    CHECK(kic.name == "tfsk");
    CHECK(kic.driver == "docker");
    CHECK(kic.CurrentMount() == "/home/u/models:/var/tmp/models");
    CHECK(kic.cpus == 2);
    CHECK(kic.memory_mb == 4096);
    CHECK(kic.kubernetes_version == "v1.34.0");
    const auto& vm = (*profiles)[1];
    CHECK(vm.driver == "virtualbox");
    CHECK(vm.container_volume_mounts.empty());  // null in the JSON
    CHECK(vm.CurrentMount() == "/home/u/models:/var/tmp/models");
    CHECK(ParseProfileList("")->empty());
    CHECK(ParseProfileList("{}")->empty());
    CHECK_FALSE(ParseProfileList("* no").ok());
  }

  TEST_CASE("a different mount conflicts only on docker/podman") {
    auto profiles = *ParseProfileList(ReadTestData("cluster/minikube/profile_list.json"));
    CHECK_FALSE(MountConflict(profiles[0], "/home/u/models:/var/tmp/models").has_value());
    auto conflict = MountConflict(profiles[0], "/home/u/other:/var/tmp/models");
    REQUIRE(conflict.has_value());
    CHECK(conflict->find("`minikube delete -p tfsk`") != std::string::npos);
    CHECK_FALSE(MountConflict(profiles[1], "/home/u/other:/var/tmp/models").has_value());
  }

  TEST_CASE("Minikube::Profile finds this profile or nothing") {
    FakeProcessRunner fake;
    fake.Expect({"minikube", "profile", "list", "-o", "json"})
        .Stdout(ReadTestData("cluster/minikube/profile_list.json"));
    fake.Expect({"minikube", "profile", "list", "-o", "json"})
        .Stdout(ReadTestData("cluster/minikube/profile_list.json"));
    fake.Expect({"minikube", "profile", "list", "-o", "json"}).ExitCode(85);
    Minikube tfsk(fake, "tfsk");
    Minikube other(fake, "other");
    auto found = tfsk.Profile();
    REQUIRE(found.ok());
    REQUIRE(found->has_value());
    CHECK((*found)->driver == "docker");
    CHECK_FALSE(other.Profile()->has_value());
    CHECK_FALSE(tfsk.Profile()->has_value());
    fake.VerifyAllConsumed();
  }
}

}  // namespace
}  // namespace tfsk::cluster
