// `tfsk serve --model DIR`: run tfsk-serving in the foreground from the CLI.
#include <CLI/CLI.hpp>

#include <iostream>
#include <memory>

#include "cli/app.h"
#include "cli/context.h"
#include "serving/loader/export_dir.h"
#include "serving/server/run.h"

namespace tfsk::cli {
namespace {

struct ServeOptions {
  std::string model;
  std::string name;
  int port = 8501;
  int threads = 0;
  int poll_seconds = 1;
};

int RunServe(const ServeOptions& o, Context& ctx) {
  auto dir = serving::loader::ResolveModelDir(o.model);
  if (!dir.ok()) {
    ctx.err << "tfsk serve: " << dir.status().message() << "\n";
    return kExitFailure;
  }
  serving::ServerOptions s;
  s.model_base_path = dir->base_path.string();
  s.model_name = o.name.empty() ? dir->base_path.filename().string() : o.name;
  s.rest_api_port = o.port;
  s.port = 0;  // gRPC is not served; do not claim 8500
  s.rest_api_num_threads = o.threads;
  s.file_system_poll_wait_seconds = o.poll_seconds;
  return serving::RunServer(s, ctx.out, ctx.err);
}

}  // namespace

void SetupServe(CLI::App& parent, Context& ctx) {
  auto o = std::make_shared<ServeOptions>();
  CLI::App* serve = parent.add_subcommand("serve", "Run the tfsk-serving model server in the foreground");
  serve->add_option("-m,--model", o->model,
                    "Folder of numbered versions (or one version folder)")
      ->required();
  serve->add_option("-n,--name", o->name, "Model name in URLs (default: the folder's name)");
  serve->add_option("-p,--port", o->port, "REST port")->capture_default_str();
  serve->add_option("--threads", o->threads, "Worker threads (0: one per core)");
  serve->add_option("--poll", o->poll_seconds,
                    "Seconds between checks for new versions (<= 0: never)")
      ->capture_default_str();
  serve->footer("Example: tfsk serve --model ./models/half_plus_two --port 8501");
  serve->callback([o, &ctx] { ctx.exit_code = RunServe(*o, ctx); });
}

}  // namespace tfsk::cli
