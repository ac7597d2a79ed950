#include "lib/config/overrides.h"

#include <cstdlib>

namespace tfsk::config {
namespace {

std::vector<std::string> Split(const std::string& path) {
  std::vector<std::string> parts;
  std::size_t start = 0;
  while (true) {
    std::size_t dot = path.find('.', start);
    parts.push_back(path.substr(start, dot - start));
    if (dot == std::string::npos) break;
    start = dot + 1;
  }
  return parts;
}

std::string Absolute(const std::string& path, const std::string& value,
                     const std::filesystem::path& cwd) {
  if (!IsPathKey(path) || value.empty()) return value;
  std::filesystem::path p(value);
  return p.is_absolute() ? value : (cwd / p).lexically_normal().string();
}

}  // namespace

EnvLookup ProcessEnv() {
  return [](const std::string& name) -> std::optional<std::string> {
    const char* v = std::getenv(name.c_str());
    if (v == nullptr || *v == '\0') return std::nullopt;
    return std::string(v);
  };
}

const std::vector<EnvVar>& EnvMapping() {
  static const std::vector<EnvVar> kMapping = {
      {"TFSK_NAME", "name"},
      {"TFSK_MODEL_NAME", "model.name"},
      {"TFSK_MODEL_PATH", "model.path"},
      {"TFSK_IMAGE", "server.image"},
      {"TFSK_REPLICAS", "server.replicas"},
      {"TFSK_NODE_PORT", "service.nodePort"},
      {"TFSK_TARGET", "cluster.target"},
      {"TFSK_PROFILE", "cluster.profile"},
      {"TFSK_CONTEXT", "cluster.context"},
      {"TFSK_REGISTRY", "cluster.registry"},
      {"TFSK_NAMESPACE", "cluster.namespace"},
      {"TFSK_DRIVER", "cluster.driver"},
      {"TFSK_CPUS", "cluster.cpus"},
      {"TFSK_MEMORY", "cluster.memory"},
      {"TFSK_ROLLOUT_TIMEOUT", "rollout.timeoutSeconds"},
      {"TFSK_TEMPLATES", "render.templates"},
  };
  return kMapping;
}

bool IsPathKey(const std::string& path) {
  return path == "model.path" || path == "render.templates";
}

std::vector<Override> OverridesFromEnv(const EnvLookup& env, const std::filesystem::path& cwd) {
  std::vector<Override> out;
  for (const EnvVar& v : EnvMapping()) {
    if (auto value = env(v.name)) {
      out.push_back({v.path, Absolute(v.path, *value, cwd), v.name});
    }
  }
  return out;
}

StatusOr<Override> ParseSet(const std::string& arg, const std::filesystem::path& cwd) {
  std::size_t eq = arg.find('=');
  if (eq == std::string::npos || eq == 0) {
    return InvalidArgument("--set '" + arg +
                           "': expected KEY=VALUE with a tfsk.yaml key path, e.g. "
                           "--set server.replicas=2");
  }
  std::string key = arg.substr(0, eq);
  std::string value = arg.substr(eq + 1);
  return Override{key, Absolute(key, value, cwd), "--set"};
}

void ApplyOverrides(YAML::Node& root, const std::vector<Override>& overrides,
                    std::map<std::string, std::string>& origins) {
  if (!root.IsDefined() || root.IsNull()) root = YAML::Node(YAML::NodeType::Map);
  for (const Override& o : overrides) {
    if (!root.IsMap()) return;
    std::vector<std::string> parts = Split(o.path);
    YAML::Node cur = root;  // yaml-cpp nodes are handles; reset() rebinds, `=` would assign
    bool ok = true;
    for (std::size_t i = 0; i + 1 < parts.size() && ok; ++i) {
      YAML::Node next = cur[parts[i]];
      if (!next.IsDefined() || next.IsNull()) {
        cur[parts[i]] = YAML::Node(YAML::NodeType::Map);
        next.reset(cur[parts[i]]);
      }
      ok = next.IsMap();
      cur.reset(next);
    }
    if (!ok) continue;
    cur[parts.back()] = o.value;
    origins[o.path] = o.origin;
  }
}

}  // namespace tfsk::config
