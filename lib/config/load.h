#pragma once
// Loading tfsk.yaml with its layers: defaults < file < TFSK_* environment < flags, then the
// derived defaults, then (optionally) validation. Nothing here touches a cluster.

#include <filesystem>
#include <map>
#include <string>
#include <vector>

#include "lib/config/config.h"
#include "lib/config/diagnostics.h"
#include "lib/config/overrides.h"
#include "lib/config/validate.h"

namespace tfsk::config {

/// Inputs of Load.
struct LoadOptions {
  /// The config file; relative paths inside it are relative to its folder.
  std::filesystem::path file = "tfsk.yaml";
  /// Flag overrides (highest precedence), e.g. from `--set` or dedicated flags.
  std::vector<Override> flags;
  /// The environment; null means "no TFSK_* variables" (tests), ProcessEnv() in the CLI.
  EnvLookup env;
  /// Folder relative paths in the environment and flags are resolved against.
  std::filesystem::path cwd = std::filesystem::current_path();
};

/// The outcome of Load: the config (complete even when there are errors, with the bad values
/// left at their defaults), every issue found, and where each value came from.
struct Loaded {
  Config config;
  Diagnostics diagnostics;
  std::map<std::string, std::string> origins;  ///< field path -> "tfsk.yaml:3:7" | "TFSK_X"
  /// The file was read and parsed as YAML (decoding may still have found errors).
  bool parsed = false;
  bool ok() const { return !diagnostics.HasErrors(); }
};

/// Reads `options.file` and applies the layers. An unreadable file or invalid YAML is an error in
/// the result (with "run 'tfsk init'" advice for a missing file). Does not call Validate.
Loaded Load(const LoadOptions& options);

/// Like Load, but from YAML text; `label` names the text in origins, `base_dir` resolves
/// relative paths in it.
Loaded LoadFromString(const std::string& text, const std::string& label,
                      const std::filesystem::path& base_dir, const LoadOptions& options);

/// Load, then Validate whenever the file parsed, so one run reports decoding and validation
/// errors together (values that failed to decode keep their defaults and are not re-reported).
Loaded LoadAndValidate(const LoadOptions& options, ValidateOptions validate);

}  // namespace tfsk::config
