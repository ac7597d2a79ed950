#pragma once
// Parsers of kubectl's line formats (kubectl 1.32; k8s-tools.md §2.4): `apply` results, client
// version, `top pods`. The JSON object shapes (hpa, deployment, pods, events) are in
// workload_status.h. Samples in tests/testdata/cluster/kubectl/.

#include <string>
#include <string_view>
#include <vector>

#include "lib/base/status.h"
#include "lib/cluster/minikube_output.h"  // ToolVersion

namespace tfsk::cluster {

/// What `kubectl apply` did to one object.
enum class ApplyAction { kCreated, kConfigured, kUnchanged, kServerSideApplied, kOther };

/// "created", "configured", "unchanged", "serverside-applied", "other".
std::string_view ApplyActionName(ApplyAction action);

/// One line of `kubectl apply` output: `<kind>[.<group>]/<name> <action>[ (dry run)|(server dry run)]`.
struct AppliedObject {
  std::string kind;    ///< lower-case resource kind as printed: "deployment", "configmap"
  std::string group;   ///< API group, empty for the core group: "apps", "autoscaling"
  std::string name;
  ApplyAction action = ApplyAction::kOther;
  bool dry_run = false;  ///< the line ended in "(dry run)" or "(server dry run)"
  std::string line;      ///< the line as printed (for kOther and messages)
};

/// Every non-empty stdout line of `kubectl apply`. Lines of an unknown shape come back as
/// kOther rather than failing, so a newer kubectl's wording cannot turn a successful apply into
/// an error.
std::vector<AppliedObject> ParseApplyOutput(std::string_view out);

/// "3 unchanged, 1 configured" style one-line summary, in created/configured/unchanged order.
std::string SummarizeApply(const std::vector<AppliedObject>& objects);

/// `kubectl version --client -o json` → clientVersion.gitVersion ("v1.32.4-dispatcher").
StatusOr<ToolVersion> ParseKubectlClientVersion(std::string_view out);

/// True when `kubectl top pods` printed its table header (the Metrics API answers).
bool TopPodsHasMetrics(std::string_view out);

}  // namespace tfsk::cluster
