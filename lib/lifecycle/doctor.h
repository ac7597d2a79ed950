#pragma once
// `tfsk doctor`: the ten checks of k8s-tools.md §4 (the usual lab failures), each PASS, WARN or
// FAIL with the command that fixes it. Checks that need a running cluster say so (WARN, "run
// `tfsk up`") instead of failing when the cluster is simply not started yet.

#include <string>
#include <vector>

#include "lib/config/config.h"
#include "lib/lifecycle/minikube_env.h"

namespace tfsk::lifecycle {

enum class CheckLevel { kPass, kWarn, kFail };

/// "PASS", "WARN", "FAIL".
std::string_view CheckLevelName(CheckLevel level);

struct CheckResult {
  std::string id;      ///< stable: "minikube", "kubectl", "cluster", "context", "endpoint",
                       ///< "metrics-addon", "metrics-api", "model-mount", "image-arch", "resources"
  CheckLevel level = CheckLevel::kPass;
  std::string detail;  ///< what was found
  std::string fix;     ///< the command or change that fixes it ("" for PASS)
};

/// Host facts doctor cannot get from the runner.
struct DoctorHost {
  std::string arch = "x86_64";  ///< uname -m
};

/// Runs every check in order (each through the drivers; none changes anything).
std::vector<CheckResult> RunDoctor(const config::Config& config, MinikubeDrivers& d,
                                   const LifecycleOptions& options, const DoctorHost& host = {});

/// Target kube: the checks that apply to a cluster tfsk did not create — kubectl, the context
/// (cluster.context or the current one, present in the kubeconfig), the Metrics API (WARN: tfsk
/// installs nothing there), skopeo when tfsk pushes its image, and resources. Nothing changes.
std::vector<CheckResult> RunKubeDoctor(const config::Config& config, MinikubeDrivers& d);

/// Text: one "PASS id: detail" line each, plus "  fix: ..." under WARN/FAIL; then a summary.
std::string DoctorText(const std::vector<CheckResult>& checks);
/// JSON: {"checks":[{"id","level","detail","fix"}...],"ok":bool}.
std::string DoctorJson(const std::vector<CheckResult>& checks);
/// True when no check FAILed.
bool DoctorOk(const std::vector<CheckResult>& checks);

/// The machine's architecture (uname -m).
std::string HostArch();

}  // namespace tfsk::lifecycle
