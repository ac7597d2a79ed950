// Route(): discovery and OpenAPI first, then resource paths, then 404 as kube-apiserver words it.
#include <vector>

#include "tests/support/apiserver_standin/api.h"

namespace apiserver {
namespace {

std::vector<std::string> Split(const std::string& path) {
  std::vector<std::string> parts;
  std::size_t start = 1;
  while (start <= path.size()) {
    std::size_t slash = path.find('/', start);
    if (slash == std::string::npos) slash = path.size();
    if (slash > start) parts.push_back(path.substr(start, slash - start));
    start = slash + 1;
  }
  return parts;
}

// /api/v1/... or /apis/G/V/... -> group, version and the parts after them.
std::optional<ResourcePath> ParseResourcePath(const std::string& path) {
  std::vector<std::string> p = Split(path);
  std::string group, version;
  std::size_t i = 0;
  if (p.size() >= 3 && p[0] == "api") {
    version = p[1];
    i = 2;
  } else if (p.size() >= 4 && p[0] == "apis") {
    group = p[1];
    version = p[2];
    i = 3;
  } else {
    return std::nullopt;
  }
  ResourcePath out;
  if (p[i] == "namespaces" && p.size() >= i + 3) {
    out.ns = p[i + 1];
    i += 2;
  }
  out.type = FindResource(group, version, p[i]);
  if (out.type == nullptr) return std::nullopt;
  if (p.size() > i + 1) out.name = p[i + 1];
  if (p.size() > i + 2) out.sub = p[i + 2];
  if (p.size() > i + 3 || (!out.sub.empty() && out.sub != "status")) return std::nullopt;
  return out;
}

}  // namespace

HttpResponse StatusError(int code, const std::string& reason, const std::string& message,
                         const json::object& details) {
  json::object s{{"kind", "Status"},    {"apiVersion", "v1"}, {"metadata", json::object()},
                 {"status", "Failure"}, {"message", message}, {"reason", reason},
                 {"code", code}};
  if (!details.empty()) s["details"] = details;
  HttpResponse r;
  r.status = code;
  r.body = json::serialize(s);
  return r;
}

HttpResponse NotFoundError(const ResourceType& type, const std::string& name) {
  json::object details{{"name", name}, {"kind", type.plural}};
  if (!type.group.empty()) details["group"] = type.group;
  return StatusError(404, "NotFound", type.QualifiedPlural() + " \"" + name + "\" not found",
                     details);
}

HttpResponse ObjectResponse(const ResourceType& type, json::object object, int status) {
  json::object out{{"apiVersion", type.ApiVersion()}, {"kind", type.kind}};
  for (auto& [k, v] : object) {
    if (k != "apiVersion" && k != "kind") out[k] = std::move(v);
  }
  HttpResponse r;
  r.status = status;
  r.body = json::serialize(out);
  return r;
}

Reply Route(ApiContext& ctx, const HttpRequest& req) {
  try {
    if (auto d = Discovery(ctx, req)) return {*d, {}};
    std::optional<ResourcePath> path = ParseResourcePath(req.path);
    if (!path) {
      return {StatusError(404, "NotFound", "the server could not find the requested resource"), {}};
    }
    if (path->type->read_only) return {PodMetrics(ctx, *path, req), {}};
    const std::string watch = req.Query("watch");
    if (req.method == "GET" && (watch == "true" || watch == "1")) return Watch(ctx, *path, req);
    return {HandleObjects(ctx, *path, req), {}};
  } catch (const std::exception& e) {
    return {StatusError(500, "InternalError", std::string("stand-in: ") + e.what()), {}};
  }
}

}  // namespace apiserver
