// The Minikube driver + the real ProcessRunner against the minikube stand-in executable
// (tests/support/minikube_standin): state across calls, the tunnel's SIGINT behaviour and the
// documented failure exit codes, end to end through real pipes and signals.
#include <doctest/doctest.h>

#include <algorithm>
#include <cstdlib>
#include <fstream>

#include "lib/cluster/minikube.h"
#include "tests/support/shared.h"
#include "tests/support/standins.h"

namespace tfsk::cluster {
namespace {

struct StandIn {
  testing::TempDir state;
  std::unique_ptr<ProcessRunner> runner = MakeRealProcessRunner();
  MinikubeOptions options;

  StandIn() {
    auto bin = testing::StandinBinDir();
    REQUIRE_MESSAGE(std::filesystem::exists(bin / "minikube"),
                    "build the minikube-standin target first: " << (bin / "minikube").string());
    const char* path = std::getenv("PATH");
    options.base.env["PATH"] = bin.string() + ":" + (path != nullptr ? path : "/usr/bin:/bin");
    options.base.env["MINIKUBE_STANDIN_STATE"] = state.path().string();
    options.command_timeout = std::chrono::seconds(20);
    options.start_timeout = std::chrono::seconds(20);
    options.url_timeout = std::chrono::seconds(20);
  }
  Minikube Driver(const std::string& profile = "tfsk") {
    return Minikube(*runner, profile, options);
  }
};

const StartSpec kSpec{"docker", "2", "4096mb", "/home/u/models", "/var/tmp/models", ""};

TEST_SUITE("MinikubeStandIn") {
  TEST_CASE("missing → start → running → stop → stopped → delete → missing") {
    StandIn s;
    Minikube mk = s.Driver();
    CHECK_FALSE(mk.Status()->exists);
    REQUIRE(mk.Start(kSpec).ok());
    auto up = mk.Status();
    REQUIRE(up.ok());
    CHECK(up->Ready());
    CHECK(up->name == "tfsk");
    CHECK(mk.Ip().value() == "192.168.49.2");
    CHECK(mk.Stop().ok());
    auto down = mk.Status();
    REQUIRE(down.ok());
    CHECK(down->exit_code == 7);
    CHECK(down->host == "Stopped");
    CHECK(mk.Ip().status().message().find("[MK_HOST_NOT_RUNNING]") != std::string::npos);
    CHECK(mk.Delete().ok());
    CHECK_FALSE(mk.Status()->exists);
  }

  TEST_CASE("addons: metrics-server off, enable, on") {
    StandIn s;
    Minikube mk = s.Driver();
    REQUIRE(mk.Start(kSpec).ok());
    CHECK_FALSE(mk.AddonEnabled("metrics-server").value());
    CHECK(mk.EnableAddon("metrics-server").ok());
    CHECK(mk.AddonEnabled("metrics-server").value());
  }

  TEST_CASE("restarting a docker profile with another mount exits 81 GUEST_MOUNT_CONFLICT") {
    StandIn s;
    Minikube mk = s.Driver();
    REQUIRE(mk.Start(kSpec).ok());
    StartSpec moved = kSpec;
    moved.mount_host = "/elsewhere";
    Status conflict = mk.Start(moved);
    CHECK(conflict.code() == Code::kFailedPrecondition);
    CHECK(conflict.message().find("failed (exit 81)") != std::string::npos);
    CHECK(conflict.message().find("previous mount: '/home/u/models:/var/tmp/models'") !=
          std::string::npos);
    CHECK(mk.Start(kSpec).ok());  // same mount: fine
  }

  TEST_CASE("requested failures: 85 and 29") {
    StandIn s;
    s.options.base.env["MINIKUBE_STANDIN_FAIL"] = "ip:85,start:29";
    Minikube mk = s.Driver();
    Status cores = mk.Start(kSpec);
    CHECK(cores.message().find("[RSRC_INSUFFICIENT_CORES]") != std::string::npos);
    auto ip = mk.Ip();
    REQUIRE_FALSE(ip.ok());
    CHECK(ip.status().code() == Code::kNotFound);
    CHECK(ip.status().message().find("[MK_PROFILE_NOT_FOUND]") != std::string::npos);
  }

  TEST_CASE("service --url on a tunnel driver: URL, warning, blocks until the handle stops it") {
    StandIn s;
    s.options.base.env["MINIKUBE_STANDIN_TUNNEL"] = "darwin";
    Minikube mk = s.Driver();
    REQUIRE(mk.Start(kSpec).ok());
    auto tunnel = mk.ServiceUrl("tf-serving-service", "default");
    REQUIRE(tunnel.ok());
    CHECK(tunnel->url() == "http://127.0.0.1:57123");
    CHECK(tunnel->holds_tunnel());
    tunnel->Close();  // SIGINT: the stand-in exits 0 like minikube
    CHECK_FALSE(tunnel->holds_tunnel());
    CHECK(tunnel->notes().find("! Because you are using a Docker driver on darwin") !=
          std::string::npos);
  }

  TEST_CASE("service --url on a VM driver returns the NodePort URL, 115 when no pod runs") {
    StandIn s;
    Minikube mk = s.Driver();
    REQUIRE(mk.Start(kSpec).ok());
    auto url = mk.ServiceUrl("tf-serving-service", "default");
    REQUIRE(url.ok());
    CHECK(url->url() == "http://192.168.49.2:30001");
    s.options.base.env["MINIKUBE_STANDIN_FAIL"] = "service:115";
    Minikube failing = s.Driver();
    auto none = failing.ServiceUrl("tf-serving-service", "default");
    REQUIRE_FALSE(none.ok());
    CHECK(none.status().message().find("[SVC_UNREACHABLE]") != std::string::npos);
  }

  TEST_CASE("a missing stand-in folder means minikube is not installed") {
    StandIn s;
    s.options.base.env["PATH"] = s.state.path().string();
    s.options.program = "minikube";
    auto st = s.Driver().Status();
    REQUIRE_FALSE(st.ok());
    CHECK(st.status().code() == Code::kNotFound);
  }
}

}  // namespace
}  // namespace tfsk::cluster

