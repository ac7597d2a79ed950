// `tfsk init`: write a commented tfsk.yaml with every key and its default.
#include <fmt/format.h>
#include <CLI/CLI.hpp>

#include "cli/app.h"
#include "cli/context.h"
#include "lib/config/init_file.h"

namespace tfsk::cli {
namespace {

struct InitOptions {
  std::string file = "tfsk.yaml";
  std::string name;
  std::string model_name;
  std::string model_path;
  bool force = false;
};

int RunInit(const InitOptions& o, Context& ctx) {
  config::InitOptions init;
  if (!o.name.empty()) init.name = o.name;
  if (!o.model_name.empty()) init.model_name = o.model_name;
  if (!o.model_path.empty()) init.model_path = o.model_path;
  Status s = config::WriteInitFile(o.file, config::InitFileText(init), o.force);
  if (!s.ok()) {
    ctx.err << "tfsk init: " << s.message() << "\n";
    return s.code() == Code::kAlreadyExists ? kExitConfig : kExitFailure;
  }
  ctx.out << fmt::format("wrote {}; edit model.path, then run 'tfsk render' or 'tfsk up'\n",
                         o.file);
  return kExitOk;
}

}  // namespace

void SetupInit(CLI::App& parent, Context& ctx) {
  auto opts = std::make_shared<InitOptions>();
  CLI::App* sub = parent.add_subcommand("init", "Write a commented tfsk.yaml to start from");
  sub->footer("Example: tfsk init --model-path ./saved_model_half_plus_two_cpu");
  sub->add_option("-f,--file", opts->file, "File to write")->capture_default_str();
  sub->add_option("--name", opts->name, "Project name (default tf-serving)");
  sub->add_option("--model-name", opts->model_name, "Model name (default half_plus_two)");
  sub->add_option("--model-path", opts->model_path,
                  "Host folder with the model's numbered versions, relative to the file");
  sub->add_flag("--force", opts->force, "Overwrite an existing file");
  sub->callback([opts, &ctx] { ctx.exit_code = RunInit(*opts, ctx); });
}

}  // namespace tfsk::cli
