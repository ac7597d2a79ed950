#include "lib/lifecycle/deploy_state.h"

#include <boost/json.hpp>

#include "lib/state/state_dir.h"

namespace tfsk::lifecycle {
namespace json = boost::json;

namespace {

std::string Str(const json::object& o, const char* key) {
  const json::value* v = o.if_contains(key);
  if (v == nullptr || !v->is_string()) return "";
  return std::string(v->as_string());
}

}  // namespace

std::filesystem::path DeployStatePath(const std::filesystem::path& project) {
  return state::StateDir(project) / "state.json";
}

std::string DeployStateToJson(const DeployState& s) {
  json::array objects;
  for (const auto& o : s.objects) objects.push_back(json::object{{"kind", o.kind}, {"name", o.name}});
  json::object root{{"target", s.target},         {"profile", s.profile},
                    {"context", s.context},       {"namespace", s.name_space},
                    {"selector", s.selector},     {"deployment", s.deployment},
                    {"service", s.service},       {"hpa", s.hpa},
                    {"url", s.url},               {"model", s.model},
                    {"service_port", s.service_port},
                    {"objects", std::move(objects)}};
  return json::serialize(root) + "\n";
}

StatusOr<DeployState> DeployStateFromJson(const std::string& text, const std::string& label) {
  boost::system::error_code ec;
  json::value v = json::parse(text, ec);
  if (ec || !v.is_object()) return DataLoss(label + ": not a tfsk state object (delete it and run `tfsk up`)");
  const json::object& o = v.as_object();
  DeployState s;
  s.target = Str(o, "target");
  s.profile = Str(o, "profile");
  s.context = Str(o, "context");
  s.name_space = Str(o, "namespace");
  s.selector = Str(o, "selector");
  s.deployment = Str(o, "deployment");
  s.service = Str(o, "service");
  s.hpa = Str(o, "hpa");
  s.url = Str(o, "url");
  s.model = Str(o, "model");  // absent in files written before it was recorded
  if (const json::value* p = o.if_contains("service_port"); p != nullptr && p->is_int64()) {
    s.service_port = static_cast<int>(p->as_int64());
  }
  if (s.context.empty() || s.selector.empty()) {
    return DataLoss(label + ": missing context or selector (delete it and run `tfsk up`)");
  }
  if (const json::value* arr = o.if_contains("objects"); arr != nullptr && arr->is_array()) {
    for (const auto& item : arr->as_array()) {
      if (!item.is_object()) continue;
      s.objects.push_back({Str(item.as_object(), "kind"), Str(item.as_object(), "name")});
    }
  }
  return s;
}

StatusOr<std::optional<DeployState>> LoadDeployState(const std::filesystem::path& project) {
  const auto path = DeployStatePath(project);
  auto text = state::ReadWholeFile(path);
  if (!text.ok()) {
    if (text.status().code() == Code::kNotFound) return std::optional<DeployState>();
    return text.status();
  }
  TFSK_ASSIGN_OR_RETURN(DeployState s, DeployStateFromJson(*text, path.string()));
  return std::optional<DeployState>(std::move(s));
}

Status SaveDeployState(const std::filesystem::path& project, const DeployState& s) {
  return state::WriteFileAtomic(DeployStatePath(project), DeployStateToJson(s));
}

Status ClearDeployState(const std::filesystem::path& project) {
  std::error_code ec;
  std::filesystem::remove(DeployStatePath(project), ec);
  if (ec) return Internal("cannot remove " + DeployStatePath(project).string() + ": " + ec.message());
  return OkStatus();
}

}  // namespace tfsk::lifecycle
