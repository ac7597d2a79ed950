#pragma once
// Which deployment target a command acts on, and why — the one place the choice is made.
// `tfsk up/status/down` switch on Target::kind; each target's implementation lives in its own
// room (lib/local for kLocal; minikube and kube plug in beside it).

#include <string>

#include "lib/base/status.h"

namespace tfsk::lifecycle {

enum class TargetKind { kLocal, kMinikube, kKube };

struct Target {
  TargetKind kind = TargetKind::kLocal;
  std::string reason;  ///< for the first line of `tfsk up`, e.g. "--target local"
};

/// "local", "minikube", "kube".
std::string TargetName(TargetKind kind);

/// Precedence: `flag` (--target) > `configured` (cluster.target from tfsk.yaml, with `origin`
/// e.g. "tfsk.yaml:12:11") > minikube when `minikube_on_path`, else local.
/// InvalidArgument for a name that is not local|minikube|kube.
StatusOr<Target> ChooseTarget(const std::string& flag, const std::string& configured,
                              const std::string& origin, bool minikube_on_path);

/// True when an executable `name` is in one of PATH's folders.
bool CommandOnPath(const std::string& name);

}  // namespace tfsk::lifecycle