namespace tfsk::cluster {
namespace {

TEST_SUITE("MinikubeStandIn") {
  TEST_CASE("ssh -- ls shows the mounted model folder, dashboard --url holds its proxy") {
    StandIn s;
    auto models = s.state.path() / "models";
    std::filesystem::create_directories(models / "half_plus_two" / "00000123");
    StartSpec spec = kSpec;
    spec.mount_host = models.string();
    Minikube mk = s.Driver();
    REQUIRE(mk.Start(spec).ok());
    CHECK(mk.Ssh({"ls", "/var/tmp/models/half_plus_two"}).value() == "00000123\n");
    auto missing = mk.Ssh({"ls", "/var/tmp/elsewhere"});
    REQUIRE_FALSE(missing.ok());
    CHECK(missing.status().message().find("No such file or directory") != std::string::npos);
    auto dash = mk.DashboardUrl();
    REQUIRE(dash.ok());
    CHECK(dash->url().find("/services/http:kubernetes-dashboard:/proxy/") != std::string::npos);
    CHECK(dash->holds_tunnel());
    dash->Close();
    CHECK_FALSE(dash->holds_tunnel());
  }
}

}  // namespace
}  // namespace tfsk::cluster

namespace tfsk::cluster {
namespace {

TEST_SUITE("MinikubeStandIn") {
  TEST_CASE("start --output=json streams steps, a mount conflict arrives as an error event") {
    StandIn s;
    Minikube mk = s.Driver();
    std::vector<std::string> lines;
    REQUIRE(mk.StartWithProgress(kSpec, [&](const MinikubeEvent& e) {
                lines.push_back(e.ProgressLine());
              }).ok());
    REQUIRE(lines.size() == 8);
    CHECK(lines.back().rfind("[19/19] Done: Done!", 0) == 0);
    StartSpec moved = kSpec;
    moved.mount_host = "/elsewhere";
    Status conflict = mk.StartWithProgress(moved, {});
    CHECK(conflict.message().find("[GUEST_MOUNT_CONFLICT]") != std::string::npos);
    CHECK(conflict.message().find("failed (exit 81)") != std::string::npos);
  }
}

}  // namespace
}  // namespace tfsk::cluster

