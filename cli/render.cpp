// `tfsk render`: print or write the Kubernetes manifests of a project.
#include <fmt/format.h>
#include <CLI/CLI.hpp>

#include "cli/app.h"
#include "cli/context.h"
#include "lib/config/load.h"
#include "lib/render/cross_check.h"
#include "lib/render/render.h"
#include "lib/render/schema.h"

namespace tfsk::cli {
namespace {

struct RenderOptions {
  std::string file = "tfsk.yaml";
  std::string out_dir;
  std::string templates;
  std::vector<std::string> sets;
  std::string schemas;
  bool validate = false;
};

void PrintIssues(const config::Diagnostics& d, std::ostream& err) {
  for (const auto& i : d.issues()) err << "tfsk render: " << i.ToString() << "\n";
}

int RunRender(const RenderOptions& o, Context& ctx) {
  config::LoadOptions load;
  load.file = o.file;
  load.env = config::ProcessEnv();
  for (const auto& s : o.sets) {
    auto set = config::ParseSet(s, load.cwd);
    if (!set.ok()) {
      ctx.err << "tfsk render: " << set.status().message() << "\n";
      return kExitUsage;
    }
    load.flags.push_back(*set);
  }
  if (!o.templates.empty()) {
    load.flags.push_back(
        {"render.templates", (load.cwd / o.templates).lexically_normal().string(), "--templates"});
  }
  // Rendering does not read the model, so a missing model folder is a warning here; `tfsk up`
  // validates it strictly.
  config::ValidateOptions validate;
  validate.check_model_folder = false;
  config::Loaded loaded = config::LoadAndValidate(load, validate);
  if (loaded.ok() && !loaded.config.model.path.empty()) {
    config::Diagnostics model;
    config::CheckModelFolder(loaded.config.model.path, "model.path", model);
    for (config::Issue i : model.issues()) {
      i.severity = config::Issue::Severity::kWarning;
      if (auto it = loaded.origins.find("model.path"); it != loaded.origins.end()) {
        i.origin = it->second;
      }
      i.message += "\n  (rendering continues; `tfsk up` needs the model)";
      loaded.diagnostics.Add(i);
    }
  }
  PrintIssues(loaded.diagnostics, ctx.err);
  if (!loaded.ok()) {
    ctx.err << fmt::format("tfsk render: {} has {} error(s); nothing rendered\n", o.file,
                           loaded.diagnostics.Errors().size());
    return kExitConfig;
  }
  auto manifests = render::Render(loaded.config);
  if (!manifests.ok()) {
    ctx.err << "tfsk render: " << manifests.status().message() << "\n";
    return kExitConfig;
  }
  if (o.validate) {
    auto schemas = render::SchemaSet::Load(o.schemas);
    if (!schemas.ok()) {
      ctx.err << "tfsk render: --validate: " << schemas.status().message() << "\n";
      return kExitConfig;
    }
    std::vector<std::string> problems = render::ValidateManifests(*manifests, *schemas);
    for (const auto& p : render::CrossCheck(*manifests, loaded.config)) problems.push_back(p);
    for (const auto& p : problems) ctx.err << "tfsk render: invalid manifest: " << p << "\n";
    if (!problems.empty()) return kExitConfig;
  }
  if (o.out_dir.empty()) {
    ctx.out << render::ToStream(*manifests);
    return kExitOk;
  }
  Status written = render::WriteManifests(*manifests, o.out_dir);
  if (!written.ok()) {
    ctx.err << "tfsk render: " << written.message() << "\n";
    return kExitFailure;
  }
  for (const auto& m : *manifests) {
    ctx.out << fmt::format("wrote {}/{} ({} {})\n", o.out_dir, m.file, m.kind, m.name);
  }
  return kExitOk;
}

}  // namespace

void SetupRender(CLI::App& parent, Context& ctx) {
  auto opts = std::make_shared<RenderOptions>();
  CLI::App* sub =
      parent.add_subcommand("render", "Print or write the Kubernetes manifests for this project");
  sub->footer("Example: tfsk render -f examples/lab/tfsk.yaml -o manifests/");
  sub->add_option("-f,--file", opts->file, "Project file")->capture_default_str();
  sub->add_option("-o,--output-dir", opts->out_dir,
                  "Write one file per object into this folder instead of printing a stream");
  sub->add_option("--templates", opts->templates,
                  "Folder of *.yaml.mustache templates replacing the built-in ones");
  sub->add_option("--set", opts->sets, "Override a tfsk.yaml key, e.g. --set server.replicas=2");
  sub->add_flag("--validate", opts->validate,
                "Check the manifests against the Kubernetes OpenAPI schemas (--schemas) and "
                "with tfsk's cross-object checks");
  sub->add_option("--schemas", opts->schemas,
                  "Folder with the Kubernetes OpenAPI v3 documents (*_openapi.json) for "
                  "--validate")
      ->needs("--validate");
  sub->callback([opts, &ctx] { ctx.exit_code = RunRender(*opts, ctx); });
}

}  // namespace tfsk::cli
