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

/// The `kube` target until the image issue lands: the message and exit 70.
int KubeNotYet(const std::string& command, std::ostream& err);

}  // namespace tfsk::lifecycle
