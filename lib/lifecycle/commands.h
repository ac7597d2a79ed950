#pragma once
// The minikube branch of `tfsk up/status/down` as whole commands, for cli/{up,status,down}.cpp to
// call from their target switch: load and validate tfsk.yaml, wire a Session, run the step,
// print, and map errors to tfsk's exit codes (cluster::ExitGroupOf: 2 usage, 3 config, 4
// cluster). Progress and errors go to `err`; results (URL, status, JSON) to `out`.

#include <ostream>
#include <string>
#include <vector>

#include "lib/config/config.h"
#include "lib/lifecycle/session.h"

namespace tfsk::lifecycle {

/// What the lifecycle subcommands accept besides --target.
struct CommandArgs {
  std::string file = "tfsk.yaml";
  std::vector<std::string> sets;
  SessionFlags flags;
  std::string output = "text";  ///< status: text | json
  bool stop_cluster = false;    ///< down
  int tail = 100;               ///< logs: last lines per pod
  bool follow = false;          ///< logs -f
  std::string target;           ///< url: "" (from the state/config), minikube or kube
  std::string image_archive;    ///< up, kube: the image archive to push (--image-archive)
  std::string registry;         ///< up, kube: --registry (overrides cluster.registry)
  bool insecure_registry = false;  ///< up, kube: --insecure-registry
};

int MinikubeUpCommand(const CommandArgs& args, std::ostream& out, std::ostream& err);
int MinikubeStatusCommand(const CommandArgs& args, std::ostream& out, std::ostream& err);
int MinikubeDownCommand(const CommandArgs& args, std::ostream& out, std::ostream& err);
/// `tfsk url`: prints the model URL; when it needed a tunnel, holds it until Ctrl-C.
int MinikubeUrlCommand(const CommandArgs& args, std::ostream& out, std::ostream& err);

/// `tfsk dashboard`: starts (or reuses) the dashboard addon, prints its URL and holds the
/// `minikube dashboard --url` proxy until Ctrl-C.
int MinikubeDashboardCommand(const CommandArgs& args, std::ostream& out, std::ostream& err);
/// `tfsk logs [-f]` on a cluster target: the server pods' logs.
int ClusterLogsCommand(const CommandArgs& args, std::ostream& out, std::ostream& err);

/// Target kube (any kubeconfig context; lib/lifecycle/kube_*.h): up, status, down, logs, and
/// `tfsk url` (the recorded URL, or a held `kubectl port-forward` until Ctrl-C).
int KubeUpCommand(const CommandArgs& args, std::ostream& out, std::ostream& err);
int KubeStatusCommand(const CommandArgs& args, std::ostream& out, std::ostream& err);
int KubeDownCommand(const CommandArgs& args, std::ostream& out, std::ostream& err);
int KubeLogsCommand(const CommandArgs& args, std::ostream& out, std::ostream& err);
int KubeUrlCommand(const CommandArgs& args, std::ostream& out, std::ostream& err);

/// `tfsk url`: kube when args.target says so, or (no --target) when .tfsk/state.json or
/// cluster.target says kube; minikube otherwise.
int UrlCommand(const CommandArgs& args, std::ostream& out, std::ostream& err);

}  // namespace tfsk::lifecycle
