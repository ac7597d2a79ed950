#pragma once
// Loading tfsk.yaml for the cluster lifecycle commands (up/status/down on minikube, doctor): the
// same loader and messages as `tfsk render`, with the model folder checked or not.

#include <optional>
#include <ostream>
#include <string>
#include <vector>

#include "lib/config/config.h"
#include "lib/config/overrides.h"

namespace tfsk::lifecycle {

/// The validated config, or nullopt after printing "tfsk <command>: ..." issues to `err`.
/// Warnings are printed too. `sets` are --set KEY=VALUE overrides.
std::optional<config::Config> LoadLifecycleConfig(const std::string& command, const std::string& file,
                                                  const std::vector<std::string>& sets,
                                                  bool check_model_folder, std::ostream& err,
                                                  const std::vector<config::Override>& flags = {});

}  // namespace tfsk::lifecycle
