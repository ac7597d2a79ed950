// The error catalogue: real stderr samples map to the right reason, fix and exit group.
#include <doctest/doctest.h>

#include <set>

#include "lib/cluster/reasons.h"
#include "tests/support/fake_process_runner.h"

namespace tfsk::cluster {
namespace {

using testing::ReadTestData;

const Argv kStart = {"minikube", "-p", "tfsk", "start", "--driver=docker", "--mount",
                     "--mount-string=/m:/var/tmp/models"};
const Argv kApply = {"kubectl", "--context", "tfsk", "--namespace", "ml", "apply", "-f", "-"};
const Argv kImageLs = {"minikube", "-p", "tfsk", "image", "ls", "--format", "short"};

std::string IdOf(const Argv& argv, int code, const std::string& err, const std::string& out = "") {
  const Reason* r = MatchReason(argv, code, out, err);
  return r != nullptr ? std::string(r->id) : "(none)";
}

TEST_SUITE("Reasons") {
  TEST_CASE("catalogue IDs are unique and every entry has why and fix") {
    std::set<std::string_view> ids;
    for (const auto& r : Catalogue()) {
      CAPTURE(r.id);
      CHECK(ids.insert(r.id).second);
      CHECK_FALSE(r.why.empty());
      CHECK_FALSE(r.fix.empty());
      CHECK(FindReason(r.id) == &r);
    }
  }

  TEST_CASE("minikube exit codes and stderr map to reasons") {
    const Argv svc = {"minikube", "-p", "tfsk", "service", "s", "--url", "-n", "default"};
    CHECK(IdOf(kStart, 81, ReadTestData("cluster/minikube/start_mount_conflict.stderr")) ==
          "GUEST_MOUNT_CONFLICT");
    CHECK(IdOf(kStart, 55, ReadTestData("cluster/minikube/start_no_driver.stderr")) ==
          "DRV_NOT_DETECTED");
    CHECK(IdOf(svc, 115, ReadTestData("cluster/minikube/service_unreachable.stderr")) ==
          "SVC_UNREACHABLE");
    CHECK(IdOf(svc, 115, ReadTestData("cluster/minikube/service_not_found.stderr")) ==
          "SVC_NOT_FOUND");
    CHECK(IdOf({"minikube", "-p", "tfsk", "ip"}, 85, "",
               ReadTestData("cluster/minikube/status_missing_profile.stdout")) ==
          "MK_PROFILE_NOT_FOUND");
    CHECK(IdOf({"minikube", "-p", "tfsk", "ip"}, 83,
               ReadTestData("cluster/minikube/ip_not_running.stderr")) == "MK_HOST_NOT_RUNNING");
    CHECK(IdOf(kStart, 80, "X Exiting due to GUEST_START: failed to start node") == "GUEST_START");
    CHECK(IdOf(kImageLs, 80, ReadTestData("cluster/minikube/image_ls_failed.stderr")) ==
          "GUEST_IMAGE_LIST");
    CHECK(IdOf({"minikube", "-p", "tfsk", "image", "load", "/p/x.tar"}, 80,
               ReadTestData("cluster/minikube/image_load_failed.stderr")) == "GUEST_IMAGE_LOAD");
    CHECK(IdOf(kStart, 80, "X Exiting due to GUEST_MOUNT: mount failed") == "GUEST_MOUNT");
    CHECK(IdOf(kStart, 1, "mount: /mount-9p: unknown filesystem type '9p'") == "MK_9P_UNSUPPORTED");
    CHECK(IdOf(kStart, 42, "something new") == "(none)");
    CHECK(IdOf(kStart, 0, "") == "(none)");
  }

  TEST_CASE("kubectl stderr maps to reasons") {
    CHECK(IdOf(kApply, 1, ReadTestData("cluster/kubectl/context_not_found.stderr")) ==
          "K_CONTEXT_NOT_FOUND");
    CHECK(IdOf(kApply, 1, ReadTestData("cluster/kubectl/context_not_found_no_namespace.stderr")) ==
          "K_CONTEXT_NOT_FOUND");
    CHECK(IdOf(kApply, 1, ReadTestData("cluster/kubectl/no_server.stderr")) == "K_NO_KUBECONFIG");
    CHECK(IdOf(kApply, 1, ReadTestData("cluster/kubectl/connection_refused.stderr")) ==
          "K_CONNECTION_REFUSED");
    CHECK(IdOf(kApply, 1, ReadTestData("cluster/kubectl/apply_strict_error.stderr")) ==
          "K_UNKNOWN_FIELD");
    CHECK(IdOf(kApply, 1, ReadTestData("cluster/kubectl/apply_selector_mismatch.stderr")) ==
          "K_SELECTOR_MISMATCH");
    CHECK(IdOf(kApply, 1, ReadTestData("cluster/kubectl/get_hpa_not_found.stderr")) == "K_NOT_FOUND");
    CHECK(IdOf(kApply, 1, ReadTestData("cluster/kubectl/rollout_timeout.stderr")) ==
          "K_ROLLOUT_TIMEOUT");
    CHECK(IdOf(kApply, 1, ReadTestData("cluster/kubectl/rollout_deadline.stderr")) ==
          "K_PROGRESS_DEADLINE");
    CHECK(IdOf(kApply, 1, ReadTestData("cluster/kubectl/top_metrics_api_not_available.stderr")) ==
          "K_METRICS_API_NOT_AVAILABLE");
    CHECK(IdOf(kApply, 1, ReadTestData("cluster/kubectl/top_metrics_not_yet.stderr")) ==
          "K_METRICS_NOT_YET");
    // A kubectl message never matches a minikube reason and vice versa.
    CHECK(IdOf(kStart, 1, ReadTestData("cluster/kubectl/get_hpa_not_found.stderr")) == "(none)");
  }

  TEST_CASE("CommandFailure shows argv, exit code, reason, stderr tail and the fix") {
    ProcessResult r{81, "\n", ReadTestData("cluster/minikube/start_mount_conflict.stderr")};
    Status s = CommandFailure(kStart, r);
    CHECK(s.code() == Code::kFailedPrecondition);
    const std::string& m = s.message();
    CHECK(m.find("`minikube -p tfsk start --driver=docker --mount "
                 "--mount-string=/m:/var/tmp/models` failed (exit 81)") == 0);
    CHECK(m.find("[GUEST_MOUNT_CONFLICT]") != std::string::npos);
    CHECK(m.find("  stderr:\n    X Exiting due to GUEST_MOUNT_CONFLICT") != std::string::npos);
    CHECK(m.find("fix: `minikube delete -p tfsk`, then `tfsk up`") != std::string::npos);
    CHECK(ReasonIdIn(s) == "GUEST_MOUNT_CONFLICT");
    CHECK(ExitGroupOf(s) == ExitGroup::kCluster);
  }

  TEST_CASE("a failed image listing is GUEST_IMAGE_LIST with the profile's inspect command") {
    Status s =
        CommandFailure(kImageLs, {80, "", ReadTestData("cluster/minikube/image_ls_failed.stderr")});
    CHECK(s.code() == Code::kUnavailable);
    CHECK(ReasonIdIn(s) == "GUEST_IMAGE_LIST");
    CHECK(ExitGroupOf(s) == ExitGroup::kCluster);
    const std::string& m = s.message();
    CHECK(m.find("`minikube -p tfsk image ls --format short` failed (exit 80): minikube could not "
                 "list the images in the cluster's container runtime [GUEST_IMAGE_LIST]") == 0);
    CHECK(m.find("fix: `minikube -p tfsk image ls` shows minikube's error") != std::string::npos);
    CHECK(FixIn(s) ==
          "`minikube -p tfsk image ls` shows minikube's error; `minikube -p tfsk status` shows "
          "whether the node runs");
  }

  TEST_CASE("FixIn: the fix line of a failure or install hint, nothing for other statuses") {
    // A "fix: " inside the tool's own stderr is not ours: the last fix line is.
    Status s = CommandFailure({"kubectl", "--context", "tfsk", "get", "x"},
                              {1, "", "hint: fix: something\nError from server (NotFound): x\n"});
    CHECK(FixIn(s) == "`tfsk up` creates it");
    CHECK(FixIn(WithInstallHint(NotFound("skopeo: command not found on PATH"), "skopeo")) ==
          "install skopeo: `sudo apt-get install skopeo` (scripts/setup installs it)");
    CHECK(FixIn(CommandFailure({"kubectl", "get", "x"}, {3, "", "fix: not ours\n"})).empty());
    CHECK(FixIn(Internal("x")).empty());
  }

  TEST_CASE("CommandFailure falls back to stdout when stderr is empty (minikube exit 85)") {
    ProcessResult r{85, "* Profile \"tfsk\" not found. Run \"minikube profile list\" to view all profiles.\n", ""};
    Status s = CommandFailure({"minikube", "-p", "tfsk", "ip"}, r);
    CHECK(s.code() == Code::kNotFound);
    CHECK(s.message().find("  stdout:\n    * Profile \"tfsk\" not found") != std::string::npos);
    CHECK(s.message().find("fix: create it with `tfsk up` (or `minikube start -p tfsk`)") !=
          std::string::npos);
  }

  TEST_CASE("kubectl fixes get the context and namespace of the failed command") {
    ProcessResult r{1, "", ReadTestData("cluster/kubectl/rollout_deadline.stderr")};
    Status s = CommandFailure(kApply, r);
    CHECK(s.code() == Code::kDeadlineExceeded);
    CHECK(s.message().find("kubectl --context tfsk -n ml describe pods") != std::string::npos);
    Status invalid = CommandFailure(kApply, {1, "", ReadTestData("cluster/kubectl/apply_strict_error.stderr")});
    CHECK(ExitGroupOf(invalid) == ExitGroup::kConfig);
  }

  TEST_CASE("an unknown failure still shows the command and the stderr tail") {
    Status s = CommandFailure({"kubectl", "get", "x"}, {3, "", "line1\nline2\n"});
    CHECK(s.code() == Code::kUnknown);
    CHECK(s.message() == "`kubectl get x` failed (exit 3)\n  stderr:\n    line1\n    line2");
    CHECK_FALSE(ReasonIdIn(s).has_value());
    CHECK(ExitGroupOf(s) == ExitGroup::kCluster);
  }

  TEST_CASE("install hints for missing tools") {
    Status nf = NotFound("minikube: command not found on PATH");
    Status hinted = WithInstallHint(nf, "minikube");
    CHECK(hinted.code() == Code::kNotFound);
    CHECK(hinted.message().find("minikube: command not found on PATH\n  fix: install minikube") == 0);
    CHECK(WithInstallHint(NotFound("kubectl: command not found on PATH"), "kubectl")
              .message()
              .find("https://kubernetes.io/docs/tasks/tools/") != std::string::npos);
    CHECK(WithInstallHint(Internal("x"), "minikube") == Internal("x"));
  }

  TEST_CASE("advice for what pods and the HPA wait on") {
    CHECK(AdviceForWorkloadProblem("CrashLoopBackOff").find("tfsk logs") != std::string_view::npos);
    CHECK(AdviceForWorkloadProblem("ImagePullBackOff").find("server.image") != std::string_view::npos);
    CHECK(AdviceForWorkloadProblem(
              "MountVolume.SetUp failed for volume \"v\" : hostPath type check failed: /var/tmp/x "
              "is not a directory")
              .find("model folder is not mounted") != std::string_view::npos);
    CHECK(AdviceForWorkloadProblem("failed to get cpu utilization: missing request for cpu in "
                                   "container tf-serving")
              .find("requests.cpu") != std::string_view::npos);
    CHECK(AdviceForWorkloadProblem("Running").empty());
  }
}

}  // namespace
}  // namespace tfsk::cluster

namespace tfsk::cluster {
namespace {

TEST_SUITE("Reasons") {
  TEST_CASE("docs/troubleshooting.md lists every catalogue ID") {
    std::string doc = testing::ReadTestData("../../docs/troubleshooting.md");
    for (const auto& r : Catalogue()) {
      CAPTURE(r.id);
      CHECK(doc.find("`" + std::string(r.id) + "`") != std::string::npos);
    }
  }
}

}  // namespace
}  // namespace tfsk::cluster

namespace tfsk::cluster {
namespace {

TEST_SUITE("Reasons") {
  TEST_CASE("a command ended by a passed-on Ctrl-C is INTERRUPTED (Cancelled), for any tool") {
    Status s = CommandFailure({"minikube", "-p", "tfsk", "start"}, {130, "", ""});
    CHECK(s.code() == Code::kCancelled);
    CHECK(ReasonIdIn(s) == "INTERRUPTED");
    CHECK(ReasonIdIn(CommandFailure({"kubectl", "apply", "-f", "-"}, {130, "", ""})) == "INTERRUPTED");
  }
}

}  // namespace
}  // namespace tfsk::cluster
