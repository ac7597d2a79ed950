#include "lib/lifecycle/commands.h"

#include <fmt/format.h>

#include "lib/cluster/reasons.h"
#include "lib/lifecycle/cluster_logs.h"
#include "lib/lifecycle/load_config.h"
#include "lib/lifecycle/minikube_down.h"
#include "lib/lifecycle/minikube_status.h"
#include "lib/lifecycle/minikube_up.h"
#include "lib/lifecycle/minikube_url.h"

#include <thread>

namespace tfsk::lifecycle {
namespace {

constexpr int kExitConfig = 3;
constexpr int kExitCluster = 4;
constexpr int kExitInterrupted = 130;  // 128 + SIGINT, the shell convention
constexpr int kExitNotImplemented = 70;

int Fail(const std::string& command, const Status& s, std::ostream& err) {
  err << "tfsk " << command << ": " << s.message() << "\n";
  if (s.code() == Code::kCancelled) return kExitInterrupted;
  if (s.code() == Code::kInvalidArgument && !cluster::ReasonIdIn(s)) return kExitConfig;
  return static_cast<int>(cluster::ExitGroupOf(s));
}

// Keeps minikube's child (tunnel, dashboard proxy) alive until Ctrl-C or until it ends by itself;
// the watcher forwards SIGINT to the child, which then closes cleanly.
void HoldUntilInterrupted(const std::string& command, const std::string& what,
                          cluster::ServiceTunnel& held, const LifecycleOptions& options,
                          std::ostream& err) {
  err << "tfsk " << command << ": holding the " << what << " open; press Ctrl-C to close it\n";
  while (held.holds_tunnel() && !options.Interrupted()) {
    std::this_thread::sleep_for(std::chrono::milliseconds(200));
  }
  held.Close();
}

}  // namespace

int MinikubeUpCommand(const CommandArgs& args, std::ostream& out, std::ostream& err) {
  auto config = LoadLifecycleConfig("up", args.file, args.sets, /*check_model_folder=*/true, err);
  if (!config) return kExitConfig;
  SessionFlags flags = args.flags;
  flags.watch_interrupts = true;
  Session session(*config, err, flags);
  auto up = UpMinikube(*config, session.drivers(), session.progress(), session.options());
  if (!up.ok()) return Fail("up", up.status(), err);
  if (!up->url.empty()) out << up->url << "/v1/models/" << config->model.name << "\n";
  return 0;
}

int MinikubeStatusCommand(const CommandArgs& args, std::ostream& out, std::ostream& err) {
  auto config = LoadLifecycleConfig("status", args.file, args.sets, false, err);
  if (!config) return kExitConfig;
  Session session(*config, err, args.flags);
  auto report = StatusMinikube(*config, session.drivers(), session.options());
  if (!report.ok()) return Fail("status", report.status(), err);
  out << (args.output == "json" ? StatusJson(*report) : StatusText(*report));
  return report->Healthy() ? 0 : kExitCluster;
}

int MinikubeDownCommand(const CommandArgs& args, std::ostream& out, std::ostream& err) {
  auto config = LoadLifecycleConfig("down", args.file, args.sets, false, err);
  if (!config) return kExitConfig;
  SessionFlags flags = args.flags;
  flags.watch_interrupts = true;
  Session session(*config, err, flags);
  DownOptions down;
  down.stop_cluster = args.stop_cluster;
  auto result = DownMinikube(*config, session.drivers(), session.progress(), session.options(), down);
  if (!result.ok()) return Fail("down", result.status(), err);
  (void)out;
  return 0;
}

int MinikubeUrlCommand(const CommandArgs& args, std::ostream& out, std::ostream& err) {
  auto config = LoadLifecycleConfig("url", args.file, args.sets, false, err);
  if (!config) return kExitConfig;
  SessionFlags flags = args.flags;
  flags.watch_interrupts = true;
  Session session(*config, err, flags);
  auto url = UrlMinikube(*config, session.drivers(), session.options());
  if (!url.ok()) return Fail("url", url.status(), err);
  out << url->url() << "/v1/models/" << config->model.name << "\n";
  out.flush();
  if (url->holds_tunnel()) {
    // The URL works only while `minikube service --url` runs: keep it until Ctrl-C (the watcher
    // forwards SIGINT to the child, which closes the tunnel cleanly).
    HoldUntilInterrupted("url", "tunnel", *url, session.options(), err);
  }
  return 0;
}

int MinikubeDashboardCommand(const CommandArgs& args, std::ostream& out, std::ostream& err) {
  auto config = LoadLifecycleConfig("dashboard", args.file, args.sets, false, err);
  if (!config) return kExitConfig;
  SessionFlags flags = args.flags;
  flags.watch_interrupts = true;
  Session session(*config, err, flags);
  Status tool = RequireTool(session.drivers().runner, "minikube");
  if (!tool.ok()) return Fail("dashboard", tool, err);
  err << "tfsk dashboard: starting the dashboard proxy (the first run enables the addon, ~1 min)\n";
  auto url = session.drivers().minikube.DashboardUrl();
  if (!url.ok()) return Fail("dashboard", url.status(), err);
  out << url->url() << "\n";
  out.flush();
  // The URL goes through `kubectl proxy`, which lives only as long as minikube's child does.
  HoldUntilInterrupted("dashboard", "proxy", *url, session.options(), err);
  return 0;
}

int ClusterLogsCommand(const CommandArgs& args, std::ostream& out, std::ostream& err) {
  auto config = LoadLifecycleConfig("logs", args.file, args.sets, false, err);
  if (!config) return kExitConfig;
  SessionFlags flags = args.flags;
  flags.watch_interrupts = args.follow;
  Session session(*config, err, flags);
  ClusterLogsOptions logs;
  logs.tail = args.tail;
  logs.follow = args.follow;
  Status s = LogsCluster(*config, session.drivers(), session.options(), logs, out);
  if (!s.ok()) return Fail("logs", s, err);
  return 0;
}

int KubeNotYet(const std::string& command, std::ostream& err) {
  err << fmt::format(
      "tfsk {}: the kube target needs the model image in a registry the cluster can pull from, "
      "which this build cannot make yet; use --target minikube (or local)\n",
      command);
  return kExitNotImplemented;
}

}  // namespace tfsk::lifecycle
