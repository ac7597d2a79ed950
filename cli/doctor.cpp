// `tfsk doctor`: the ten checks of the usual minikube lab failures (lib/lifecycle/doctor.h).
#include <CLI/CLI.hpp>

#include "cli/app.h"
#include "cli/context.h"
#include "lib/lifecycle/load_config.h"
#include "lib/lifecycle/doctor.h"
#include "lib/lifecycle/session.h"

namespace tfsk::cli {
namespace {

struct DoctorOptions {
  std::string file = "tfsk.yaml";
  std::vector<std::string> sets;
  std::string output = "text";
  bool verbose = false;
};

int RunDoctor(const DoctorOptions& o, Context& ctx) {
  // Doctor reports a missing model folder as one of its checks, so it is not a load error here.
  auto config = lifecycle::LoadLifecycleConfig("doctor", o.file, o.sets, /*check_model_folder=*/false, ctx.err);
  if (!config) return kExitConfig;
  lifecycle::SessionFlags flags;
  flags.verbose = o.verbose;
  lifecycle::Session session(*config, ctx.err, flags);
  auto checks = config->cluster.target == "kube"
                    ? lifecycle::RunKubeDoctor(*config, session.drivers())
                    : lifecycle::RunDoctor(*config, session.drivers(), session.options(),
                                           {lifecycle::HostArch()});
  ctx.out << (o.output == "json" ? lifecycle::DoctorJson(checks) : lifecycle::DoctorText(checks));
  return lifecycle::DoctorOk(checks) ? kExitOk : kExitFailure;
}

}  // namespace

void SetupDoctor(CLI::App& parent, Context& ctx) {
  auto opts = std::make_shared<DoctorOptions>();
  CLI::App* sub = parent.add_subcommand("doctor", "Check the machine and cluster for the usual problems");
  sub->footer("Exit status 1 when a check FAILs. Changes nothing.");
  sub->add_option("-f,--file", opts->file, "Project file")->capture_default_str();
  sub->add_option("--set", opts->sets, "Override a tfsk.yaml key, e.g. --set cluster.profile=lab");
  sub->add_option("-o,--output", opts->output, "text or json")
      ->check(CLI::IsMember({"text", "json"}))
      ->capture_default_str();
  sub->add_flag("-v,--verbose", opts->verbose, "Print each command doctor runs (to stderr)");
  sub->callback([opts, &ctx] { ctx.exit_code = RunDoctor(*opts, ctx); });
}

}  // namespace tfsk::cli
