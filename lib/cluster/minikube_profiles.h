#pragma once
// `minikube profile list -o json`: the clusters minikube knows and how they were created
// ({"invalid": [...], "valid": [{"Name", "Status", "Config": ClusterConfig, ...}]}, ClusterConfig
// field names as in minikube's pkg/minikube/config/types.go). tfsk reads it to learn an existing
// profile's driver (for endpoint resolution) and mount (to catch a GUEST_MOUNT_CONFLICT before
// `minikube start` fails with exit 81).

#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "lib/base/status.h"

namespace tfsk::cluster {

struct ProfileInfo {
  std::string name;
  std::string status;  ///< e.g. "OK", "Running", "Stopped" (wording varies across versions)
  std::string driver;
  std::string mount_string;                        ///< Config.MountString ("host:guest" or "")
  std::vector<std::string> container_volume_mounts;///< Config.ContainerVolumeMounts (docker/podman)
  int cpus = 0;
  int memory_mb = 0;
  std::string kubernetes_version;
  bool valid = true;  ///< listed under "invalid" when false

  /// The mount the cluster was created with: the KIC bind mount if any, else MountString.
  std::string CurrentMount() const;
};

/// All profiles, valid first. Empty output or `{}` gives an empty list.
StatusOr<std::vector<ProfileInfo>> ParseProfileList(std::string_view out);

/// Why starting `existing` with `desired_mount` ("host:guest", or "" for none) would fail on a
/// docker/podman cluster (mounts are fixed at creation, k8s-tools.md §1.2), with the fix;
/// nullopt when it would not (VM drivers remount on start).
std::optional<std::string> MountConflict(const ProfileInfo& existing, const std::string& desired_mount);

}  // namespace tfsk::cluster
