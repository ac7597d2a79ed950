#pragma once
// Pure builders of minikube command lines: no I/O, so every flag is table-tested
// (minikube_args_test.cpp). Every command except `version` names the profile with `-p`,
// so tfsk never acts on whatever profile happens to be minikube's default (k8s-tools.md §4 #10).

#include <optional>
#include <string>

#include "lib/process/process_runner.h"

namespace tfsk::cluster {

/// What `minikube start` is asked for. Empty strings leave minikube's own default.
struct StartSpec {
  std::string driver;       ///< docker, podman, virtualbox, kvm2, qemu, hyperkit, hyperv, ...
  std::string cpus;         ///< "2", "max", "no-limit" (minikube takes a string)
  std::string memory;       ///< "4096mb", "4g", "max"
  std::string mount_host;   ///< host side of the model mount; empty means no mount
  std::string mount_guest;  ///< guest side (the hostPath the Deployment uses), e.g. /var/tmp/models
  std::string kubernetes_version;  ///< e.g. "v1.32.0"; empty = minikube's default
};

/// Builds argv for one minikube profile. Cheap value type; thread-compatible.
class MinikubeArgs {
 public:
  explicit MinikubeArgs(std::string profile, std::string program = "minikube")
      : profile_(std::move(profile)), program_(std::move(program)) {}

  const std::string& profile() const { return profile_; }

  /// minikube -p P status -o json  (exit code is a bit mask, see ParseMinikubeStatus)
  Argv Status() const;
  /// minikube -p P start [--driver=D] [--cpus=N] [--memory=M] [--mount --mount-string=H:G]
  /// [--kubernetes-version=V]. Both mount flags are passed: `--mount` is required before
  /// v1.37 and ignored since, when `--mount-string` alone triggers the mount (k8s-tools §1.2).
  Argv Start(const StartSpec& spec) const;
  /// Start(spec) plus `--output=json`: progress as CloudEvents lines (minikube_events.h).
  Argv StartWithProgress(const StartSpec& spec) const;
  /// minikube -p P stop
  Argv Stop() const;
  /// minikube -p P delete
  Argv Delete() const;
  /// minikube -p P ip
  Argv Ip() const;
  /// minikube -p P addons list -o json
  Argv AddonsList() const;
  /// minikube -p P addons enable NAME
  Argv AddonEnable(const std::string& addon) const;
  /// `image load FILE`: an image archive (docker-archive or OCI) into the node's runtime.
  Argv ImageLoad(const std::string& archive) const;
  /// minikube -p P image ls --format short  (one reference per line: ParseImageList)
  Argv ImageList() const;
  /// minikube -p P service NAME --url -n NS  (may block: a tunnel on docker-on-mac & co.)
  Argv ServiceUrl(const std::string& service, const std::string& ns) const;
  /// minikube -p P dashboard --url  (blocks: holds a kubectl proxy)
  Argv DashboardUrl() const;
  /// minikube -p P ssh -- COMMAND...
  Argv Ssh(const std::vector<std::string>& command) const;
  /// minikube profile list -o json  (all profiles; no -p)
  Argv ProfileList() const;
  /// minikube version --short
  Argv Version() const;

 private:
  Argv Base() const { return {program_, "-p", profile_}; }
  std::string profile_;
  std::string program_;
};

}  // namespace tfsk::cluster
