// `tfsk model inspect DIR` and `tfsk model run DIR --signature S --input x=[1,2,5]`: look into and
// call a SavedModel on this machine, without a server (like TensorFlow's saved_model_cli).
#include <CLI/CLI.hpp>
#include <fmt/format.h>

#include <filesystem>
#include <memory>

#include "cli/app.h"
#include "cli/context.h"
#include "serving/loader/export_dir.h"
#include "serving/loader/inspect.h"
#include "serving/loader/model_run.h"
#include "serving/loader/saved_model_servable.h"
#include "serving/savedmodel/demo_models.h"

namespace tfsk::cli {
namespace {

struct InspectOptions {
  std::string dir;
  std::string output = "text";
  bool timing = false;
};

struct RunOptions {
  std::string dir;
  std::string signature;
  std::vector<std::string> inputs;
};

int RunInspect(const InspectOptions& o, Context& ctx) {
  auto dir = serving::loader::ResolveModelDir(o.dir);
  if (!dir.ok()) {
    ctx.err << "tfsk model inspect: " << dir.status().message() << "\n";
    return kExitFailure;
  }
  auto report = serving::loader::InspectSavedModel(dir->export_dir);
  if (!report.ok()) {
    ctx.err << "tfsk model inspect: " << report.status().message() << "\n";
    return kExitFailure;
  }
  if (o.output == "json") {
    ctx.out << serving::loader::InspectReportJson(*report);
  } else {
    ctx.out << serving::loader::InspectReportText(*report);
  }
  if (o.timing) {
    auto loaded = serving::loader::SavedModelServable::Load(dir->export_dir, dir->version.value_or(0));
    if (!loaded.ok()) {
      ctx.err << "tfsk model inspect: loading: " << loaded.status().message() << "\n";
      return kExitFailure;
    }
    const auto& t = (*loaded)->timings();
    auto ms = [](std::chrono::microseconds us) { return us.count() / 1000.0; };
    ctx.err << fmt::format(
        "load: {:.3f} ms (read {:.3f}, compile {:.3f}, restore {:.3f}, init {:.3f}, prepare "
        "{:.3f})\n",
        ms(t.total()), ms(t.read), ms(t.compile), ms(t.restore), ms(t.init), ms(t.prepare));
  }
  return report->unsupported_ops.empty() ? kExitOk : kExitFailure;
}

int RunRun(const RunOptions& o, Context& ctx) {
  std::vector<std::pair<std::string, std::string>> inputs;
  for (const auto& arg : o.inputs) {
    auto kv = serving::loader::ParseInputArg(arg);
    if (!kv.ok()) {
      ctx.err << "tfsk model run: " << kv.status().message() << "\n";
      return kExitUsage;
    }
    inputs.push_back(*kv);
  }
  auto dir = serving::loader::ResolveModelDir(o.dir);
  if (!dir.ok()) {
    ctx.err << "tfsk model run: " << dir.status().message() << "\n";
    return kExitFailure;
  }
  auto servable = serving::loader::SavedModelServable::Load(dir->export_dir, dir->version.value_or(0));
  if (!servable.ok()) {
    ctx.err << "tfsk model run: " << servable.status().message() << "\n";
    return kExitFailure;
  }
  auto answer = serving::loader::RunSignatureJson(**servable, o.signature, inputs);
  if (!answer.ok()) {
    ctx.err << "tfsk model run: " << answer.status().message() << "\n";
    return kExitFailure;
  }
  ctx.out << *answer << "\n";
  return kExitOk;
}

struct InitOptions {
  std::string kind;
  std::string dir;
  int version = 1;
};

// `tfsk model init half_plus_two|mlp DIR`: a demo SavedModel written by our own writer.
int RunInit(const InitOptions& o, Context& ctx) {
  auto model = serving::savedmodel::DemoModel(o.kind);
  if (!model.ok()) {
    ctx.err << "tfsk model init: " << model.status().message() << "\n";
    return kExitUsage;
  }
  const std::filesystem::path version_dir = std::filesystem::path(o.dir) / std::to_string(o.version);
  Status s = serving::savedmodel::WriteSavedModel(version_dir, *model);
  if (!s.ok()) {
    ctx.err << "tfsk model init: " << s.message() << "\n";
    return kExitFailure;
  }
  ctx.out << fmt::format("Wrote {} to {}\nServe it with: tfsk up --model {}\n", o.kind,
                         version_dir.string(), o.dir);
  return kExitOk;
}

}  // namespace

void SetupModel(CLI::App& parent, Context& ctx) {
  CLI::App* model =
      parent.add_subcommand("model", "Inspect or run a SavedModel on this machine (no server)");
  model->require_subcommand(1);

  auto io = std::make_shared<InspectOptions>();
  CLI::App* inspect = model->add_subcommand(
      "inspect", "Show tags, signatures, variables and op support of a SavedModel");
  inspect->add_option("dir", io->dir, "Version folder, or a folder of numbered versions")
      ->required();
  inspect->add_option("-o,--output", io->output, "text or json")
      ->check(CLI::IsMember({"text", "json"}));
  inspect->add_flag("--timing", io->timing, "Also load the model and print how long each step took");
  inspect->footer("Example: tfsk model inspect ./models/half_plus_two/1");
  inspect->callback([io, &ctx] { ctx.exit_code = RunInspect(*io, ctx); });

  auto ro = std::make_shared<RunOptions>();
  CLI::App* run = model->add_subcommand("run", "Call a signature with JSON inputs and print the outputs");
  run->add_option("dir", ro->dir, "Version folder, or a folder of numbered versions")->required();
  run->add_option("-s,--signature", ro->signature, "Signature key (default: serving_default)");
  run->add_option("-i,--input", ro->inputs, "ALIAS=JSON, e.g. x=[1.0,2.0,5.0] (repeatable)");
  run->footer("Example: tfsk model run ./models/half_plus_two --input x=[[1.0],[2.0],[5.0]]");
  run->callback([ro, &ctx] { ctx.exit_code = RunRun(*ro, ctx); });

  auto init_o = std::make_shared<InitOptions>();
  CLI::App* init = model->add_subcommand("init", "Write a demo SavedModel (half_plus_two or mlp)");
  init->add_option("kind", init_o->kind, "half_plus_two or mlp")
      ->required()
      ->check(CLI::IsMember(serving::savedmodel::DemoModelNames()));
  init->add_option("dir", init_o->dir, "Model folder; the version folder DIR/<version> is created")
      ->required();
  init->add_option("--version", init_o->version, "Version folder number")
      ->capture_default_str()
      ->check(CLI::PositiveNumber);
  init->footer("Example: tfsk model init half_plus_two ./models/half_plus_two");
  init->callback([init_o, &ctx] { ctx.exit_code = RunInit(*init_o, ctx); });
}

}  // namespace tfsk::cli
