#include "lib/cluster/minikube_events.h"

#include <boost/json.hpp>

#include <cstdlib>

#include "lib/cluster/json_fields.h"

namespace tfsk::cluster {
namespace {

constexpr std::string_view kPrefix = "io.k8s.sigs.minikube.";

int Number(const std::string& s) { return s.empty() ? 0 : std::atoi(s.c_str()); }

std::string Chomp(std::string s) {
  while (!s.empty() && (s.back() == '\n' || s.back() == '\r')) s.pop_back();
  return s;
}

}  // namespace

std::string MinikubeEvent::ProgressLine() const {
  std::string line;
  if (total_steps > 0) line = "[" + std::to_string(current_step) + "/" + std::to_string(total_steps) + "] ";
  if (!name.empty() && type == "step") line += name + ": ";
  return line + message;
}

std::optional<MinikubeEvent> ParseMinikubeEvent(std::string_view line) {
  if (line.find('{') == std::string_view::npos) return std::nullopt;
  auto doc = json::Parse(line, "minikube event");
  if (!doc.ok()) return std::nullopt;
  std::string type = json::Str(*doc, {"type"});
  if (type.rfind(kPrefix, 0) != 0) return std::nullopt;
  MinikubeEvent e;
  e.type = type.substr(kPrefix.size());
  e.name = json::Str(*doc, {"data", "name"});
  e.message = Chomp(json::Str(*doc, {"data", "message"}));
  e.advice = json::Str(*doc, {"data", "advice"});
  e.current_step = Number(json::Str(*doc, {"data", "currentstep"}));
  e.total_steps = Number(json::Str(*doc, {"data", "totalsteps"}));
  std::string code = json::Str(*doc, {"data", "exitcode"});
  if (!code.empty()) e.exit_code = Number(code);
  return e;
}

}  // namespace tfsk::cluster
