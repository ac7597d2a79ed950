#pragma once
// YAML documents as JSON values, resolving plain scalars the way Kubernetes' YAML reader
// (sigs.k8s.io/yaml over go-yaml v2, YAML 1.1) does, so schema checks see the same types the API
// server would: `8501` is an integer, `"8501"` a string, `yes` a boolean.

#include <yaml-cpp/yaml.h>
#include <boost/json/value.hpp>

namespace tfsk::render {

/// Converts `node`. Quoted scalars (and !!str) become strings; plain scalars become null
/// (~, null, empty), booleans (true/false/yes/no/on/off/y/n in any of YAML's cases), integers
/// (decimal, 0x, 0o), floats (with '.', exponent, .inf, .nan) or else strings. Mapping keys are
/// their scalar text.
boost::json::value YamlToJson(const YAML::Node& node);

}  // namespace tfsk::render
