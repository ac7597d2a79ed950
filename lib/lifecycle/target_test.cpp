#include "lib/lifecycle/target.h"

#include <doctest/doctest.h>

namespace tfsk::lifecycle {

TEST_SUITE("lifecycle") {
  TEST_CASE("the flag wins over the config, the config over detection") {
    auto t = ChooseTarget("local", "minikube", "tfsk.yaml:3:3", true);
    REQUIRE(t.ok());
    CHECK(t->kind == TargetKind::kLocal);
    CHECK(t->reason == "--target local");
    t = ChooseTarget("", "kube", "tfsk.yaml:3:3", true);
    REQUIRE(t.ok());
    CHECK(t->kind == TargetKind::kKube);
    CHECK(t->reason.find("tfsk.yaml:3:3") != std::string::npos);
  }

  TEST_CASE("without a configured target: minikube when its command exists, else local") {
    auto t = ChooseTarget("", "", "", true);
    REQUIRE(t.ok());
    CHECK(t->kind == TargetKind::kMinikube);
    CHECK(t->reason.find("minikube command is on PATH") != std::string::npos);
    t = ChooseTarget("", "", "", false);
    REQUIRE(t.ok());
    CHECK(t->kind == TargetKind::kLocal);
  }

  TEST_CASE("an unknown target name is InvalidArgument naming where it came from") {
    auto t = ChooseTarget("minikub", "", "", false);
    REQUIRE_FALSE(t.ok());
    CHECK(t.status().message().find("--target") != std::string::npos);
    CHECK(TargetName(TargetKind::kMinikube) == "minikube");
  }
}

}  // namespace tfsk::lifecycle
