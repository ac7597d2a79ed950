// `tfsk up`: choose the target, then start (or reuse) the model server there and wait until the
// model answers. Local target: lib/local; minikube/kube plug in at the switch below.
#include <fmt/format.h>
#include <CLI/CLI.hpp>

#include <memory>

#include "cli/app.h"
#include "cli/context.h"
#include "cli/target_args.h"
#include "lib/lifecycle/commands.h"
#include "lib/local/demo_model.h"
#include "lib/local/local_target.h"

namespace tfsk::cli {
namespace {

struct UpOptions {
  TargetArgs target;
  std::string model;
  std::string name;
  int port = 8501;
  int timeout_seconds = 60;
  lifecycle::CommandArgs cluster;  ///< minikube: --set, --quiet, --verbose, --dry-run
};

int ExitCodeFor(const Status& s) {
  switch (s.code()) {
    case Code::kUnavailable:
    case Code::kDeadlineExceeded:
      return kExitServer;
    default:
      return kExitFailure;
  }
}

int RunUpLocal(const UpOptions& o, const ResolvedTarget& r, Context& ctx) {
  namespace fs = std::filesystem;
  local::UpOptions up;
  up.project = r.project;
  up.port = o.port;
  up.timeout = std::chrono::seconds(o.timeout_seconds);
  std::error_code ec;
  if (!o.model.empty()) {
    fs::path base = fs::absolute(o.model, ec).lexically_normal();
    if (base.filename().empty()) base = base.parent_path();  // trailing slash
    // A version folder given by mistake: serve its parent, which is what tfsk-serving wants.
    if (fs::exists(base / "saved_model.pb", ec)) base = base.parent_path();
    up.model_base = base;
    up.model_name = o.name.empty() ? base.filename().string() : o.name;
  } else if (r.config) {
    up.model_base = r.config->model.path;
    up.model_name = o.name.empty() ? r.config->model.name : o.name;
    ctx.err << fmt::format("Model '{}' from {} ({})\n", up.model_name, o.target.file,
                           up.model_base.string());
  } else {
    bool wrote = false;
    auto base = local::EnsureDemoModel(r.project, &wrote);
    if (!base.ok()) {
      ctx.err << "tfsk up: writing the demo model: " << base.status().message() << "\n";
      return kExitFailure;
    }
    up.model_base = *base;
    up.model_name = o.name.empty() ? local::kDemoModelName : o.name;
    ctx.err << fmt::format("No {} and no --model: serving the demo model half_plus_two{}\n",
                           o.target.file,
                           wrote ? " (written to .tfsk/models/half_plus_two/1)" : "");
  }
  auto result = local::Up(up, ctx.err);
  if (!result.ok()) {
    ctx.err << "tfsk up: " << result.status().message() << "\n";
    return ExitCodeFor(result.status());
  }
  if (result->already_up) {
    ctx.out << fmt::format("Already up (pid {}), model AVAILABLE; nothing changed.\n",
                           result->state.pid);
  } else {
    ctx.out << fmt::format("Model '{}' is AVAILABLE.\n", result->state.model_name);
  }
  ctx.out << result->url << "\n";
  return kExitOk;
}

int RunUp(const UpOptions& o, Context& ctx) {
  auto r = ResolveTarget(o.target, "tfsk up", /*prefer_local_state=*/false, ctx);
  if (!r) return ctx.exit_code;
  ctx.out << fmt::format("Target: {} ({})\n", lifecycle::TargetName(r->target.kind),
                         r->target.reason);
  ctx.out.flush();
  switch (r->target.kind) {
    case lifecycle::TargetKind::kLocal:
      return RunUpLocal(o, *r, ctx);
    case lifecycle::TargetKind::kMinikube: {
      lifecycle::CommandArgs a = o.cluster;
      a.file = o.target.file;
      return lifecycle::MinikubeUpCommand(a, ctx.out, ctx.err);
    }
    case lifecycle::TargetKind::kKube: {
      lifecycle::CommandArgs a = o.cluster;
      a.file = o.target.file;
      return lifecycle::KubeUpCommand(a, ctx.out, ctx.err);
    }
  }
  return kExitFailure;
}

}  // namespace

void SetupUp(CLI::App& parent, Context& ctx) {
  auto o = std::make_shared<UpOptions>();
  CLI::App* cmd = parent.add_subcommand(
      "up", "Start or reuse the cluster, deploy the model and wait until it answers");
  AddTargetArgs(cmd, o->target);
  cmd->add_option("--model", o->model,
                  "Model folder (numbered versions inside); default: "
                  "model.path from tfsk.yaml, else a demo half_plus_two");
  cmd->add_option("--name", o->name, "Model name in URLs (default: model.name or the folder name)");
  cmd->add_option("--port", o->port, "Local target: REST port")
      ->capture_default_str()
      ->check(CLI::Range(1, 65535));
  cmd->add_option("--timeout", o->timeout_seconds, "Seconds to wait for the model to be AVAILABLE")
      ->capture_default_str()
      ->check(CLI::PositiveNumber);
  cmd->add_option("--set", o->cluster.sets,
                  "minikube: override a tfsk.yaml key, e.g. --set server.replicas=2");
  cmd->add_flag("-q,--quiet", o->cluster.flags.quiet, "minikube: only notes and errors");
  cmd->add_flag("-v,--verbose", o->cluster.flags.verbose,
                "minikube: print each command and its exit code");
  cmd->add_flag("--dry-run", o->cluster.flags.dry_run,
                "minikube: print the commands that would change something instead of running them");
  cmd->add_option("--registry", o->cluster.registry,
                  "kube: registry to push the tfsk-serving image to (cluster.registry)");
  cmd->add_flag("--insecure-registry", o->cluster.insecure_registry,
                "kube: push without TLS verification (plain-HTTP or self-signed registry)");
  cmd->add_option("--image-archive", o->cluster.image_archive,
                  "kube: push this tfsk-serving image archive (docker-archive .tar) instead of "
                  "the one tfsk builds with the model inside")
      ->check(CLI::ExistingFile);
  cmd->footer(
      "Examples: tfsk up --target local --port 8501\n"
      "          tfsk up --target kube --registry registry.example.com/team");
  cmd->callback([o, &ctx] { ctx.exit_code = RunUp(*o, ctx); });
}

}  // namespace tfsk::cli
