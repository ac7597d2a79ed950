#include "serving/core/model_config.h"

#include <charconv>
#include <fstream>
#include <set>
#include <sstream>

#include "lib/base/suggest.h"
#include "serving/core/text_format.h"

namespace tfsk::serving::core {
namespace {

// Checks one message level: each field known, singular fields at most once.
class Fields {
 public:
  Fields(std::string message, std::vector<std::string> singular, std::vector<std::string> repeated,
         std::vector<std::string> unsupported = {})
      : message_(std::move(message)),
        singular_(std::move(singular)),
        repeated_(std::move(repeated)),
        unsupported_(std::move(unsupported)) {}

  Status Check(const std::vector<TextField>& fields) const {
    std::set<std::string> seen;
    for (const TextField& f : fields) {
      const bool is_singular = Contains(singular_, f.name);
      if (Contains(unsupported_, f.name)) {
        return InvalidArgument(f.Where() + ": field '" + f.name + "' of " + message_ +
                               " is not supported by tfsk-serving");
      }
      if (!is_singular && !Contains(repeated_, f.name)) {
        std::vector<std::string> known = singular_;
        known.insert(known.end(), repeated_.begin(), repeated_.end());
        return InvalidArgument(f.Where() + ": unknown field '" + f.name + "' in " + message_ +
                               DidYouMean(f.name, known));
      }
      if (is_singular && !seen.insert(f.name).second) {
        return InvalidArgument(f.Where() + ": non-repeated field '" + f.name +
                               "' is specified multiple times in " + message_);
      }
    }
    return OkStatus();
  }

