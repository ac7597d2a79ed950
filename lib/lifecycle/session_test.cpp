// What --dry-run refuses to run: exactly the commands that change the cluster.
#include "lib/lifecycle/session.h"

#include <doctest/doctest.h>

namespace tfsk::lifecycle {
namespace {

TEST_SUITE("Session") {
  TEST_CASE("ChangesSomething: writes yes, reads no") {
    CHECK(ChangesSomething({"minikube", "-p", "p", "start", "--mount"}));
    CHECK(ChangesSomething({"/usr/bin/minikube", "-p", "p", "stop"}));
    CHECK(ChangesSomething({"minikube", "-p", "p", "addons", "enable", "metrics-server"}));
    CHECK(ChangesSomething({"minikube", "-p", "p", "image", "load", "/p/.tfsk/images/k.tar"}));
    CHECK(ChangesSomething({"kubectl", "--context", "c", "--namespace", "n", "apply", "-f", "-"}));
    CHECK(ChangesSomething({"kubectl", "--context", "c", "--namespace", "n", "delete", "hpa"}));
    CHECK_FALSE(ChangesSomething({"minikube", "-p", "p", "status", "-o", "json"}));
    CHECK_FALSE(ChangesSomething({"minikube", "-p", "p", "addons", "list", "-o", "json"}));
    CHECK_FALSE(ChangesSomething({"kubectl", "--context", "c", "--namespace", "n", "top", "pods"}));
    CHECK_FALSE(ChangesSomething({"kubectl", "--context", "c", "--namespace", "n", "get", "pods"}));
    CHECK_FALSE(ChangesSomething(
        {"kubectl", "--context", "c", "--namespace", "n", "apply", "--dry-run=server", "-f", "-"}));
    CHECK_FALSE(ChangesSomething({}));
  }
}

}  // namespace
}  // namespace tfsk::lifecycle
