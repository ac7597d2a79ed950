#include "lib/lifecycle/commands.h"

#include <fmt/format.h>

#include "lib/cluster/reasons.h"
#include "lib/config/load.h"
#include "lib/lifecycle/cluster_logs.h"
#include "lib/lifecycle/deploy_state.h"
#include "lib/lifecycle/kube_context.h"
#include "lib/lifecycle/kube_down.h"
#include "lib/lifecycle/kube_push.h"
#include "lib/lifecycle/kube_up.h"
#include "lib/lifecycle/kube_url.h"
#include "lib/lifecycle/load_config.h"
#include "lib/lifecycle/minikube_down.h"
#include "lib/lifecycle/minikube_status.h"
#include "lib/lifecycle/minikube_up.h"
#include "lib/lifecycle/minikube_url.h"

#include <filesystem>
#include <functional>
#include <thread>

namespace tfsk::lifecycle {
namespace {

constexpr int kExitConfig = 3;
constexpr int kExitCluster = 4;
constexpr int kExitInterrupted = 130;  // 128 + SIGINT, the shell convention

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
  flags.spinner = true;
  Session session(*config, err, flags);
  auto up = UpMinikube(*config, session.drivers(), session.progress(), session.options());
  session.progress().StopSpinner();
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
  flags.spinner = true;
  Session session(*config, err, flags);
  DownOptions down;
  down.stop_cluster = args.stop_cluster;
  auto result =
      DownMinikube(*config, session.drivers(), session.progress(), session.options(), down);
  session.progress().StopSpinner();
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

namespace {

// --target kube and the up flags, above --set (they are what the user typed for this run).
std::vector<config::Override> KubeFlags(const CommandArgs& args) {
  std::vector<config::Override> flags = {{"cluster.target", "kube", "--target"}};
  if (!args.registry.empty()) flags.push_back({"cluster.registry", args.registry, "--registry"});
  if (args.insecure_registry) {
    flags.push_back({"cluster.insecureRegistry", "true", "--insecure-registry"});
  }
  return flags;
}

// Loads the config for target kube, wires a Session, pins kubectl to the context (.tfsk/state.json
// first, so status/down act where up deployed) and runs `body`.
int RunOnKube(const std::string& command, const CommandArgs& args, bool watch_interrupts,
              std::ostream& err, const std::function<int(const config::Config&, Session&)>& body) {
  auto config = LoadLifecycleConfig(command, args.file, args.sets, /*check_model_folder=*/false,
                                    err, KubeFlags(args));
  if (!config) return kExitConfig;
  SessionFlags flags = args.flags;
  flags.watch_interrupts = watch_interrupts;
  Session session(*config, err, flags);
  Status tool = RequireTool(session.drivers().runner, "kubectl");
  if (!tool.ok()) return Fail(command, tool, err);
  auto state = LoadDeployState(session.options().project_dir);
  if (!state.ok()) return Fail(command, state.status(), err);
  auto context = UseKubeContext(*config, *state, session.drivers().kubectl, session.progress());
  if (!context.ok()) return Fail(command, context.status(), err);
  return body(*config, session);
}

}  // namespace

int KubeUpCommand(const CommandArgs& args, std::ostream& out, std::ostream& err) {
  auto config = LoadLifecycleConfig("up", args.file, args.sets, /*check_model_folder=*/true, err,
                                    KubeFlags(args));
  if (!config) return kExitConfig;
  SessionFlags flags = args.flags;
  flags.watch_interrupts = true;
  flags.spinner = true;
  Session session(*config, err, flags);
  // --image-archive pushes an archive built elsewhere; otherwise tfsk builds its own image.
  ImagePusher push =
      args.image_archive.empty()
          ? BuildingPusher(session.drivers().runner, session.options().project_dir,
                           session.options().serving_binary)
          : ArchivePusher(session.drivers().runner, std::filesystem::absolute(args.image_archive),
                          session.options().project_dir);
  auto up = UpKube(*config, session.drivers(), session.progress(), session.options(), push);
  session.progress().StopSpinner();
  if (!up.ok()) return Fail("up", up.status(), err);
  if (!up->url.empty()) out << up->url << "/v1/models/" << config->model.name << "\n";
  return 0;
}

int KubeStatusCommand(const CommandArgs& args, std::ostream& out, std::ostream& err) {
  return RunOnKube("status", args, false, err, [&](const config::Config& config, Session& s) {
    auto report = StatusKube(config, s.drivers(), s.options());
    if (!report.ok()) return Fail("status", report.status(), err);
    out << (args.output == "json" ? StatusJson(*report) : StatusText(*report));
    return report->Healthy() ? 0 : kExitCluster;
  });
}

int KubeDownCommand(const CommandArgs& args, std::ostream& out, std::ostream& err) {
  (void)out;
  return RunOnKube("down", args, true, err, [&](const config::Config& config, Session& s) {
    auto result = DownKube(config, s.drivers(), s.progress(), s.options());
    return result.ok() ? 0 : Fail("down", result.status(), err);
  });
}

int KubeLogsCommand(const CommandArgs& args, std::ostream& out, std::ostream& err) {
  return RunOnKube("logs", args, args.follow, err, [&](const config::Config& config, Session& s) {
    ClusterLogsOptions logs;
    logs.tail = args.tail;
    logs.follow = args.follow;
    Status st = LogsCluster(config, s.drivers(), s.options(), logs, out);
    return st.ok() ? 0 : Fail("logs", st, err);
  });
}

int KubeUrlCommand(const CommandArgs& args, std::ostream& out, std::ostream& err) {
  return RunOnKube("url", args, true, err, [&](const config::Config& config, Session& s) {
    auto state = LoadDeployState(s.options().project_dir);
    if (!state.ok()) return Fail("url", state.status(), err);
    if (!*state || (*state)->target != "kube") {
      return Fail("url",
                  FailedPrecondition("nothing deployed on target kube from this folder "
                                     "(.tfsk/state.json); run `tfsk up --target kube`"),
                  err);
    }
    auto url = UrlKube(**state, s.drivers().kubectl);
    if (!url.ok()) return Fail("url", url.status(), err);
    out << url->url() << "/v1/models/" << config.model.name << "\n";
    out.flush();
    if (url->holds_tunnel()) HoldUntilInterrupted("url", "port-forward", *url, s.options(), err);
    return 0;
  });
}

int UrlCommand(const CommandArgs& args, std::ostream& out, std::ostream& err) {
  bool kube = args.target == "kube";
  if (args.target.empty()) {
    auto state = LoadDeployState(std::filesystem::current_path());
    if (state.ok() && *state) {
      kube = (*state)->target == "kube";
    } else {
      config::LoadOptions load;
      load.file = args.file;
      load.env = config::ProcessEnv();
      config::Loaded loaded = config::Load(load);
      kube = loaded.ok() && loaded.config.cluster.target == "kube";
    }
  }
  return kube ? KubeUrlCommand(args, out, err) : MinikubeUrlCommand(args, out, err);
}

}  // namespace tfsk::lifecycle
