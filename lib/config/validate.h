#pragma once
// Every rule a Config must satisfy before any cluster command runs. Problems are collected, each
// with the field path, the origin of the value when known, and the fix.

#include <filesystem>
#include <map>
#include <string>

#include "lib/config/config.h"
#include "lib/config/diagnostics.h"

namespace tfsk::config {

/// What Validate checks beyond the values themselves.
struct ValidateOptions {
  /// Check that model.path exists and holds a numbered version folder with a saved_model.pb.
  /// `tfsk render` turns this off (rendering does not read the model) and reports a warning.
  bool check_model_folder = true;
  /// The command deploys (`tfsk up`, `tfsk render`): target kube with server.image tfsk-serving
  /// then needs cluster.registry. status/down/logs/url act on what is deployed and do not.
  bool deploying = true;
  /// field path -> origin ("tfsk.yaml:4:9", "TFSK_IMAGE"), as recorded by the loader.
  const std::map<std::string, std::string>* origins = nullptr;
};

/// Checks a fully loaded (defaulted and derived) config: names as Kubernetes validates them,
/// ports, nodePort range, replica bounds, CPU target, quantities and requests <= limits,
/// enumerations, the cluster fields and (optionally) the model folder. Adds errors and warnings.
void Validate(const Config& config, const ValidateOptions& options, Diagnostics& diag);

/// Checks the model folder layout: `dir` exists, and some numeric sub-folder holds a
/// saved_model.pb. Errors go to field path `field` and show the expected layout.
void CheckModelFolder(const std::filesystem::path& dir, const std::string& field,
                      Diagnostics& diag);

}  // namespace tfsk::config
