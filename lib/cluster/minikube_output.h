#pragma once
// Parsers of minikube's output formats (v1.37, through pipes; k8s-tools.md §1). Pure functions
// over the text a command printed and its exit code; samples in tests/testdata/cluster/minikube/.

#include <map>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "lib/base/status.h"

namespace tfsk::cluster {

/// `minikube status -o json` decoded. The exit code is authoritative (minikube's own bit mask:
/// 1 host not Running, 2 kubelet/apiserver not Running, 4 kubeconfig not Configured; 85 no
/// such profile); the JSON adds the per-component words (Running, Stopped, Paused, ...).
struct MinikubeStatus {
  bool exists = false;  ///< false when the profile does not exist (exit 85)
  int exit_code = 0;
  std::string name;  ///< profile / control-plane node name
  std::string host;  ///< e.g. "Running", "Stopped"; empty if the JSON was unusable
  std::string kubelet;
  std::string apiserver;   ///< "Running", "Stopped", "Paused", ...
  std::string kubeconfig;  ///< "Configured", "Misconfigured", "Stopped"

  bool HostRunning() const { return exists && (exit_code & 1) == 0; }
  bool KubernetesRunning() const { return exists && (exit_code & 2) == 0; }
  bool KubeconfigConfigured() const { return exists && (exit_code & 4) == 0; }
  /// Everything up: tfsk can use the cluster as it is.
  bool Ready() const { return exists && exit_code == 0; }
  /// One line for people: "Running", "not created", "Stopped (host Stopped, apiserver Stopped,
  /// ...)".
  std::string Summary() const;
};

/// Decodes `minikube -p P status -o json`: a single object, or an array for multi-node clusters
/// (the control-plane entry is used). Exit codes 0–7 and 85 are understood; any other code is
/// InvalidArgument (the caller reports it as a failed command). Unparseable JSON is an error only
/// when the exit code says everything is running.
StatusOr<MinikubeStatus> ParseMinikubeStatus(std::string_view out, int exit_code);

/// `minikube addons list -o json`: {"<addon>": {"Profile": "...", "Status": "enabled"}, ...}
/// → addon name → enabled? (An entry without Status, printed when no cluster exists, is false.)
StatusOr<std::map<std::string, bool>> ParseAddonsList(std::string_view out);

/// The URLs (http:// or https://) in `minikube service NAME --url` output, one per service
/// port, in order. Other lines are ignored. Empty result when there is none.
std::vector<std::string> ParseServiceUrls(std::string_view out);

/// `line` trimmed, if it is an http(s) URL; the line-at-a-time form used while a tunnel runs.
std::optional<std::string> ServiceUrlInLine(std::string_view line);

/// `minikube ip`: the first line, checked to look like an IPv4 or IPv6 address.
StatusOr<std::string> ParseIp(std::string_view out);

/// `minikube image ls --format short`: every image reference the node's runtime knows, one per
/// line as minikube prints them (its runtimes' RepoTags, e.g. "docker.io/library/x:1"), in
/// order; blank lines (an empty cluster prints just "\n") are dropped and the rest trimmed.
std::vector<std::string> ParseImageList(std::string_view out);

/// Whether `listed` (one line of ParseImageList) names the local image `reference` (e.g.
/// "tfsk-serving:sha256-0123456789ab"). Runtimes print an image loaded under a short name with
/// the registry they assume for it: docker and containerd normalise it to
/// "docker.io/library/NAME:TAG" ("docker.io/USER/NAME:TAG" with one slash), cri-o and podman to
/// "localhost/NAME:TAG"; the bare form matches too. The tag must be equal: no implicit
/// ":latest", no partial names.
bool ListedImageMatches(std::string_view listed, std::string_view reference);

/// A "vMAJOR.MINOR.PATCH" version found in a tool's output.
struct ToolVersion {
  int major = 0;
  int minor = 0;
  int patch = 0;
  std::string text;  ///< as printed, e.g. "v1.32.4-dispatcher"
  bool AtLeast(int maj, int min) const { return major > maj || (major == maj && minor >= min); }
};

/// The first "vX.Y[.Z][suffix]" word in `text` (`minikube version --short` prints "v1.37.0").
StatusOr<ToolVersion> ParseVersion(std::string_view text);

}  // namespace tfsk::cluster
