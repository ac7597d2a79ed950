// The built `tfsk` end to end on the minikube target: the minikube stand-in
// (<build>/standins/bin/minikube) and a fake kubectl script (tests/testdata/lifecycle/kubectl)
// first on PATH; up twice (created, then unchanged), status -o json, doctor, down --stop-cluster;
// with server.image tfsk-serving, `minikube image load` only when `image ls` lacks the tag.
#include <doctest/doctest.h>

#include <filesystem>
#include <fstream>
#include <string>

#include "lib/lifecycle/deploy_state.h"
#include "lib/process/process_runner.h"
#include "tests/support/shared.h"

namespace tfsk::lifecycle {
namespace {

namespace fs = std::filesystem;

struct Lab {
  testing::TempDir dir;
  fs::path project = dir.path() / "project";
  fs::path bin = dir.path() / "bin";
  fs::path state = dir.path() / "state";
  std::unique_ptr<ProcessRunner> runner = MakeRealProcessRunner();
  RunOptions options;

  Lab() {
    fs::create_directories(project);
    fs::create_directories(bin);
    fs::create_directories(state);
    fs::create_symlink(testing::BuildDir() / "standins" / "bin" / "minikube", bin / "minikube");
    fs::create_symlink(testing::SourceDir() / "tests" / "testdata" / "lifecycle" / "kubectl",
                       bin / "kubectl");
    options.cwd = project.string();
    options.env["PATH"] = bin.string() + ":/usr/bin:/bin";
    options.env["MINIKUBE_STANDIN_STATE"] = state.string();
    // Keep every probe of the "node" on loopback: tests never send traffic off this machine.
    options.env["MINIKUBE_STANDIN_IP"] = "127.0.0.1";
    options.env["KUBECTL_FAKE_STATE"] = state.string();
    options.timeout = std::chrono::seconds(60);
  }

  ProcessResult Tfsk(std::vector<std::string> args) {
    Argv argv = {(testing::BuildDir() / "cli" / "tfsk").string()};
    argv.insert(argv.end(), args.begin(), args.end());
    auto r = runner->Run(argv, {}, options);
    REQUIRE_MESSAGE(r.ok(), r.status().message());
    return *r;
  }

  /// The demo model in models/half_plus_two and a tfsk.yaml for minikube profile tfsk;
  /// `server` is the yaml's server section ("" = the default image).
  void InitProject(const std::string& server = "") {
    auto model = Tfsk({"model", "init", "half_plus_two", "models/half_plus_two"});
    REQUIRE_MESSAGE(model.exit_code == 0, model.err);
    std::ofstream(project / "tfsk.yaml")
        << "apiVersion: tfsk/v1\nmodel:\n  name: half_plus_two\n  path: models/half_plus_two\n"
        << server << "cluster:\n  target: minikube\n  profile: tfsk\n";
  }

