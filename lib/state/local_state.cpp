#include "lib/state/local_state.h"

#include <boost/json.hpp>

#include <system_error>

#include "lib/state/state_dir.h"

namespace tfsk::state {

namespace json = boost::json;

std::filesystem::path LocalStatePath(const std::filesystem::path& project) {
  return StateDir(project) / "local.json";
}

std::string LocalStateToJson(const LocalState& s) {
  json::object o;
  o["pid"] = s.pid;
  o["port"] = s.port;
  o["model_name"] = s.model_name;
  o["model_path"] = s.model_path;
  o["log_path"] = s.log_path;
  o["started_at"] = s.started_at;
  return json::serialize(o) + "\n";
}

StatusOr<LocalState> LocalStateFromJson(const std::string& text, const std::string& label) {
  std::error_code ec;
  json::value v = json::parse(text, ec);
  auto bad = [&](const std::string& why) {
    return DataLoss(label + ": " + why + " (delete it if no tfsk-serving is running)");
  };
  if (ec || !v.is_object()) return bad("not a JSON object");
  const json::object& o = v.as_object();
  LocalState s;
  auto integer = [&](const char* key, std::int64_t* out) {
    const json::value* f = o.if_contains(key);
    if (f == nullptr || !f->is_int64()) return false;
    *out = f->as_int64();
    return true;
  };
  auto text_field = [&](const char* key, std::string* out) {
    const json::value* f = o.if_contains(key);
    if (f == nullptr || !f->is_string()) return false;
    *out = std::string(f->as_string());
    return true;
  };
  std::int64_t port = 0;
  if (!integer("pid", &s.pid) || s.pid <= 0) return bad("missing or invalid 'pid'");
  if (!integer("port", &port) || port <= 0 || port > 65535) return bad("missing or invalid 'port'");
  s.port = static_cast<int>(port);
  if (!text_field("model_name", &s.model_name)) return bad("missing 'model_name'");
  if (!text_field("model_path", &s.model_path)) return bad("missing 'model_path'");
  if (!text_field("log_path", &s.log_path)) return bad("missing 'log_path'");
  text_field("started_at", &s.started_at);  // informational only
  return s;
}

StatusOr<std::optional<LocalState>> LoadLocalState(const std::filesystem::path& project) {
  const auto path = LocalStatePath(project);
  auto text = ReadWholeFile(path);
  if (!text.ok()) {
    if (text.status().code() == Code::kNotFound) return std::optional<LocalState>();
    return text.status();
  }
  TFSK_ASSIGN_OR_RETURN(LocalState s, LocalStateFromJson(*text, path.string()));
  return std::optional<LocalState>(s);
}

Status SaveLocalState(const std::filesystem::path& project, const LocalState& s) {
  return WriteFileAtomic(LocalStatePath(project), LocalStateToJson(s));
}

Status ClearLocalState(const std::filesystem::path& project) {
  std::error_code ec;
  std::filesystem::remove(LocalStatePath(project), ec);
  if (ec) return Internal("cannot remove " + LocalStatePath(project).string() + ": " + ec.message());
  return OkStatus();
}

}  // namespace tfsk::state
