#pragma once
// `.tfsk/state.json`: what `tfsk up` applied to a cluster, so `tfsk status/down/url` act on
// exactly that (context, namespace, profile, the label selector and the objects) even after
// tfsk.yaml changed. Written atomically (lib/state/state_dir.h) after a successful apply, so a
// Ctrl-C leaves either the previous file or the new one.

#include <filesystem>
#include <optional>
#include <string>
#include <vector>

#include "lib/base/status.h"

namespace tfsk::lifecycle {

struct AppliedRef {
  std::string kind;  ///< "deployment", "service", ...
  std::string name;
  friend bool operator==(const AppliedRef&, const AppliedRef&) = default;
};

struct DeployState {
  std::string target = "minikube";
  std::string profile;
  std::string context;
  std::string name_space;
  std::string selector;    ///< the labels every applied object carries
  std::string deployment;  ///< for status/rollout
  std::string service;
  std::string hpa;         ///< "" when autoscale is off
  std::string url;         ///< "" when a tunnel is needed (see `tfsk url`)
  std::string model;       ///< model.name: the URL path /v1/models/<model>
  int service_port = 0;    ///< the Service's port (kube: what `kubectl port-forward` forwards)
  std::vector<AppliedRef> objects;
  friend bool operator==(const DeployState&, const DeployState&) = default;
};

/// `<project>/.tfsk/state.json`.
std::filesystem::path DeployStatePath(const std::filesystem::path& project);

std::string DeployStateToJson(const DeployState& s);
/// DataLoss naming `label` when the text is not a state object.
StatusOr<DeployState> DeployStateFromJson(const std::string& json, const std::string& label);

/// nullopt when there is no file; DataLoss for a corrupt one.
StatusOr<std::optional<DeployState>> LoadDeployState(const std::filesystem::path& project);
Status SaveDeployState(const std::filesystem::path& project, const DeployState& s);
/// Removes the file (no error when it is already gone).
Status ClearDeployState(const std::filesystem::path& project);

}  // namespace tfsk::lifecycle
