#include "lib/cluster/kubectl.h"

#include "lib/cluster/command.h"
#include "lib/cluster/held_url.h"
#include "lib/cluster/reasons.h"

namespace tfsk::cluster {

Kubectl::Kubectl(ProcessRunner& runner, KubeTarget target, KubectlOptions options)
    : runner_(runner), args_(std::move(target), options.program), options_(std::move(options)) {}

StatusOr<ProcessResult> Kubectl::Run(const Argv& argv, std::string_view stdin_text) {
  return RunChecked(runner_, argv, stdin_text, WithTimeout(options_.base, options_.request_timeout));
}

StatusOr<std::vector<AppliedObject>> Kubectl::Apply(std::string_view manifests, bool dry_run_server) {
  TFSK_ASSIGN_OR_RETURN(ProcessResult r, Run(args_.Apply(dry_run_server), manifests));
  return ParseApplyOutput(r.out);
}

StatusOr<HpaStatus> Kubectl::GetHpa(const std::string& name) {
  TFSK_ASSIGN_OR_RETURN(ProcessResult r, Run(args_.Get("hpa", name)));
  return ParseHpa(r.out);
}

StatusOr<DeploymentStatus> Kubectl::GetDeployment(const std::string& name) {
  TFSK_ASSIGN_OR_RETURN(ProcessResult r, Run(args_.Get("deployment", name)));
  return ParseDeployment(r.out);
}

StatusOr<std::vector<PodStatus>> Kubectl::GetPods(const std::string& selector) {
  TFSK_ASSIGN_OR_RETURN(ProcessResult r, Run(args_.List("pods", selector)));
  return ParsePodList(r.out);
}

StatusOr<std::vector<EventInfo>> Kubectl::GetEvents(const std::string& involved_object) {
  TFSK_ASSIGN_OR_RETURN(ProcessResult r, Run(args_.Events(involved_object)));
  return ParseEventList(r.out);
}

::tfsk::Status Kubectl::DeleteBySelector(const std::vector<std::string>& kinds,
                                         const std::string& selector, bool wait,
                                         std::chrono::seconds timeout) {
  // kubectl's own --wait has no limit; the runner's timeout bounds it.
  RunOptions options = WithTimeout(options_.base, wait ? timeout : options_.request_timeout);
  return RunChecked(runner_, args_.DeleteBySelector(kinds, selector, wait), {}, options).status();
}

::tfsk::Status Kubectl::RolloutStatus(const std::string& deployment, std::chrono::seconds timeout) {
  // kubectl enforces --timeout itself and explains it; the runner limit is only a backstop.
  RunOptions options = WithTimeout(options_.base, timeout + std::chrono::seconds(30));
  return RunChecked(runner_, args_.RolloutStatus(deployment, timeout), {}, options).status();
}

StatusOr<bool> Kubectl::MetricsAvailable() {
  Argv argv = args_.TopPods();
  TFSK_ASSIGN_OR_RETURN(ProcessResult r,
                        RunAnyExit(runner_, argv, {}, WithTimeout(options_.base, options_.request_timeout)));
  if (r.exit_code == 0) return true;
  const Reason* reason = MatchReason(argv, r.exit_code, r.out, r.err);
  if (reason != nullptr &&
      (reason->id == "K_METRICS_API_NOT_AVAILABLE" || reason->id == "K_METRICS_NOT_YET")) {
    return false;
  }
  return CommandFailure(argv, r);
}

StatusOr<std::string> Kubectl::Logs(const std::string& selector, int tail) {
  TFSK_ASSIGN_OR_RETURN(ProcessResult r, Run(args_.Logs(selector, tail, false)));
  return r.out;
}

StatusOr<std::unique_ptr<ChildProcess>> Kubectl::FollowLogs(const std::string& selector, int tail) {
  auto child = runner_.Start(args_.Logs(selector, tail, true), options_.base);
  if (!child.ok()) return WithInstallHint(child.status(), options_.program);
  return child;
}

void Kubectl::SetContext(const std::string& context) {
  KubeTarget target = args_.target();
  target.context = context;
  args_ = KubectlArgs(std::move(target), options_.program);
}

StatusOr<std::vector<std::string>> Kubectl::ContextNames() {
  TFSK_ASSIGN_OR_RETURN(ProcessResult r, Run(args_.ContextNames()));
  std::vector<std::string> names;
  std::size_t start = 0;
  while (start < r.out.size()) {
    std::size_t end = r.out.find('\n', start);
    if (end == std::string::npos) end = r.out.size();
    std::string line = r.out.substr(start, end - start);
    if (!line.empty() && line.back() == '\r') line.pop_back();
    if (!line.empty()) names.push_back(line);
    start = end + 1;
  }
  return names;
}

StatusOr<std::string> Kubectl::CurrentContext() {
  TFSK_ASSIGN_OR_RETURN(ProcessResult r, Run(args_.CurrentContext()));
  std::string name = r.out;
  while (!name.empty() && (name.back() == '\n' || name.back() == '\r')) name.pop_back();
  return name;
}

StatusOr<ServiceExposure> Kubectl::GetServiceExposure(const std::string& name, int port) {
  TFSK_ASSIGN_OR_RETURN(ProcessResult r, Run(args_.Get("service", name)));
  return ParseServiceExposure(r.out, port);
}

StatusOr<std::vector<NodeAddresses>> Kubectl::GetNodeAddresses() {
  TFSK_ASSIGN_OR_RETURN(ProcessResult r, Run(args_.Nodes()));
  return ParseNodeAddresses(r.out);
}

StatusOr<ServiceTunnel> Kubectl::PortForward(const std::string& service, int port,
                                             std::chrono::seconds timeout) {
  return HoldUntilUrl(runner_, args_.PortForward(service, port), options_.base, timeout,
                      PortForwardUrlInLine);
}

StatusOr<ToolVersion> Kubectl::ClientVersion() {
  TFSK_ASSIGN_OR_RETURN(ProcessResult r, Run(args_.ClientVersion()));
  return ParseKubectlClientVersion(r.out);
}

}  // namespace tfsk::cluster
