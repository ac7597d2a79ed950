#include "lib/cluster/minikube_output.h"

#include <boost/json.hpp>

#include <cctype>

#include "lib/cluster/json_fields.h"

namespace tfsk::cluster {
namespace {

std::string_view Trim(std::string_view s) {
  while (!s.empty() && std::isspace(static_cast<unsigned char>(s.front()))) s.remove_prefix(1);
  while (!s.empty() && std::isspace(static_cast<unsigned char>(s.back()))) s.remove_suffix(1);
  return s;
}

std::vector<std::string_view> Lines(std::string_view text) {
  std::vector<std::string_view> lines;
  std::size_t start = 0;
  while (start < text.size()) {
    std::size_t end = text.find('\n', start);
    if (end == std::string_view::npos) end = text.size();
    lines.push_back(text.substr(start, end - start));
    start = end + 1;
  }
  return lines;
}

}  // namespace

std::string MinikubeStatus::Summary() const {
  if (!exists) return "not created";
  if (Ready()) return "Running";
  std::string parts;
  auto add = [&](const char* what, const std::string& v) {
    if (v.empty()) return;
    parts += (parts.empty() ? "" : ", ") + std::string(what) + " " + v;
  };
  add("host", host);
  add("kubelet", kubelet);
  add("apiserver", apiserver);
  add("kubeconfig", kubeconfig);
  std::string word = !HostRunning() ? (host.empty() ? "Stopped" : host)
                                    : (!KubernetesRunning() ? "Kubernetes not running"
                                                            : "kubeconfig not configured");
  return parts.empty() ? word : word + " (" + parts + ")";
}

StatusOr<MinikubeStatus> ParseMinikubeStatus(std::string_view out, int exit_code) {
  MinikubeStatus s;
  s.exit_code = exit_code;
  if (exit_code == 85) return s;  // the profile does not exist; stdout holds CloudEvents lines
  if (exit_code < 0 || exit_code > 7) {
    return InvalidArgument("`minikube status` exited with " + std::to_string(exit_code) +
                           ", which is not a status bit mask");
  }
  s.exists = true;
  auto doc = json::Parse(out, "`minikube status -o json` output");
  if (!doc.ok()) {
    if (exit_code == 0) return doc.status();
    return s;  // the bits still say what is down
  }
  const boost::json::value* node = &*doc;
  if (const auto* arr = doc->if_array()) {
    if (arr->empty()) return s;
    node = &arr->front();
    for (const auto& n : *arr) {
      if (!json::Bool(n, {"Worker"}, true)) {
        node = &n;
        break;
      }
    }
  }
  s.name = json::Str(*node, {"Name"});
  s.host = json::Str(*node, {"Host"});
  s.kubelet = json::Str(*node, {"Kubelet"});
  s.apiserver = json::Str(*node, {"APIServer"});
  s.kubeconfig = json::Str(*node, {"Kubeconfig"});
  return s;
}

StatusOr<std::map<std::string, bool>> ParseAddonsList(std::string_view out) {
  TFSK_ASSIGN_OR_RETURN(auto doc, json::Parse(out, "`minikube addons list -o json` output"));
  const auto* obj = doc.if_object();
  if (obj == nullptr)
    return InvalidArgument("`minikube addons list -o json` did not print an object");
  std::map<std::string, bool> addons;
  for (const auto& [name, entry] : *obj) {
    addons[std::string(name)] = json::Str(entry, {"Status"}) == "enabled";
  }
  return addons;
}

std::optional<std::string> ServiceUrlInLine(std::string_view line) {
  line = Trim(line);
  if (line.rfind("http://", 0) == 0 || line.rfind("https://", 0) == 0) {
    if (line.find(' ') == std::string_view::npos) return std::string(line);
  }
  return std::nullopt;
}

std::vector<std::string> ParseServiceUrls(std::string_view out) {
  std::vector<std::string> urls;
  for (auto line : Lines(out)) {
    if (auto url = ServiceUrlInLine(line)) urls.push_back(*url);
  }
  return urls;
}

std::vector<std::string> ParseImageList(std::string_view out) {
  std::vector<std::string> refs;
  for (std::string_view line : Lines(out)) {
    line = Trim(line);
    if (!line.empty()) refs.emplace_back(line);
  }
  return refs;
}

namespace {

// The part of an image reference that is the same however a runtime spells the default
// registry of a short name: docker.io/library/x:1, docker.io/x:1 and x:1 are the same image to
// docker and containerd; cri-o and podman put short names under localhost/.
std::string_view WithoutDefaultRegistry(std::string_view ref) {
  for (std::string_view prefix : {"docker.io/library/", "docker.io/", "localhost/"}) {
    if (ref.substr(0, prefix.size()) == prefix) return ref.substr(prefix.size());
  }
  return ref;
}

}  // namespace

bool ListedImageMatches(std::string_view listed, std::string_view reference) {
  listed = Trim(listed);
  reference = Trim(reference);
  if (listed.empty() || reference.empty()) return false;
  return WithoutDefaultRegistry(listed) == WithoutDefaultRegistry(reference);
}

StatusOr<std::string> ParseIp(std::string_view out) {
  auto lines = Lines(out);
  std::string_view ip = lines.empty() ? std::string_view() : Trim(lines.front());
  bool ok = !ip.empty();
  for (char c : ip) {
    ok = ok && (std::isxdigit(static_cast<unsigned char>(c)) || c == '.' || c == ':');
  }
  if (!ok)
    return InvalidArgument("`minikube ip` printed \"" + std::string(Trim(out)) +
                           "\", not an address");
  return std::string(ip);
}

StatusOr<ToolVersion> ParseVersion(std::string_view text) {
  for (std::size_t i = 0; i + 1 < text.size(); ++i) {
    if (text[i] != 'v' || !std::isdigit(static_cast<unsigned char>(text[i + 1]))) continue;
    if (i > 0 && std::isalnum(static_cast<unsigned char>(text[i - 1]))) continue;
    std::size_t end = i + 1;
    while (end < text.size() && !std::isspace(static_cast<unsigned char>(text[end])) &&
           text[end] != '"' && text[end] != ',') {
      ++end;
    }
    ToolVersion v;
    v.text = std::string(text.substr(i, end - i));
    int* parts[] = {&v.major, &v.minor, &v.patch};
    std::size_t p = i + 1;
    for (int k = 0; k < 3 && p < end && std::isdigit(static_cast<unsigned char>(text[p])); ++k) {
      int n = 0;
      while (p < end && std::isdigit(static_cast<unsigned char>(text[p])))
        n = n * 10 + (text[p++] - '0');
      *parts[k] = n;
      if (p < end && text[p] == '.')
        ++p;
      else
        break;
    }
    return v;
  }
  return InvalidArgument("no version (vX.Y.Z) in \"" + std::string(Trim(text)) + "\"");
}

}  // namespace tfsk::cluster
