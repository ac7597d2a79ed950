#pragma once
// The layers above the file: TFSK_* environment variables, then command-line flags. Each is an
// Override of one field path, applied to the YAML tree before decoding, so the same strict
// decoder checks every layer and messages name the variable or flag that set a bad value.

#include <yaml-cpp/yaml.h>

#include <filesystem>
#include <functional>
#include <map>
#include <optional>
#include <string>
#include <vector>

#include "lib/base/status.h"

namespace tfsk::config {

/// Sets one field: `path` is the dotted tfsk.yaml path ("server.image").
struct Override {
  std::string path;
  std::string value;
  std::string origin;  ///< "TFSK_IMAGE", "--set", "--templates"
};

/// Looks up an environment variable; injected so tests need not touch the real environment.
using EnvLookup = std::function<std::optional<std::string>(const std::string& name)>;

/// The process environment (std::getenv); unset and empty variables read as nullopt.
EnvLookup ProcessEnv();

/// One documented TFSK_* variable.
struct EnvVar {
  const char* name;  ///< "TFSK_MODEL_PATH"
  const char* path;  ///< "model.path"
};

/// The whole TFSK_* mapping (docs/config.md repeats it).
const std::vector<EnvVar>& EnvMapping();

/// True for the keys whose values are filesystem paths (resolved against the working directory
/// when they come from the environment or a flag; against the file's folder in the file).
bool IsPathKey(const std::string& path);

/// The overrides the environment sets, in EnvMapping order. Relative paths are made absolute
/// against `cwd`.
std::vector<Override> OverridesFromEnv(const EnvLookup& env, const std::filesystem::path& cwd);

/// Parses a `--set key.path=value` argument. Relative path values are made absolute against
/// `cwd`. InvalidArgument without '=' or with an empty key.
StatusOr<Override> ParseSet(const std::string& arg, const std::filesystem::path& cwd);

/// Writes each override into `root` (creating mappings on the way; a null or undefined root
/// becomes a mapping) and records path -> origin in `origins`. A path through a non-mapping
/// value is skipped: the decoder reports that value's type.
void ApplyOverrides(YAML::Node& root, const std::vector<Override>& overrides,
                    std::map<std::string, std::string>& origins);

}  // namespace tfsk::config
