#pragma once
// Config + templates -> Kubernetes manifests. Every document is parsed back with yaml-cpp and
// checked to be one object, so a template or value problem never reaches kubectl.

#include <yaml-cpp/yaml.h>

#include <filesystem>
#include <string>
#include <vector>

#include "lib/base/status.h"
#include "lib/config/config.h"
#include "lib/render/templates.h"

namespace tfsk::render {

/// One rendered object.
struct Manifest {
  std::string file;  ///< output file name: "deployment.yaml"
  std::string kind;  ///< "Deployment"
  std::string name;  ///< metadata.name
  std::string text;  ///< the YAML document, ending in "\n"
  YAML::Node node;   ///< `text` parsed back
};

/// Renders configmap, deployment, service and (when autoscale.enabled) hpa, in that order, from
/// `templates` (see LoadTemplates). Values are inserted with YamlScalar; blank lines are
/// dropped. InvalidArgument naming the template when one is missing, malformed, or renders
/// something that is not a YAML mapping with apiVersion, kind and metadata.name.
StatusOr<std::vector<Manifest>> Render(const config::Config& config,
                                       const std::vector<Template>& templates);

/// Render with config.render.templates (or the embedded set).
StatusOr<std::vector<Manifest>> Render(const config::Config& config);

/// The manifests as one multi-document YAML stream ("---" between documents).
std::string ToStream(const std::vector<Manifest>& manifests);

/// Writes each manifest to `dir/<file>` (creating `dir`). Internal on I/O failure.
Status WriteManifests(const std::vector<Manifest>& manifests, const std::filesystem::path& dir);

}  // namespace tfsk::render