 private:
  static bool Contains(const std::vector<std::string>& v, const std::string& s) {
    for (const std::string& x : v) {
      if (x == s) return true;
    }
    return false;
  }
  std::string message_;
  std::vector<std::string> singular_, repeated_, unsupported_;
};

Status ExpectMessage(const TextField& f) {
  if (f.is_message()) return OkStatus();
  return InvalidArgument(f.Where() + ": field '" + f.name + "' expects a message ({ ... })");
}

StatusOr<std::string> AsString(const TextField& f) {
  if (f.kind != TextField::Kind::kString) {
    return InvalidArgument(f.Where() + ": field '" + f.name + "' expects a quoted string");
  }
  return f.text;
}

StatusOr<std::int64_t> AsInt(const TextField& f) {
  std::string_view t = f.text;
  if (!t.empty() && t.front() == '+') t.remove_prefix(1);
  std::int64_t v = 0;
  auto [end, ec] = std::from_chars(t.data(), t.data() + t.size(), v);
  if (f.kind != TextField::Kind::kNumber || ec != std::errc() || end != t.data() + t.size()) {
    return InvalidArgument(f.Where() + ": field '" + f.name +
                           "' expects a 64-bit integer, found '" + f.text + "'");
  }
  return v;
}

StatusOr<bool> AsBool(const TextField& f) {
  if (f.text == "true" || f.text == "True" || f.text == "t" || f.text == "1") return true;
  if (f.text == "false" || f.text == "False" || f.text == "f" || f.text == "0") return false;
  return InvalidArgument(f.Where() + ": field '" + f.name + "' expects true or false, found '" +
                         f.text + "'");
}

StatusOr<VersionPolicy> ParsePolicy(const TextField& field) {
  TFSK_RETURN_IF_ERROR(ExpectMessage(field));
  TFSK_RETURN_IF_ERROR(Fields("model_version_policy", {"latest", "all", "specific"}, {})
                           .Check(field.children));
  if (field.children.size() > 1) {
    return InvalidArgument(field.children[1].Where() +
                           ": model_version_policy takes only one of latest, all, specific");
  }
  if (field.children.empty()) return VersionPolicy::Latest();
  const TextField& kind = field.children[0];
  TFSK_RETURN_IF_ERROR(ExpectMessage(kind));
  if (kind.name == "all") {
    TFSK_RETURN_IF_ERROR(Fields("all", {}, {}).Check(kind.children));
    return VersionPolicy::All();
  }
  if (kind.name == "latest") {
    TFSK_RETURN_IF_ERROR(Fields("latest", {"num_versions"}, {}).Check(kind.children));
    std::int64_t n = 1;
    for (const TextField& f : kind.children) {
      TFSK_ASSIGN_OR_RETURN(n, AsInt(f));
    }
    return VersionPolicy::Latest(n < 1 ? 1 : n);  // TF Serving treats < 1 as 1
  }
  TFSK_RETURN_IF_ERROR(Fields("specific", {}, {"versions"}).Check(kind.children));
  std::vector<std::int64_t> versions;
  for (const TextField& f : kind.children) {
    TFSK_ASSIGN_OR_RETURN(std::int64_t v, AsInt(f));
    versions.push_back(v);
  }
  if (versions.empty()) {
    return InvalidArgument(kind.Where() + ": specific version policy lists no versions");
  }
  return VersionPolicy::Specific(std::move(versions));
}

Status ParseLabel(const TextField& field, ModelSpec& spec) {
  TFSK_RETURN_IF_ERROR(ExpectMessage(field));
  TFSK_RETURN_IF_ERROR(Fields("version_labels", {"key", "value"}, {}).Check(field.children));
  std::string key;
  std::int64_t value = 0;
  for (const TextField& f : field.children) {
    if (f.name == "key") {
      TFSK_ASSIGN_OR_RETURN(key, AsString(f));
    } else {
      TFSK_ASSIGN_OR_RETURN(value, AsInt(f));
    }
  }
  if (key.empty()) return InvalidArgument(field.Where() + ": version label without a key");
  // A map field in text format: a later entry for the same key wins.
  spec.labels[key] = value;
  return OkStatus();
}

StatusOr<ModelSpec> ParseModel(const TextField& field) {
  TFSK_RETURN_IF_ERROR(ExpectMessage(field));
  TFSK_RETURN_IF_ERROR(Fields("config",
                              {"name", "base_path", "model_platform", "model_version_policy"},
                              {"version_labels"}, {"model_type", "logging_config"})
                           .Check(field.children));
  ModelSpec spec;
  std::string platform = "tensorflow";
  for (const TextField& f : field.children) {
    if (f.name == "name") {
      TFSK_ASSIGN_OR_RETURN(spec.name, AsString(f));
    } else if (f.name == "base_path") {
      TFSK_ASSIGN_OR_RETURN(std::string path, AsString(f));
      spec.base_path = path;
    } else if (f.name == "model_platform") {
      TFSK_ASSIGN_OR_RETURN(platform, AsString(f));
      if (platform != "tensorflow") {
        return InvalidArgument(f.Where() + ": model_platform \"" + platform +
                               "\" is not supported (only \"tensorflow\")");
      }
    } else if (f.name == "model_version_policy") {
      TFSK_ASSIGN_OR_RETURN(spec.policy, ParsePolicy(f));
    } else {
      TFSK_RETURN_IF_ERROR(ParseLabel(f, spec));
    }
  }
  if (spec.name.empty()) return InvalidArgument(field.Where() + ": config without a name");
  if (spec.base_path.empty()) {
    return InvalidArgument(field.Where() + ": config for model " + spec.name +
                           " has no base_path");
  }
  return spec;
}

}  // namespace

StatusOr<ModelServerConfig> ParseModelServerConfig(std::string_view text) {
  TFSK_ASSIGN_OR_RETURN(std::vector<TextField> top, ParseTextFormat(text));
  TFSK_RETURN_IF_ERROR(
      Fields("ModelServerConfig", {"model_config_list"}, {}, {"custom_model_config"}).Check(top));
  ModelServerConfig config;
  std::set<std::string> names;
  for (const TextField& list : top) {
    TFSK_RETURN_IF_ERROR(ExpectMessage(list));
    TFSK_RETURN_IF_ERROR(Fields("model_config_list", {}, {"config"}).Check(list.children));
    for (const TextField& model : list.children) {
      TFSK_ASSIGN_OR_RETURN(ModelSpec spec, ParseModel(model));
      if (!names.insert(spec.name).second) {
        return InvalidArgument(model.Where() + ": Illegal to list model " + spec.name +
                               " multiple times in config list");
      }
      config.models.push_back(std::move(spec));
    }
  }
  return config;
}

StatusOr<MonitoringConfig> ParseMonitoringConfig(std::string_view text) {
  TFSK_ASSIGN_OR_RETURN(std::vector<TextField> top, ParseTextFormat(text));
  TFSK_RETURN_IF_ERROR(Fields("MonitoringConfig", {"prometheus_config"}, {}).Check(top));
  MonitoringConfig config;
  for (const TextField& prometheus : top) {
    TFSK_RETURN_IF_ERROR(ExpectMessage(prometheus));
    TFSK_RETURN_IF_ERROR(
        Fields("prometheus_config", {"enable", "path"}, {}).Check(prometheus.children));
    for (const TextField& f : prometheus.children) {
      if (f.name == "enable") {
        TFSK_ASSIGN_OR_RETURN(config.prometheus_enable, AsBool(f));
      } else {
        TFSK_ASSIGN_OR_RETURN(std::string path, AsString(f));
        if (!path.empty()) config.prometheus_path = path;
      }
    }
  }
  return config;
}

StatusOr<std::string> ReadFileToString(const std::filesystem::path& path) {
  std::ifstream in(path, std::ios::binary);
  if (!in) return NotFound("cannot open " + path.string());
  std::ostringstream text;
  text << in.rdbuf();
  if (in.bad()) return Internal("cannot read " + path.string());
  return text.str();
}

StatusOr<ModelServerConfig> ReadModelServerConfigFile(const std::filesystem::path& path) {
  TFSK_ASSIGN_OR_RETURN(std::string text, ReadFileToString(path));
  StatusOr<ModelServerConfig> config = ParseModelServerConfig(text);
  if (!config.ok()) return config.status().WithPrefix("parsing " + path.string());
  return config;
}

StatusOr<MonitoringConfig> ReadMonitoringConfigFile(const std::filesystem::path& path) {
  TFSK_ASSIGN_OR_RETURN(std::string text, ReadFileToString(path));
  StatusOr<MonitoringConfig> config = ParseMonitoringConfig(text);
  if (!config.ok()) return config.status().WithPrefix("parsing " + path.string());
  return config;
}

}  // namespace tfsk::serving::core
