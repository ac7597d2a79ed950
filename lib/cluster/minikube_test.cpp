// The minikube driver against the scripted fake runner: exact argv, canned real output.
#include <doctest/doctest.h>

#include <algorithm>

#include "lib/cluster/minikube.h"
#include "lib/cluster/reasons.h"
#include "tests/support/fake_process_runner.h"

namespace tfsk::cluster {
namespace {

using testing::FakeProcessRunner;
using testing::ReadTestData;

TEST_SUITE("Minikube") {
  TEST_CASE("Status: running, stopped and missing are values") {
    FakeProcessRunner fake;
    fake.Expect({"minikube", "-p", "tfsk", "status", "-o", "json"})
        .Stdout(ReadTestData("cluster/minikube/status_running.json"));
    fake.Expect({"minikube", "-p", "tfsk", "status", "-o", "json"})
        .Stdout(ReadTestData("cluster/minikube/status_stopped.json"))
        .ExitCode(7);
    fake.Expect({"minikube", "-p", "tfsk", "status", "-o", "json"})
        .Stdout(ReadTestData("cluster/minikube/status_missing_profile.stdout"))
        .ExitCode(85);
    Minikube mk(fake, "tfsk");
    CHECK(mk.Status()->Ready());
    auto stopped = mk.Status();
    REQUIRE(stopped.ok());
    CHECK(stopped->exists);
    CHECK_FALSE(stopped->HostRunning());
    CHECK_FALSE(mk.Status()->exists);
    fake.VerifyAllConsumed();
  }

  TEST_CASE("Status: an unexpected exit code is a command failure") {
    FakeProcessRunner fake;
    fake.Expect({"minikube", "-p", "tfsk", "status", "-o", "json"})
        .ExitCode(14)
        .Stderr("Error: unknown flag\n");
    Minikube mk(fake, "tfsk");
    auto s = mk.Status();
    REQUIRE_FALSE(s.ok());
    CHECK(s.status().message().find("[MK_USAGE]") != std::string::npos);
  }

  TEST_CASE("Status: minikube not installed gives the install hint") {
    FakeProcessRunner fake;
    fake.MarkMissing("minikube");
    Minikube mk(fake, "tfsk");
    auto s = mk.Status();
    REQUIRE_FALSE(s.ok());
    CHECK(s.status().code() == Code::kNotFound);
    CHECK(s.status().message().find(
              "minikube: command not found on PATH\n  fix: install minikube") == 0);
  }

  TEST_CASE("Start passes driver, resources and both mount flags, with a long timeout") {
    FakeProcessRunner fake;
    fake.Expect({"minikube", "-p", "tfsk", "start", "--driver=docker", "--cpus=2",
                 "--memory=4096mb", "--mount", "--mount-string=/home/u/models:/var/tmp/models"})
        .Stdout(ReadTestData("cluster/minikube/start.stdout"));
    Minikube mk(fake, "tfsk");
    StartSpec spec{"docker", "2", "4096mb", "/home/u/models", "/var/tmp/models", ""};
    CHECK(mk.Start(spec).ok());
    CHECK(fake.calls().at(0).options.timeout == std::chrono::seconds(900));
    fake.VerifyAllConsumed();
  }

  TEST_CASE("Start: mount conflict explains the fix") {
    FakeProcessRunner fake;
    fake.Expect(
            {"minikube", "-p", "tfsk", "start", "--mount", "--mount-string=/new:/var/tmp/models"})
        .Stdout("\n")
        .Stderr(ReadTestData("cluster/minikube/start_mount_conflict.stderr"))
        .ExitCode(81);
    Minikube mk(fake, "tfsk");
    Status s = mk.Start(StartSpec{"", "", "", "/new", "/var/tmp/models", ""});
    CHECK(s.code() == Code::kFailedPrecondition);
    CHECK(s.message().find("[GUEST_MOUNT_CONFLICT]") != std::string::npos);
    CHECK(s.message().find("fix: `minikube delete -p tfsk`") != std::string::npos);
  }

  TEST_CASE("addons: list, query, enable") {
    FakeProcessRunner fake;
    fake.Expect({"minikube", "-p", "tfsk", "addons", "list", "-o", "json"})
        .Stdout(ReadTestData("cluster/minikube/addons_list.json"));
    fake.Expect({"minikube", "-p", "tfsk", "addons", "enable", "metrics-server"})
        .Stdout(ReadTestData("cluster/minikube/addons_enable_metrics_server.stdout"));
    fake.Expect({"minikube", "-p", "tfsk", "addons", "list", "-o", "json"})
        .Stdout(ReadTestData("cluster/minikube/addons_list_metrics_enabled.json"));
    Minikube mk(fake, "tfsk");
    CHECK_FALSE(mk.AddonEnabled("metrics-server").value());
    CHECK(mk.EnableAddon("metrics-server").ok());
    CHECK(mk.AddonEnabled("metrics-server").value());
    fake.VerifyAllConsumed();
  }

  TEST_CASE("ImageLoad: silent success, GUEST_IMAGE_LOAD names the reason and the fix") {
    FakeProcessRunner fake;
    fake.Expect({"minikube", "-p", "tfsk", "image", "load", "/p/x.tar"});
    fake.Expect({"minikube", "-p", "tfsk", "image", "load", "/p/x.tar"})
        .ExitCode(80)
        .Stderr(ReadTestData("cluster/minikube/image_load_failed.stderr"));
    Minikube mk(fake, "tfsk");
    CHECK(mk.ImageLoad("/p/x.tar").ok());
    ::tfsk::Status failed = mk.ImageLoad("/p/x.tar");
    CHECK_FALSE(failed.ok());
    CHECK(failed.message().find("GUEST_IMAGE_LOAD") != std::string::npos);
    CHECK(failed.message().find("image load") != std::string::npos);
    fake.VerifyAllConsumed();
  }

  TEST_CASE("ImageList: the runtime's references, an empty node, a failure naming the command") {
    const Argv ls = {"minikube", "-p", "tfsk", "image", "ls", "--format", "short"};
    FakeProcessRunner fake;
    fake.Expect(ls).Stdout(ReadTestData("cluster/minikube/image_ls_short_crio.stdout"));
    fake.Expect(ls).Stdout(ReadTestData("cluster/minikube/image_ls_short_empty.stdout"));
    fake.Expect(ls).ExitCode(80).Stderr(ReadTestData("cluster/minikube/image_ls_failed.stderr"));
    Minikube mk(fake, "tfsk");
    auto crio = mk.ImageList();
    REQUIRE(crio.ok());
    CHECK(crio->size() == 10);
    CHECK(std::count(crio->begin(), crio->end(), "localhost/tfsk-serving:sha256-0123456789ab") ==
          1);
    CHECK(fake.calls().at(0).options.timeout == std::chrono::seconds(120));
    auto empty = mk.ImageList();
    REQUIRE(empty.ok());
    CHECK(empty->empty());
    auto failed = mk.ImageList();
    REQUIRE_FALSE(failed.ok());
    CHECK(failed.status().message().find("image ls --format short") != std::string::npos);
    CHECK(ReasonIdIn(failed.status()) == "GUEST_IMAGE_LIST");
    fake.VerifyAllConsumed();
  }

  TEST_CASE("Ip, Stop, Delete, Version") {
    FakeProcessRunner fake;
    fake.Expect({"minikube", "-p", "tfsk", "ip"})
        .Stdout(ReadTestData("cluster/minikube/ip.stdout"));
    fake.Expect({"minikube", "-p", "tfsk", "stop"})
        .Stdout("* Stopping node \"tfsk\"  ...\n* 1 node stopped.\n");
    fake.Expect({"minikube", "-p", "tfsk", "delete"});
    fake.Expect({"minikube", "version", "--short"})
        .Stdout(ReadTestData("cluster/minikube/version_short.stdout"));
    Minikube mk(fake, "tfsk");
    CHECK(mk.Ip().value() == "192.168.49.2");
    CHECK(mk.Stop().ok());
    CHECK(mk.Delete().ok());
    CHECK(mk.Version()->minor == 37);
    fake.VerifyAllConsumed();
  }

  TEST_CASE("Ip on a stopped cluster is MK_HOST_NOT_RUNNING") {
    FakeProcessRunner fake;
    fake.Expect({"minikube", "-p", "tfsk", "ip"})
        .Stderr(ReadTestData("cluster/minikube/ip_not_running.stderr"))
        .ExitCode(83);
    Minikube mk(fake, "tfsk");
    auto ip = mk.Ip();
    REQUIRE_FALSE(ip.ok());
    CHECK(ip.status().message().find("[MK_HOST_NOT_RUNNING]") != std::string::npos);
  }

  TEST_CASE("ServiceUrl: tunnel driver keeps the child until the handle goes") {
    FakeProcessRunner fake;
    fake.Expect(
            {"minikube", "-p", "tfsk", "service", "tf-serving-service", "--url", "-n", "default"})
        .Started(/*blocks=*/true)
        .Stdout(ReadTestData("cluster/minikube/service_url_tunnel.stdout"))
        .Stderr(ReadTestData("cluster/minikube/service_url_tunnel.stderr"));
    Minikube mk(fake, "tfsk");
    {
      auto tunnel = mk.ServiceUrl("tf-serving-service", "default");
      REQUIRE(tunnel.ok());
      CHECK(tunnel->url() == "http://127.0.0.1:57123");
      CHECK(tunnel->holds_tunnel());
      CHECK(tunnel->notes().find("Docker driver on darwin") != std::string::npos);
      CHECK_FALSE(fake.children().at(0)->stopped);
    }
    CHECK(fake.children().at(0)->stopped);
    fake.VerifyAllConsumed();
  }

  TEST_CASE("ServiceUrl: VM driver prints the NodePort URL and exits") {
    FakeProcessRunner fake;
    fake.Expect({"minikube", "-p", "tfsk", "service", "tf-serving-service", "--url", "-n", "ml"})
        .Started(/*blocks=*/false)
        .Stdout(ReadTestData("cluster/minikube/service_url_vm.stdout"));
    Minikube mk(fake, "tfsk");
    auto tunnel = mk.ServiceUrl("tf-serving-service", "ml");
    REQUIRE(tunnel.ok());
    CHECK(tunnel->url() == "http://192.168.49.2:30001");
    CHECK_FALSE(tunnel->holds_tunnel());
  }

  TEST_CASE("ServiceUrl: no running pod is SVC_UNREACHABLE with minikube's words") {
    FakeProcessRunner fake;
    fake.Expect(
            {"minikube", "-p", "tfsk", "service", "tf-serving-service", "--url", "-n", "default"})
        .Started(/*blocks=*/false)
        .Stdout("\n")
        .Stderr(ReadTestData("cluster/minikube/service_unreachable.stderr"))
        .ExitCode(115);
    Minikube mk(fake, "tfsk");
    auto tunnel = mk.ServiceUrl("tf-serving-service", "default");
    REQUIRE_FALSE(tunnel.ok());
    CHECK(tunnel.status().code() == Code::kUnavailable);
    CHECK(tunnel.status().message().find("failed (exit 115)") != std::string::npos);
    CHECK(tunnel.status().message().find("no running pod for service tf-serving-service") !=
          std::string::npos);
  }

  TEST_CASE("ServiceUrl: a child that never prints a URL is stopped and reported") {
    FakeProcessRunner fake;
    fake.Expect({"minikube", "-p", "tfsk", "service", "s", "--url", "-n", "default"})
        .Started(/*blocks=*/true)
        .Stderr("* Starting tunnel for service s.\n");
    MinikubeOptions options;
    options.url_timeout = std::chrono::seconds(0);
    Minikube mk(fake, "tfsk", options);
    auto tunnel = mk.ServiceUrl("s", "default");
    REQUIRE_FALSE(tunnel.ok());
    CHECK(tunnel.status().code() == Code::kDeadlineExceeded);
    CHECK(tunnel.status().message().find("printed no URL within 0 s") != std::string::npos);
    CHECK(fake.children().at(0)->stopped);
  }
}

}  // namespace
}  // namespace tfsk::cluster
