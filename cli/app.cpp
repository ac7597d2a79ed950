#include "cli/app.h"

#include <CLI/CLI.hpp>
#include <fmt/format.h>

#include <algorithm>
#include <iostream>

#include "cli/context.h"
#include "cli/planned.h"
#include "lib/base/suggest.h"
#include "lib/base/version.h"

namespace tfsk::cli {

void SetupInit(CLI::App& parent, Context& ctx);    // cli/init.cpp
void SetupRender(CLI::App& parent, Context& ctx);  // cli/render.cpp
void SetupServe(CLI::App& parent, Context& ctx);   // cli/serve.cpp
void SetupModel(CLI::App& parent, Context& ctx);   // cli/model.cpp
void SetupUp(CLI::App& parent, Context& ctx);      // cli/up.cpp
void SetupStatus(CLI::App& parent, Context& ctx);  // cli/status.cpp
void SetupDown(CLI::App& parent, Context& ctx);    // cli/down.cpp
void SetupDoctor(CLI::App& parent, Context& ctx);  // cli/doctor.cpp
void SetupUrl(CLI::App& parent, Context& ctx);     // cli/url.cpp
void SetupPredict(CLI::App& parent, Context& ctx); // cli/predict.cpp
void SetupStress(CLI::App& parent, Context& ctx);  // cli/stress.cpp
void SetupLogs(CLI::App& parent, Context& ctx);    // cli/logs.cpp
void SetupDashboard(CLI::App& parent, Context& ctx);  // cli/dashboard.cpp
void SetupImage(CLI::App& parent, Context& ctx);   // cli/image.cpp

namespace {

struct Planned {
  const char* name;
  const char* description;
  SetupFn setup = nullptr;  ///< set once the subcommand is built; keeps the --help order
};

// The planned command set, in the order a user meets them. Built subcommands replace their entry
// here with a SetupFn from their own file.
constexpr Planned kPlanned[] = {
    {"init", "Write a commented tfsk.yaml to start from", SetupInit},
    {"up", "Start or reuse the cluster, deploy the model and wait until it answers",
     SetupUp},
    {"status", "Show the deployment, pods, autoscaler and the model's own status", SetupStatus},
    {"predict", "Send a prediction request to the deployed model", SetupPredict},
    {"stress", "Generate load and watch the autoscaler add replicas", SetupStress},
    {"down", "Delete what tfsk deployed (optionally stop the cluster)", SetupDown},
    {"render", "Print or write the Kubernetes manifests for this project", SetupRender},
    {"doctor", "Check the machine and cluster for the usual problems", SetupDoctor},
    {"url", "Print the deployed model's URL (holds the tunnel when one is needed)", SetupUrl},
    {"logs", "Print the model server's log (-f to follow it)", SetupLogs},
    {"dashboard", "Open minikube's Kubernetes dashboard (prints the URL, holds the proxy)",
     SetupDashboard},
    {"serve", "Run the tfsk-serving model server in the foreground", SetupServe},
    {"model", "Inspect or run a SavedModel on this machine (no server)", SetupModel},
    {"image", "Build the tfsk-serving container image (no Docker needed)", SetupImage},
};

constexpr SetupFn kBuilt[] = {nullptr};

std::vector<std::string> SubcommandNames(const CLI::App& app) {
  std::vector<std::string> names;
  for (const CLI::App* sub : app.get_subcommands([](const CLI::App*) { return true; })) {
    names.push_back(sub->get_name());
  }
  return names;
}

std::vector<std::string> OptionNames(const CLI::App& app) {
  std::vector<std::string> names;
  for (const CLI::Option* opt : app.get_options()) {
    for (const auto& l : opt->get_lnames()) names.push_back("--" + l);
  }
  return names;
}

// CLI11 reports unknown words as ExtrasError without a hint; add one like git does.
std::string Suggestion(const CLI::App& app, const std::vector<std::string>& args) {
  const CLI::App* scope = &app;
  for (const auto& a : args) {
    if (a.rfind("-", 0) == 0) {
      std::string flag = a.substr(0, a.find('='));
      auto hint = DidYouMean(flag, OptionNames(*scope));
      if (!hint.empty()) return fmt::format("unknown flag '{}'{}", flag, hint);
      continue;
    }
    bool is_sub = false;
    for (const CLI::App* sub : scope->get_subcommands([](const CLI::App*) { return true; })) {
      if (sub->get_name() == a) {
        scope = sub;
        is_sub = true;
      }
    }
    if (!is_sub && scope == &app) {
      auto hint = DidYouMean(a, SubcommandNames(app));
      return fmt::format("unknown command '{}'{}", a, hint);
    }
  }
  return "";
}

}  // namespace

int Run(const std::vector<std::string>& args, std::ostream& out, std::ostream& err) {
  CLI::App app{"tfsk: deploy a TensorFlow model behind an autoscaled service in one command",
               "tfsk"};
  app.set_version_flag("--version", std::string("tfsk ") + kVersion);
  app.require_subcommand(1);
  app.footer("Run 'tfsk <command> --help' for a command's options.");

  Context ctx{out, err};
  for (SetupFn setup : kBuilt) {
    if (setup != nullptr) setup(app, ctx);
  }
  const auto built = SubcommandNames(app);
  for (const Planned& p : kPlanned) {
    if (std::find(built.begin(), built.end(), p.name) != built.end()) continue;
    if (p.setup != nullptr) {
      p.setup(app, ctx);
    } else {
      AddPlanned(app, ctx, p.name, p.description);
    }
  }

  // CLI11 parses argv in reverse order of a vector; give it the words after the program name.
  std::vector<std::string> rev(args.rbegin(), args.rend());
  try {
    app.parse(rev);
  } catch (const CLI::CallForHelp& e) {
    return app.exit(e, out, err);
  } catch (const CLI::CallForAllHelp& e) {
    return app.exit(e, out, err);
  } catch (const CLI::CallForVersion& e) {
    return app.exit(e, out, err);
  } catch (const CLI::ParseError& e) {
    std::string hint = Suggestion(app, args);
    err << "tfsk: " << (hint.empty() ? std::string(e.what()) : hint) << "\n";
    err << "Run 'tfsk --help' for usage.\n";
    return kExitUsage;
  }
  return ctx.exit_code;
}

int Main(int argc, char** argv) {
  std::vector<std::string> args(argv + 1, argv + argc);
  return Run(args, std::cout, std::cerr);
}

}  // namespace tfsk::cli
