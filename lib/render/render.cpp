#include "lib/render/render.h"

#include <fmt/format.h>
#include <kainjow/mustache.hpp>

#include <fstream>
#include <sstream>

#include "lib/render/values.h"
#include "lib/render/yaml_scalar.h"

namespace tfsk::render {
namespace {

// kainjow leaves an empty line where a false section stood on its own line; YAML ignores blank
// lines outside block scalars (which the templates do not use), so drop them all.
std::string DropBlankLines(const std::string& text) {
  std::string out;
  std::istringstream in(text);
  std::string line;
  while (std::getline(in, line)) {
    if (line.find_first_not_of(" \t\r") == std::string::npos) continue;
    out += line;
    out += '\n';
  }
  return out;
}

std::string LineOf(const std::string& text, int line) {
  std::istringstream in(text);
  std::string l;
  for (int i = 0; i <= line && std::getline(in, l); ++i) {
  }
  return l;
}

StatusOr<Manifest> RenderOne(const Template& t, const kainjow::mustache::data& values) {
  kainjow::mustache::mustache tmpl(t.text);
  if (!tmpl.is_valid()) {
    return InvalidArgument(fmt::format("template {}: {}", t.name, tmpl.error_message()));
  }
  tmpl.set_custom_escape([](const std::string& s) { return YamlScalar(s); });
  Manifest m;
  m.text = DropBlankLines(tmpl.render(values));
  if (!tmpl.is_valid()) {
    return InvalidArgument(fmt::format("template {}: {}", t.name, tmpl.error_message()));
  }
  m.file = t.name.substr(0, t.name.size() - std::string(".mustache").size());
  try {
    m.node = YAML::Load(m.text);
  } catch (const YAML::Exception& e) {
    return InvalidArgument(fmt::format("template {} renders invalid YAML at line {}: {}\n  {}",
                                       t.name, e.mark.line + 1, e.msg,
                                       LineOf(m.text, e.mark.line)));
  }
  if (!m.node.IsMap() || !m.node["apiVersion"] || !m.node["kind"] || !m.node["metadata"] ||
      !m.node["metadata"]["name"]) {
    return InvalidArgument(fmt::format(
        "template {} does not render one Kubernetes object (a mapping with apiVersion, kind "
        "and metadata.name)",
        t.name));
  }
  m.kind = m.node["kind"].as<std::string>();
  m.name = m.node["metadata"]["name"].as<std::string>();
  return m;
}

}  // namespace

StatusOr<std::vector<Manifest>> Render(const config::Config& config,
                                       const std::vector<Template>& templates) {
  std::vector<std::string> names = {"configmap.yaml.mustache", "deployment.yaml.mustache",
                                    "service.yaml.mustache"};
  if (config.autoscale.enabled) names.push_back("hpa.yaml.mustache");
  kainjow::mustache::data values = TemplateValues(config);
  std::vector<Manifest> out;
  for (const std::string& name : names) {
    const Template* t = FindTemplate(templates, name);
    if (t == nullptr) return InvalidArgument(fmt::format("template {} is missing", name));
    TFSK_ASSIGN_OR_RETURN(Manifest m, RenderOne(*t, values));
    out.push_back(std::move(m));
  }
  return out;
}

StatusOr<std::vector<Manifest>> Render(const config::Config& config) {
  auto templates = LoadTemplates(config.render.templates);
  if (!templates.ok()) return templates.status().WithPrefix("render.templates");
  return Render(config, *templates);
}

std::string ToStream(const std::vector<Manifest>& manifests) {
  std::string out;
  for (const Manifest& m : manifests) {
    out += "---\n";
    out += m.text;
  }
  return out;
}

Status WriteManifests(const std::vector<Manifest>& manifests, const std::filesystem::path& dir) {
  std::error_code ec;
  std::filesystem::create_directories(dir, ec);
  if (ec) return Internal(fmt::format("cannot create '{}': {}", dir.string(), ec.message()));
  for (const Manifest& m : manifests) {
    std::ofstream out(dir / m.file, std::ios::binary | std::ios::trunc);
    out << m.text;
    if (!out.flush()) return Internal(fmt::format("cannot write '{}'", (dir / m.file).string()));
  }
  return OkStatus();
}

}  // namespace tfsk::render
