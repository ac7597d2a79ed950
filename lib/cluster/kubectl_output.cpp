#include "lib/cluster/kubectl_output.h"

#include <boost/json.hpp>

#include "lib/cluster/json_fields.h"

namespace tfsk::cluster {
namespace {

bool EndsWith(std::string_view s, std::string_view suffix) {
  return s.size() >= suffix.size() && s.substr(s.size() - suffix.size()) == suffix;
}

AppliedObject ParseApplyLine(std::string_view line) {
  AppliedObject obj;
  obj.line = std::string(line);
  std::string_view rest = line;
  for (std::string_view suffix : {" (server dry run)", " (dry run)"}) {
    if (EndsWith(rest, suffix)) {
      obj.dry_run = true;
      rest.remove_suffix(suffix.size());
      break;
    }
  }
  std::size_t space = rest.rfind(' ');
  std::size_t slash = rest.find('/');
  if (space == std::string_view::npos || slash == std::string_view::npos || slash > space) {
    return obj;
  }
  std::string_view verb = rest.substr(space + 1);
  std::string_view type = rest.substr(0, slash);
  obj.name = std::string(rest.substr(slash + 1, space - slash - 1));
  std::size_t dot = type.find('.');
  obj.kind = std::string(type.substr(0, dot));
  if (dot != std::string_view::npos) obj.group = std::string(type.substr(dot + 1));
  if (verb == "created") obj.action = ApplyAction::kCreated;
  else if (verb == "configured") obj.action = ApplyAction::kConfigured;
  else if (verb == "unchanged") obj.action = ApplyAction::kUnchanged;
  else if (verb == "serverside-applied") obj.action = ApplyAction::kServerSideApplied;
  return obj;
}

}  // namespace

std::string_view ApplyActionName(ApplyAction action) {
  switch (action) {
    case ApplyAction::kCreated: return "created";
    case ApplyAction::kConfigured: return "configured";
    case ApplyAction::kUnchanged: return "unchanged";
    case ApplyAction::kServerSideApplied: return "serverside-applied";
    case ApplyAction::kOther: break;
  }
  return "other";
}

std::vector<AppliedObject> ParseApplyOutput(std::string_view out) {
  std::vector<AppliedObject> objects;
  std::size_t start = 0;
  while (start < out.size()) {
    std::size_t end = out.find('\n', start);
    if (end == std::string_view::npos) end = out.size();
    std::string_view line = out.substr(start, end - start);
    if (!line.empty() && line.back() == '\r') line.remove_suffix(1);
    if (!line.empty()) objects.push_back(ParseApplyLine(line));
    start = end + 1;
  }
  return objects;
}

std::string SummarizeApply(const std::vector<AppliedObject>& objects) {
  std::string summary;
  for (ApplyAction a : {ApplyAction::kCreated, ApplyAction::kConfigured, ApplyAction::kUnchanged,
                        ApplyAction::kServerSideApplied, ApplyAction::kOther}) {
    int n = 0;
    for (const auto& o : objects) n += o.action == a ? 1 : 0;
    if (n == 0) continue;
    summary += (summary.empty() ? "" : ", ") + std::to_string(n) + " " + std::string(ApplyActionName(a));
  }
  return summary.empty() ? "nothing applied" : summary;
}

StatusOr<ToolVersion> ParseKubectlClientVersion(std::string_view out) {
  TFSK_ASSIGN_OR_RETURN(auto doc, json::Parse(out, "`kubectl version --client -o json` output"));
  std::string git = json::Str(doc, {"clientVersion", "gitVersion"});
  if (git.empty()) return InvalidArgument("`kubectl version --client -o json` has no clientVersion.gitVersion");
  return ParseVersion(git);
}

bool TopPodsHasMetrics(std::string_view out) { return out.find("CPU(cores)") != std::string_view::npos; }

}  // namespace tfsk::cluster
