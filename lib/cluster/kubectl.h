#pragma once
// The kubectl driver: one context + namespace, every call through the injected ProcessRunner.
// argv from KubectlArgs (so --context/--namespace are never forgotten), meaning from
// kubectl_output.h / workload_status.h, errors from reasons.h. Not thread-safe.

#include <chrono>
#include <memory>
#include <string>
#include <string_view>
#include <vector>

#include "lib/base/status.h"
#include "lib/cluster/kubectl_args.h"
#include "lib/cluster/kube_exposure.h"
#include "lib/cluster/kubectl_output.h"
#include "lib/cluster/minikube.h"  // ServiceTunnel
#include "lib/cluster/workload_status.h"
#include "lib/process/process_runner.h"

namespace tfsk::cluster {

struct KubectlOptions {
  std::string program = "kubectl";
  /// Limit for one ordinary request (get, apply, delete without wait).
  std::chrono::seconds request_timeout{60};
  /// Environment/cwd for every call (tests set KUBECONFIG and KUBECACHEDIR here).
  RunOptions base;
};

class Kubectl {
 public:
  /// `runner` must outlive this object.
  Kubectl(ProcessRunner& runner, KubeTarget target, KubectlOptions options = {});

  const KubectlArgs& args() const { return args_; }
  /// Every later call goes to `context` (target kube: after the current context was resolved, so
  /// a context switch meanwhile cannot redirect tfsk).
  void SetContext(const std::string& context);

  /// `kubectl --context C --namespace N apply -f -` with `manifests` (multi-document YAML) on
  /// stdin; returns what happened to each object (created/configured/unchanged).
  StatusOr<std::vector<AppliedObject>> Apply(std::string_view manifests, bool dry_run_server = false);
  /// `get hpa NAME -o json`. A missing object is NotFound (reason K_NOT_FOUND).
  StatusOr<HpaStatus> GetHpa(const std::string& name);
  /// `get deployment NAME -o json`.
  StatusOr<DeploymentStatus> GetDeployment(const std::string& name);
  /// `get pods -l SELECTOR -o json` (empty vector when none match).
  StatusOr<std::vector<PodStatus>> GetPods(const std::string& selector);
  /// `get events -o json` (optionally of one object), oldest first.
  StatusOr<std::vector<EventInfo>> GetEvents(const std::string& involved_object = "");
  /// `delete KINDS -l SELECTOR --ignore-not-found` (idempotent); with `wait`, kubectl waits up
  /// to `timeout` for the objects to be gone.
  ::tfsk::Status DeleteBySelector(const std::vector<std::string>& kinds, const std::string& selector,
                                  bool wait, std::chrono::seconds timeout);
  /// `rollout status deployment/NAME --timeout=Ns`. On failure the error carries
  /// K_ROLLOUT_TIMEOUT or K_PROGRESS_DEADLINE; callers add pod reasons and events.
  ::tfsk::Status RolloutStatus(const std::string& deployment, std::chrono::seconds timeout);
  /// Whether the Metrics API serves (`top pods` works). false for the two "not yet" answers
  /// (K_METRICS_API_NOT_AVAILABLE, K_METRICS_NOT_YET); other failures are errors.
  StatusOr<bool> MetricsAvailable();
  /// `logs -l SELECTOR --tail=N` → the text (all matching pods).
  StatusOr<std::string> Logs(const std::string& selector, int tail);
  /// `logs -l SELECTOR --tail=N -f` as a long-lived child: read lines until the caller stops it.
  StatusOr<std::unique_ptr<ChildProcess>> FollowLogs(const std::string& selector, int tail);
  /// `kubectl version --client -o json` (no cluster needed).
  StatusOr<ToolVersion> ClientVersion();
  /// `kubectl config get-contexts -o name`: every context of the kubeconfig.
  StatusOr<std::vector<std::string>> ContextNames();
  /// `kubectl config current-context`; FailedPrecondition [K_NO_KUBECONFIG] when none is set.
  StatusOr<std::string> CurrentContext();
  /// `get service NAME -o json` → how it is exposed (LoadBalancer ingress, NodePort).
  StatusOr<ServiceExposure> GetServiceExposure(const std::string& name, int port);
  /// `get nodes -o json` → each node's addresses.
  StatusOr<std::vector<NodeAddresses>> GetNodeAddresses();
  /// `port-forward service/NAME :PORT` held as a child: the URL (http://127.0.0.1:LOCAL) works
  /// while the returned handle lives. DeadlineExceeded when kubectl announces no port in time.
  StatusOr<ServiceTunnel> PortForward(const std::string& service, int port,
                                      std::chrono::seconds timeout = std::chrono::seconds(30));

 private:
  StatusOr<ProcessResult> Run(const Argv& argv, std::string_view stdin_text = {});

  ProcessRunner& runner_;
  KubectlArgs args_;
  KubectlOptions options_;
};

}  // namespace tfsk::cluster
