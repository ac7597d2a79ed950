// The Kubectl driver + the real runner + the installed kubectl, with an empty, isolated
// kubeconfig: nothing here contacts a cluster. It pins the real wording of the failures tfsk
// explains. Skipped (with a message) where kubectl is not installed.
#include <doctest/doctest.h>

#include "lib/cluster/kubectl.h"
#include "lib/cluster/reasons.h"
#include "tests/support/shared.h"

namespace tfsk::cluster {
namespace {

TEST_SUITE("KubectlReal") {
  TEST_CASE("client version and a missing context, through the real kubectl") {
    auto runner = MakeRealProcessRunner();
    if (!runner->Which("kubectl")) {
      MESSAGE("kubectl not installed: skipping");
      return;
    }
    testing::TempDir home;
    KubectlOptions options;
    options.base.env["KUBECONFIG"] = (home.path() / "config").string();
    options.base.env["KUBECACHEDIR"] = (home.path() / "cache").string();
    options.base.env["HOME"] = home.path().string();
    options.request_timeout = std::chrono::seconds(30);
    Kubectl k(*runner, {"tfsk-no-such-context", "default"}, options);

    auto version = k.ClientVersion();
    REQUIRE(version.ok());
    CHECK(version->major == 1);

    auto pods = k.GetPods("app=tf-serving");
    REQUIRE_FALSE(pods.ok());
    CHECK(ReasonIdIn(pods.status()) == "K_CONTEXT_NOT_FOUND");
    CHECK(pods.status().message().find("tfsk-no-such-context") != std::string::npos);
  }
}

}  // namespace
}  // namespace tfsk::cluster
