#pragma once
// Shared by the lifecycle tests (header only; not part of the library's API): a lab-like config
// on profile "tfsk", drivers over a FakeProcessRunner, a fixed clock and a no-op sleep, and the
// argv every step runs, written out literally so a changed flag shows up as a test failure.

#include <sstream>

#include "lib/config/defaults.h"
#include "lib/lifecycle/minikube_env.h"
#include "lib/lifecycle/progress.h"
#include "tests/support/fake_process_runner.h"
#include "tests/support/shared.h"

namespace tfsk::lifecycle::test {

inline config::Config LabConfig() {
  config::Config c = config::Defaults();
  c.cluster.profile = "tfsk";
  c.cluster.driver = "docker";
  c.cluster.cpus = "2";
  c.cluster.memory = "4g";
  c.model.path = "/home/u/models";  // matches tests/testdata/cluster/minikube/profile_list.json
  c.cluster.mount.guest = "/var/tmp/models";
  config::Derive(c);
  return c;
}

/// Drivers, progress and options wired to one fake; `out` collects the progress lines.
struct Rig {
  testing::FakeProcessRunner fake;
  cluster::Minikube minikube{fake, "tfsk"};
  cluster::Kubectl kubectl{fake, cluster::KubeTarget{"tfsk", "default"}};
  MinikubeDrivers drivers{fake, minikube, kubectl};
  std::ostringstream out;
  Progress progress{out, Verbosity::kNormal, [] { return 0.0; }};
  testing::TempDir project;
  LifecycleOptions options;
  int sleeps = 0;

  Rig() {
    options.project_dir = project.path();
    options.host = cluster::HostFacts{};  // linux, no Docker Desktop: NodePort reachable
    options.metrics_timeout = std::chrono::seconds(10);
    options.down_timeout = std::chrono::seconds(10);
    options.poll_interval = std::chrono::milliseconds(5000);
    options.sleep = [this](std::chrono::milliseconds) { ++sleeps; };
  }
};

inline const Argv kStatus = {"minikube", "-p", "tfsk", "status", "-o", "json"};
inline const Argv kProfiles = {"minikube", "profile", "list", "-o", "json"};
inline const Argv kStart = {"minikube",
                            "-p",
                            "tfsk",
                            "start",
                            "--driver=docker",
                            "--cpus=2",
                            "--memory=4g",
                            "--mount",
                            "--mount-string=/home/u/models:/var/tmp/models"};
inline const Argv kAddons = {"minikube", "-p", "tfsk", "addons", "list", "-o", "json"};
inline const Argv kEnable = {"minikube", "-p", "tfsk", "addons", "enable", "metrics-server"};
inline const Argv kIp = {"minikube", "-p", "tfsk", "ip"};
inline const Argv kStop = {"minikube", "-p", "tfsk", "stop"};
inline Argv Kubectl(std::vector<std::string> args) {
  Argv a = {"kubectl", "--context", "tfsk", "--namespace", "default"};
  a.insert(a.end(), args.begin(), args.end());
  return a;
}
inline const Argv kTop = Kubectl({"top", "pods"});
inline const Argv kApplyCheck = Kubectl({"apply", "--dry-run=server", "-f", "-"});
inline const Argv kApply = Kubectl({"apply", "-f", "-"});
inline const Argv kRollout =
    Kubectl({"rollout", "status", "deployment/tf-serving-deployment", "--timeout=300s"});
inline const std::string kSelector =
    "app.kubernetes.io/managed-by=tfsk,app.kubernetes.io/instance=half_plus_two";

inline std::string Data(const std::string& rel) { return testing::ReadTestData(rel); }

}  // namespace tfsk::lifecycle::test
