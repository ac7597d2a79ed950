#pragma once
// Pure builders of kubectl command lines. Every command that talks to a cluster gets
// `--context` and `--namespace` here, in one place, so no call can drift to the user's current
// context (k8s-tools.md §4 #10). Table-tested in kubectl_args_test.cpp.

#include <chrono>
#include <string>
#include <vector>

#include "lib/process/process_runner.h"

namespace tfsk::cluster {

/// Which cluster and namespace kubectl acts on. For minikube the context is the profile name.
struct KubeTarget {
  std::string context;
  std::string ns = "default";
};

/// Builds argv for one context + namespace. Cheap value type; thread-compatible.
class KubectlArgs {
 public:
  /// How many pods `logs -f` follows at once (kubectl's own default is 5).
  static constexpr int kMaxFollowedPods = 100;

  explicit KubectlArgs(KubeTarget target, std::string program = "kubectl")
      : target_(std::move(target)), program_(std::move(program)) {}

  const KubeTarget& target() const { return target_; }

  /// kubectl --context C --namespace N ARGS...  (the one place the two flags are added)
  Argv With(const std::vector<std::string>& args) const;

  /// ... apply -f -  (manifests on stdin); `dry_run_server` adds --dry-run=server
  Argv Apply(bool dry_run_server = false) const;
  /// ... get KIND NAME -o json
  Argv Get(const std::string& kind, const std::string& name) const;
  /// ... get KIND -l SELECTOR -o json
  Argv List(const std::string& kind, const std::string& selector) const;
  /// ... get events -o json [--field-selector involvedObject.name=NAME]
  Argv Events(const std::string& involved_object = "") const;
  /// ... delete KINDS -l SELECTOR --ignore-not-found --wait=false|true (KINDS comma-joined)
  Argv DeleteBySelector(const std::vector<std::string>& kinds, const std::string& selector,
                        bool wait) const;
  /// ... rollout status deployment/NAME --timeout=Ns
  Argv RolloutStatus(const std::string& deployment, std::chrono::seconds timeout) const;
  /// ... top pods [-l SELECTOR]  (succeeds once the Metrics API serves)
  Argv TopPods(const std::string& selector = "") const;
  /// ... logs -l SELECTOR --tail=N --prefix [-f --max-log-requests=kMaxFollowedPods]
  Argv Logs(const std::string& selector, int tail, bool follow) const;

  /// ... get nodes -o json  (nodes are cluster-scoped; the namespace flag is harmless)
  Argv Nodes() const;
  /// ... port-forward service/NAME :PORT  (kubectl picks a free local port and prints it)
  Argv PortForward(const std::string& service, int port) const;

  /// kubectl version --client -o json  (no --context: it must work with no kubeconfig at all)
  Argv ClientVersion() const;
  /// kubectl config get-contexts -o name  (no --context: it lists them all)
  Argv ContextNames() const;
  /// kubectl config current-context
  Argv CurrentContext() const;

 private:
  KubeTarget target_;
  std::string program_;
};

}  // namespace tfsk::cluster
