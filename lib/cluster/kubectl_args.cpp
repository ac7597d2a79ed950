#include "lib/cluster/kubectl_args.h"

namespace tfsk::cluster {

Argv KubectlArgs::With(const std::vector<std::string>& args) const {
  Argv argv = {program_, "--context", target_.context, "--namespace", target_.ns};
  argv.insert(argv.end(), args.begin(), args.end());
  return argv;
}

Argv KubectlArgs::Apply(bool dry_run_server) const {
  if (dry_run_server) return With({"apply", "--dry-run=server", "-f", "-"});
  return With({"apply", "-f", "-"});
}

Argv KubectlArgs::Get(const std::string& kind, const std::string& name) const {
  return With({"get", kind, name, "-o", "json"});
}

Argv KubectlArgs::List(const std::string& kind, const std::string& selector) const {
  return With({"get", kind, "-l", selector, "-o", "json"});
}

Argv KubectlArgs::Events(const std::string& involved_object) const {
  if (involved_object.empty()) return With({"get", "events", "-o", "json"});
  return With({"get", "events", "--field-selector", "involvedObject.name=" + involved_object,
               "-o", "json"});
}

Argv KubectlArgs::DeleteBySelector(const std::vector<std::string>& kinds,
                                   const std::string& selector, bool wait) const {
  std::string joined;
  for (const auto& k : kinds) joined += (joined.empty() ? "" : ",") + k;
  return With({"delete", joined, "-l", selector, "--ignore-not-found",
               wait ? "--wait=true" : "--wait=false"});
}

Argv KubectlArgs::RolloutStatus(const std::string& deployment,
                                std::chrono::seconds timeout) const {
  return With({"rollout", "status", "deployment/" + deployment,
               "--timeout=" + std::to_string(timeout.count()) + "s"});
}

Argv KubectlArgs::TopPods(const std::string& selector) const {
  if (selector.empty()) return With({"top", "pods"});
  return With({"top", "pods", "-l", selector});
}

Argv KubectlArgs::Logs(const std::string& selector, int tail, bool follow) const {
  // --prefix: with several replicas each line says which pod wrote it. Following opens one
  // stream per pod and kubectl refuses more than 5 by default, fewer than an HPA may run.
  Argv argv = With({"logs", "-l", selector, "--tail=" + std::to_string(tail), "--prefix"});
  if (follow) {
    argv.push_back("-f");
    argv.push_back("--max-log-requests=" + std::to_string(kMaxFollowedPods));
  }
  return argv;
}

Argv KubectlArgs::Nodes() const { return With({"get", "nodes", "-o", "json"}); }

Argv KubectlArgs::PortForward(const std::string& service, int port) const {
  return With({"port-forward", "service/" + service, ":" + std::to_string(port)});
}

Argv KubectlArgs::ClientVersion() const { return {program_, "version", "--client", "-o", "json"}; }

Argv KubectlArgs::ContextNames() const { return {program_, "config", "get-contexts", "-o", "name"}; }

Argv KubectlArgs::CurrentContext() const { return {program_, "config", "current-context"}; }

}  // namespace tfsk::cluster
