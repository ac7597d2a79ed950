// Watches as client-go's reflectors and `kubectl rollout status` use them: ?watch=true on a
// collection (optionally narrowed by fieldSelector=metadata.name=NAME and labelSelector),
// starting after ?resourceVersion=N, or with the current objects as ADDED when it is empty or
// "0". Each event is one chunk: {"type":"MODIFIED","object":{...}}\n.
#include <chrono>

#include "tests/support/apiserver_standin/api.h"
#include "tests/support/apiserver_standin/selectors.h"

namespace apiserver {
namespace {

std::string Event(const std::string& type, const ResourceType& resource, json::object object) {
  object["apiVersion"] = resource.ApiVersion();
  object["kind"] = resource.kind;
  return json::serialize(json::object{{"type", type}, {"object", std::move(object)}}) + "\n";
}

}  // namespace

Reply Watch(ApiContext& ctx, const ResourcePath& path, const HttpRequest& req) {
  std::string error;
  auto labels = Selector::Labels(req.Query("labelSelector"), &error);
  auto fields = labels ? Selector::Fields(req.Query("fieldSelector"), &error) : std::nullopt;
  if (!labels || !fields) return {StatusError(400, "BadRequest", error), {}};
  std::string field_text = req.Query("fieldSelector");
  if (!path.name.empty()) {
    // GET .../NAME?watch=true (the old form) watches that one object.
    field_text = "metadata.name=" + path.name;
    fields = Selector::Fields(field_text, &error);
  }
  long long since = 0;
  const std::string rv = req.Query("resourceVersion");
  try {
    since = rv.empty() ? 0 : std::stoll(rv);
  } catch (const std::exception&) {
    return {StatusError(400, "BadRequest", "invalid resourceVersion \"" + rv + "\""), {}};
  }
  int timeout_s = 1800;
  try {
    if (!req.Query("timeoutSeconds").empty()) timeout_s = std::stoi(req.Query("timeoutSeconds"));
  } catch (const std::exception&) {
  }
  Reply reply;
  ResourcePath where = path;
  reply.stream = [&ctx, where, labels = *labels, fields = *fields, since,
                  timeout_s](ChunkWriter& out) {
    const ResourceType& type = *where.type;
    auto matches = [&](const json::object& o) {
      if (type.namespaced && !where.ns.empty() && Str(o, {"metadata", "namespace"}) != where.ns) {
        return false;
      }
      return labels.Matches(o) && fields.Matches(o);
    };
    long long last = since;
    if (since == 0) {
      last = ctx.store.ResourceVersion();
      for (auto& o : ctx.store.List(type, where.ns, matches)) {
        if (!out.Write(Event("ADDED", type, std::move(o)))) return;
      }
    }
    const auto end = std::chrono::steady_clock::now() + std::chrono::seconds(timeout_s);
    while (std::chrono::steady_clock::now() < end) {
      if (out.PeerClosed()) return;
      if (!ctx.store.WaitForChange(last, std::chrono::milliseconds(250))) continue;
      for (Change& c : ctx.store.ChangesSince(last)) {
        last = c.rv;
        if (c.resource != &type || !matches(c.object)) continue;
        if (!out.Write(Event(c.type, type, std::move(c.object)))) return;
      }
    }
  };
  return reply;
}

}  // namespace apiserver
