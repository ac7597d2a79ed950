// Discovery as kubectl 1.32 reads it: it asks /api and /apis for aggregated discovery
// (apidiscovery.k8s.io/v2) but accepts the legacy documents answered with plain
// application/json, then reads each group version's APIResourceList.
#include <set>

#include "tests/support/apiserver_standin/api.h"

namespace apiserver {
namespace {

HttpResponse Json(const json::value& v) {
  HttpResponse r;
  r.body = json::serialize(v);
  return r;
}

json::object GroupVersion(const std::string& group, const std::string& version) {
  return {{"groupVersion", group + "/" + version}, {"version", version}};
}

json::object Group(const std::string& name) {
  json::array versions;
  std::set<std::string> seen;
  for (const auto& t : ResourceTypes()) {
    if (t.group == name && seen.insert(t.version).second) {
      versions.push_back(GroupVersion(name, t.version));
    }
  }
  json::object g{{"name", name}, {"versions", versions}};
  g["preferredVersion"] = versions.empty() ? json::value() : versions[0];
  return g;
}

std::optional<HttpResponse> ResourceList(const std::string& group, const std::string& version) {
  json::array resources;
  for (const auto& t : ResourceTypes()) {
    if (t.group != group || t.version != version) continue;
    json::array verbs, short_names;
    for (const auto& v : t.verbs) verbs.push_back(json::value(v));
    for (const auto& s : t.short_names) short_names.push_back(json::value(s));
    json::object r{{"name", t.plural},
                   {"singularName", t.singular},
                   {"namespaced", t.namespaced},
                   {"kind", t.kind},
                   {"verbs", verbs}};
    if (!short_names.empty()) r["shortNames"] = short_names;
    if (t.kind != "Event" && !t.read_only) r["categories"] = json::array{"all"};
    resources.push_back(r);
    if (t.has_status) {
      resources.push_back(json::object{{"name", t.plural + "/status"},
                                       {"singularName", ""},
                                       {"namespaced", t.namespaced},
                                       {"kind", t.kind},
                                       {"verbs", json::array{"get", "patch", "update"}}});
    }
  }
  if (resources.empty()) return std::nullopt;
  return Json(json::object{{"kind", "APIResourceList"},
                           {"apiVersion", "v1"},
                           {"groupVersion", group.empty() ? version : group + "/" + version},
                           {"resources", resources}});
}

}  // namespace

std::optional<HttpResponse> Discovery(const ApiContext& ctx, const HttpRequest& req) {
  const std::string& p = req.path;
  if (p == "/version") {
    // v1.32: the gcloud kubectl dispatcher then stays on its own 1.32 binary.
    return Json(json::object{{"major", "1"},
                             {"minor", "32"},
                             {"gitVersion", "v1.32.0"},
                             {"gitCommit", "0000000000000000000000000000000000000000"},
                             {"gitTreeState", "clean"},
                             {"buildDate", "2024-12-11T17:57:17Z"},
                             {"goVersion", "go1.23.3"},
                             {"compiler", "gc"},
                             {"platform", "linux/amd64"}});
  }
  if (p == "/api" || p == "/api/") {
    json::object cidr{{"clientCIDR", "0.0.0.0/0"},
                      {"serverAddress", "127.0.0.1:" + std::to_string(ctx.port)}};
    return Json(json::object{{"kind", "APIVersions"},
                             {"versions", json::array{"v1"}},
                             {"serverAddressByClientCIDRs", json::array{cidr}}});
  }
  if (p == "/apis" || p == "/apis/") {
    json::array groups;
    std::set<std::string> seen;
    for (const auto& t : ResourceTypes()) {
      if (!t.group.empty() && seen.insert(t.group).second) groups.push_back(Group(t.group));
    }
    return Json(json::object{{"kind", "APIGroupList"}, {"apiVersion", "v1"}, {"groups", groups}});
  }
  if (p == "/api/v1") return ResourceList("", "v1");
  if (p.rfind("/apis/", 0) == 0) {
    std::string rest = p.substr(6);
    const auto slash = rest.find('/');
    if (slash == std::string::npos) {
      json::object g = Group(rest);
      if (g["versions"].as_array().empty()) return std::nullopt;
      g["kind"] = "APIGroup";
      g["apiVersion"] = "v1";
      return Json(g);
    }
    if (rest.find('/', slash + 1) == std::string::npos) {
      return ResourceList(rest.substr(0, slash), rest.substr(slash + 1));
    }
    return std::nullopt;
  }
  if (p == "/openapi/v3") {
    HttpResponse r;
    r.body = ctx.openapi.IndexJson();
    return r;
  }
  if (p.rfind("/openapi/v3/", 0) == 0) {
    const std::string* doc = ctx.openapi.Document(p.substr(12));
    if (doc == nullptr)
      return StatusError(404, "NotFound", "the server could not find the requested resource");
    HttpResponse r;
    r.body = *doc;
    return r;
  }
  return std::nullopt;
}

}  // namespace apiserver