namespace tfsk::cluster {
namespace {

TEST_SUITE("MinikubeStandIn") {
  TEST_CASE("profile list reports the driver and mount, so a conflict is caught before start") {
    StandIn s;
    Minikube mk = s.Driver();
    CHECK_FALSE(mk.Profile()->has_value());
    REQUIRE(mk.Start(kSpec).ok());
    auto profile = mk.Profile();
    REQUIRE(profile.ok());
    REQUIRE(profile->has_value());
    CHECK((*profile)->driver == "docker");
    CHECK_FALSE(MountConflict(**profile, "/home/u/models:/var/tmp/models").has_value());
    CHECK(MountConflict(**profile, "/elsewhere:/var/tmp/models").has_value());
  }
}

}  // namespace
}  // namespace tfsk::cluster

namespace tfsk::cluster {
namespace {

// A docker-archive holding only a manifest.json with these RepoTags, written by tar(1).
std::string ArchiveWithTags(StandIn& s, const std::string& name, const std::string& tags) {
  const auto dir = s.state.path() / (name + ".d");
  std::filesystem::create_directories(dir);
  std::ofstream(dir / "manifest.json")
      << R"([{"Config":"blobs/sha256/c","RepoTags":[)" << tags << R"(],"Layers":[]}])";
  const std::string archive = (s.state.path() / (name + ".tar")).string();
  auto tar = s.runner->Run({"tar", "-cf", archive, "-C", dir.string(), "manifest.json"});
  REQUIRE_MESSAGE(tar.ok(), tar.status().message());
  REQUIRE_MESSAGE(tar->exit_code == 0, tar->err);
  return archive;
}

bool Lists(const std::vector<std::string>& listed, const std::string& reference) {
  return std::any_of(listed.begin(), listed.end(),
                     [&](const std::string& l) { return ListedImageMatches(l, reference); });
}

TEST_SUITE("MinikubeStandIn") {
  TEST_CASE(
      "image ls lists what image load loaded, as the runtime spells it, and delete forgets it") {
    StandIn s;
    Minikube mk = s.Driver();
    REQUIRE(mk.Start(kSpec).ok());
    auto before = mk.ImageList();
    REQUIRE(before.ok());
    CHECK_FALSE(before->empty());  // Kubernetes' own images
    CHECK_FALSE(Lists(*before, "tfsk-serving:sha256-0123456789ab"));
    REQUIRE(mk.ImageLoad(ArchiveWithTags(s, "a", R"("tfsk-serving:sha256-0123456789ab")")).ok());
    auto after = mk.ImageList();
    REQUIRE(after.ok());
    CHECK(std::count(after->begin(), after->end(),
                     "docker.io/library/tfsk-serving:sha256-0123456789ab") == 1);
    CHECK(std::is_sorted(after->rbegin(), after->rend()));  // minikube sorts in reverse
    CHECK(mk.Stop().ok());
    auto stopped = mk.ImageList();  // minikube only warns about a stopped node
    REQUIRE(stopped.ok());
    CHECK(stopped->empty());
    CHECK(mk.Delete().ok());
    REQUIRE(mk.Start(kSpec).ok());
    auto recreated = mk.ImageList();
    REQUIRE(recreated.ok());
    CHECK_FALSE(Lists(*recreated, "tfsk-serving:sha256-0123456789ab"));
  }

  TEST_CASE("image ls on cri-o says localhost/, and a requested failure is GUEST_IMAGE_LIST") {
    StandIn s;
    s.options.base.env["MINIKUBE_STANDIN_RUNTIME"] = "cri-o";
    Minikube mk = s.Driver();
    REQUIRE(mk.Start(kSpec).ok());
    REQUIRE(mk.ImageLoad(ArchiveWithTags(s, "b", R"("tfsk-serving:t","team/app:1")")).ok());
    auto listed = mk.ImageList();
    REQUIRE(listed.ok());
    CHECK(std::count(listed->begin(), listed->end(), "localhost/tfsk-serving:t") == 1);
    CHECK(std::count(listed->begin(), listed->end(), "localhost/team/app:1") == 1);
    CHECK(Lists(*listed, "team/app:1"));
    s.options.base.env["MINIKUBE_STANDIN_FAIL"] = "image-ls:80";
    auto failed = s.Driver().ImageList();
    REQUIRE_FALSE(failed.ok());
    CHECK(failed.status().message().find("GUEST_IMAGE_LIST") != std::string::npos);
  }
}

}  // namespace
}  // namespace tfsk::cluster
