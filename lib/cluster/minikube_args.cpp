#include "lib/cluster/minikube_args.h"

namespace tfsk::cluster {
namespace {

Argv Plus(Argv argv, std::initializer_list<std::string> more) {
  argv.insert(argv.end(), more);
  return argv;
}

}  // namespace

Argv MinikubeArgs::Status() const { return Plus(Base(), {"status", "-o", "json"}); }

Argv MinikubeArgs::Start(const StartSpec& spec) const {
  Argv argv = Plus(Base(), {"start"});
  // "--flag=value" keeps each flag one word: clearer in --dry-run output and in the fake's script.
  if (!spec.driver.empty()) argv.push_back("--driver=" + spec.driver);
  if (!spec.cpus.empty()) argv.push_back("--cpus=" + spec.cpus);
  if (!spec.memory.empty()) argv.push_back("--memory=" + spec.memory);
  if (!spec.mount_host.empty()) {
    argv.push_back("--mount");
    argv.push_back("--mount-string=" + spec.mount_host + ":" + spec.mount_guest);
  }
  if (!spec.kubernetes_version.empty()) {
    argv.push_back("--kubernetes-version=" + spec.kubernetes_version);
  }
  return argv;
}

Argv MinikubeArgs::StartWithProgress(const StartSpec& spec) const {
  Argv argv = Start(spec);
  argv.push_back("--output=json");
  return argv;
}

Argv MinikubeArgs::Stop() const { return Plus(Base(), {"stop"}); }
Argv MinikubeArgs::Delete() const { return Plus(Base(), {"delete"}); }
Argv MinikubeArgs::Ip() const { return Plus(Base(), {"ip"}); }
Argv MinikubeArgs::AddonsList() const { return Plus(Base(), {"addons", "list", "-o", "json"}); }

Argv MinikubeArgs::AddonEnable(const std::string& addon) const {
  return Plus(Base(), {"addons", "enable", addon});
}

Argv MinikubeArgs::ImageLoad(const std::string& archive) const {
  return Plus(Base(), {"image", "load", archive});
}

Argv MinikubeArgs::ImageList() const { return Plus(Base(), {"image", "ls", "--format", "short"}); }

Argv MinikubeArgs::ServiceUrl(const std::string& service, const std::string& ns) const {
  return Plus(Base(), {"service", service, "--url", "-n", ns});
}

Argv MinikubeArgs::DashboardUrl() const { return Plus(Base(), {"dashboard", "--url"}); }

Argv MinikubeArgs::Ssh(const std::vector<std::string>& command) const {
  Argv argv = Plus(Base(), {"ssh", "--"});
  argv.insert(argv.end(), command.begin(), command.end());
  return argv;
}

Argv MinikubeArgs::ProfileList() const { return {program_, "profile", "list", "-o", "json"}; }

Argv MinikubeArgs::Version() const { return {program_, "version", "--short"}; }

}  // namespace tfsk::cluster
