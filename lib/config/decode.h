#pragma once
// tfsk.yaml (a YAML tree) -> Config, strictly: unknown keys and wrong types are collected as
// errors with the field path and origin; values that are fine are still applied.

#include <yaml-cpp/yaml.h>

#include "lib/config/config.h"
#include "lib/config/diagnostics.h"
#include "lib/config/reader.h"

namespace tfsk::config {

/// Decodes `root` on top of `config` (which holds the defaults, or an earlier layer). Keys
/// absent from `root` keep their value. Adds an error for each unknown key, wrong type and a
/// missing or wrong apiVersion.
void Decode(const YAML::Node& root, const ReadContext& ctx, Config& config, Diagnostics& diag);

}  // namespace tfsk::config