  /// How many `minikube image load` ran (the stand-in logs each one).
  int ImageLoads() const {
    std::ifstream in(state / "images.log");
    int n = 0;
    for (std::string line; std::getline(in, line);) ++n;
    return n;
  }
};

TEST_SUITE("tfsk on minikube (stand-ins)") {
  TEST_CASE("up, up again, status, doctor, down") {
    Lab lab;
    lab.InitProject();

    auto up = lab.Tfsk({"up"});
    INFO(up.err);
    REQUIRE(up.exit_code == 0);
    CHECK(up.out.find("http://127.0.0.1:30001/v1/models/half_plus_two") != std::string::npos);
    CHECK(up.err.find("starting") != std::string::npos);
    CHECK(up.err.find("apply: created 4") != std::string::npos);
    auto st = LoadDeployState(lab.project);
    REQUIRE(st.ok());
    REQUIRE(st->has_value());
    CHECK((*st)->context == "tfsk");

    auto again = lab.Tfsk({"up"});
    INFO(again.err);
    REQUIRE(again.exit_code == 0);
    CHECK(again.err.find("running (reused)") != std::string::npos);
    CHECK(again.err.find("already up to date (unchanged)") != std::string::npos);

    auto status = lab.Tfsk({"status", "-o", "json"});
    INFO(status.err);
    CHECK(status.exit_code == 0);
    CHECK(status.out.find("\"healthy\":true") != std::string::npos);

    auto doctor = lab.Tfsk({"doctor"});
    INFO(doctor.out);
    CHECK(doctor.exit_code == 0);
    CHECK(doctor.out.find("PASS metrics-api") != std::string::npos);

    auto down = lab.Tfsk({"down", "--stop-cluster"});
    INFO(down.err);
    CHECK(down.exit_code == 0);
    CHECK(down.err.find("stopped") != std::string::npos);
    CHECK_FALSE(fs::exists(DeployStatePath(lab.project)));

    // The lab's tensorflow/serving holds no model, and kube has no host folder to mount.
    auto kube = lab.Tfsk({"up", "--target", "kube"});
    INFO(kube.err);
    CHECK(kube.exit_code == 3);
    CHECK(kube.err.find("server.modelInImage: true") != std::string::npos);
  }

  TEST_CASE(
      "server.image tfsk-serving: loaded once, listed afterwards, loaded again when recreated") {
    Lab lab;
    lab.InitProject("server:\n  image: tfsk-serving\n");

    auto up = lab.Tfsk({"up"});
    INFO(up.err);
    REQUIRE(up.exit_code == 0);
    CHECK(up.err.find("loaded into minikube") != std::string::npos);
    CHECK(lab.ImageLoads() == 1);

    // The second run finds the content tag in `minikube image ls` and loads nothing.
    auto again = lab.Tfsk({"up"});
    INFO(again.err);
    REQUIRE(again.exit_code == 0);
    CHECK(again.err.find("already in minikube") != std::string::npos);
    CHECK(again.err.find("loaded into minikube") == std::string::npos);
    CHECK(lab.ImageLoads() == 1);

    // A deleted and recreated cluster has lost the image: it is loaded again (from the cached
    // archive), on a cri-o node this time, which lists it under localhost/.
    auto deleted = lab.runner->Run({"minikube", "-p", "tfsk", "delete"}, {}, lab.options);
    REQUIRE(deleted.ok());
    REQUIRE(deleted->exit_code == 0);
    lab.options.env["MINIKUBE_STANDIN_RUNTIME"] = "cri-o";
    auto recreated = lab.Tfsk({"up"});
    INFO(recreated.err);
    REQUIRE(recreated.exit_code == 0);
    CHECK(recreated.err.find("loaded into minikube (archive reused)") != std::string::npos);
    CHECK(lab.ImageLoads() == 2);
    auto last = lab.Tfsk({"up"});
    INFO(last.err);
    REQUIRE(last.exit_code == 0);
    CHECK(last.err.find("already in minikube") != std::string::npos);
    CHECK(lab.ImageLoads() == 2);
    CHECK(lab.Tfsk({"down"}).exit_code == 0);
  }

  TEST_CASE("server.image tfsk-serving: a failing `image ls` is one warning, even with --quiet") {
    Lab lab;
    lab.InitProject("server:\n  image: tfsk-serving\n");
    lab.options.env["MINIKUBE_STANDIN_FAIL"] = "image-ls:80";
    auto up = lab.Tfsk({"up", "--quiet"});
    INFO(up.err);
    REQUIRE(up.exit_code == 0);
    const std::string warning =
        "image: warning: `minikube -p tfsk image ls --format short` failed (exit 80): minikube "
        "could not list the images in the cluster's container runtime [GUEST_IMAGE_LIST]; not "
        "fatal, the image is loaded instead; to inspect: `minikube -p tfsk image ls`";
    const auto at = up.err.find(warning);
    CHECK(at != std::string::npos);
    // The only warning, and the image was loaded instead.
    CHECK(up.err.find("warning", at + warning.size()) == std::string::npos);
    CHECK(lab.ImageLoads() == 1);
    CHECK(lab.Tfsk({"down"}).exit_code == 0);
  }
}

}  // namespace
}  // namespace tfsk::lifecycle
