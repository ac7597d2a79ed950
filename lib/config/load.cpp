#include "lib/config/load.h"

#include <fmt/format.h>
#include <yaml-cpp/yaml.h>

#include <fstream>
#include <sstream>

#include "lib/config/decode.h"
#include "lib/config/defaults.h"

namespace tfsk::config {

Loaded LoadFromString(const std::string& text, const std::string& label,
                      const std::filesystem::path& base_dir, const LoadOptions& options) {
  Loaded out;
  out.config = Defaults();
  YAML::Node root;
  try {
    std::vector<YAML::Node> docs = YAML::LoadAll(text);
    if (docs.size() > 1) {
      out.diagnostics.Error("", "holds more than one YAML document; keep one project per file",
                            OriginOf(docs[1], "", ReadContext{label, base_dir, {}, nullptr}));
      return out;
    }
    if (!docs.empty()) root = docs[0];
  } catch (const YAML::Exception& e) {
    out.diagnostics.Error("", fmt::format("not valid YAML: {}", e.msg),
                          fmt::format("{}:{}:{}", label, e.mark.line + 1, e.mark.column + 1));
    return out;
  }
  std::vector<Override> layers;
  if (options.env) {
    auto env = OverridesFromEnv(options.env, options.cwd);
    layers.insert(layers.end(), env.begin(), env.end());
  }
  layers.insert(layers.end(), options.flags.begin(), options.flags.end());

  ReadContext ctx;
  ctx.file = label;
  ctx.base_dir = base_dir;
  ApplyOverrides(root, layers, ctx.overrides);
  ctx.origins_out = &out.origins;
  out.parsed = true;
  Decode(root, ctx, out.config, out.diagnostics);
  Derive(out.config);
  return out;
}

Loaded Load(const LoadOptions& options) {
  std::ifstream in(options.file);
  if (!in) {
    Loaded out;
    out.config = Defaults();
    out.diagnostics.Error(
        "", fmt::format("cannot read config file '{}'; run 'tfsk init' to create one, or pass "
                        "-f PATH",
                        options.file.string()));
    return out;
  }
  std::stringstream text;
  text << in.rdbuf();
  std::filesystem::path base = options.file.parent_path();
  if (base.empty()) base = ".";
  if (base.is_relative()) base = (options.cwd / base).lexically_normal();
  return LoadFromString(text.str(), options.file.string(), base, options);
}

Loaded LoadAndValidate(const LoadOptions& options, ValidateOptions validate) {
  Loaded out = Load(options);
  if (!out.parsed) return out;
  validate.origins = &out.origins;
  Validate(out.config, validate, out.diagnostics);
  return out;
}

}  // namespace tfsk::config
