#include "lib/lifecycle/load_config.h"

#include <fmt/format.h>

#include "lib/config/load.h"

namespace tfsk::lifecycle {

std::optional<config::Config> LoadLifecycleConfig(const std::string& command, const std::string& file,
                                                  const std::vector<std::string>& sets,
                                                  bool check_model_folder, std::ostream& err,
                                                  const std::vector<config::Override>& flags) {
  config::LoadOptions load;
  load.file = file;
  load.env = config::ProcessEnv();
  for (const auto& s : sets) {
    auto set = config::ParseSet(s, load.cwd);
    if (!set.ok()) {
      err << "tfsk " << command << ": " << set.status().message() << "\n";
      return std::nullopt;
    }
    load.flags.push_back(*set);
  }
  // Dedicated flags (--target, --registry) outrank --set, as the later override wins.
  load.flags.insert(load.flags.end(), flags.begin(), flags.end());
  config::ValidateOptions validate;
  validate.check_model_folder = check_model_folder;
  validate.deploying = check_model_folder;  // up checks both; status/down/logs/url neither
  config::Loaded loaded = config::LoadAndValidate(load, validate);
  for (const auto& i : loaded.diagnostics.issues()) err << "tfsk " << command << ": " << i.ToString() << "\n";
  if (!loaded.ok()) {
    err << fmt::format("tfsk {}: {} has {} error(s)\n", command, file,
                       loaded.diagnostics.Errors().size());
    return std::nullopt;
  }
  return loaded.config;
}

}  // namespace tfsk::lifecycle
