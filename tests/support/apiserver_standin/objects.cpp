// CRUD and patch on stored objects, with kube-apiserver's answers: 201 on create, 409
// AlreadyExists, 404 NotFound, 400 strict decoding errors (?fieldValidation=Strict, the default
// of kubectl since 1.25), `Warning` headers for fieldValidation=Warn, ?dryRun=All honoured on
// every write.
#include <algorithm>

#include "tests/support/apiserver_standin/api.h"
#include "tests/support/apiserver_standin/merge_patch.h"
#include "tests/support/apiserver_standin/selectors.h"

namespace apiserver {
namespace {

// "spec.x: unknown field (did you mean 'y'?)" (lib/render's wording) -> "spec.x".
std::vector<std::string> UnknownFields(const ApiContext& ctx, const json::object& object) {
  std::vector<std::string> out;
  for (const std::string& p : ctx.schemas.Validate(object)) {
    const auto at = p.find(": unknown field");
    if (at != std::string::npos) out.push_back(p.substr(0, at));
  }
  return out;
}

struct Validation {
  std::optional<HttpResponse> error;
  std::vector<std::pair<std::string, std::string>> warnings;
};

// `prefix` is what the server puts before "strict decoding error" on a create.
Validation CheckFields(const ApiContext& ctx, const HttpRequest& req, const json::object& object,
                       const std::string& prefix) {
  Validation v;
  const std::string mode = req.Query("fieldValidation", "Warn");
  if (mode == "Ignore") return v;
  std::vector<std::string> unknown = UnknownFields(ctx, object);
  if (unknown.empty()) return v;
  if (mode == "Strict") {
    std::string text = prefix + "strict decoding error: ";
    for (std::size_t i = 0; i < unknown.size(); ++i) {
      text += (i ? ", " : "") + std::string("unknown field \"") + unknown[i] + "\"";
    }
    v.error = StatusError(400, "BadRequest", text);
    return v;
  }
  for (const auto& f : unknown)
    v.warnings.emplace_back("Warning", "299 - \"unknown field \\\"" + f + "\\\"\"");
  return v;
}

std::optional<json::object> ParseObject(const std::string& body, std::string* error) {
  boost::system::error_code ec;
  json::value v = json::parse(body, ec);
  if (ec || !v.is_object()) {
    *error = ec ? ec.message() : "the body is not a JSON object";
    return std::nullopt;
  }
  return v.as_object();
}

// The few server defaults the simulation and kubectl's rollout logic read.
void ApplyDefaults(const ResourceType& type, json::object& object) {
  json::value* spec = object.if_contains("spec");
  if (spec == nullptr || !spec->is_object()) return;
  if (type.kind == "Deployment" && !spec->as_object().contains("replicas")) {
    spec->as_object()["replicas"] = 1;
  }
  if (type.kind == "HorizontalPodAutoscaler" && !spec->as_object().contains("minReplicas")) {
    spec->as_object()["minReplicas"] = 1;
  }
}

// A create or replace body; on failure `error` holds the server's 400 answer.
std::optional<json::object> Body(const HttpRequest& req, HttpResponse* error) {
  std::string why;
  std::optional<json::object> object = ParseObject(req.body, &why);
  if (!object) {
    *error = StatusError(400, "BadRequest", "the body of the request could not be decoded: " + why);
  }
  return object;
}

// What kube-apiserver puts before "strict decoding error" when it decodes a whole object.
std::string DecodePrefix(const ResourceType& type) {
  return type.kind + " in version \"" + type.version + "\" cannot be handled as a " + type.kind +
         ": ";
}

bool DryRun(const HttpRequest& req) { return req.Query("dryRun") == "All"; }

HttpResponse List(ApiContext& ctx, const ResourcePath& path, const HttpRequest& req) {
  std::string error;
  auto labels = Selector::Labels(req.Query("labelSelector"), &error);
  auto fields = labels ? Selector::Fields(req.Query("fieldSelector"), &error) : std::nullopt;
  if (!labels || !fields) return StatusError(400, "BadRequest", error);
  const long long rv = ctx.store.ResourceVersion();
  json::array items;
  for (auto& o : ctx.store.List(*path.type, path.ns, [&](const json::object& o) {
         return labels->Matches(o) && fields->Matches(o);
       })) {
    o["apiVersion"] = path.type->ApiVersion();
    o["kind"] = path.type->kind;
    items.push_back(std::move(o));
  }
  json::object list{{"apiVersion", path.type->ApiVersion()},
                    {"kind", path.type->kind + "List"},
                    {"metadata", json::object{{"resourceVersion", std::to_string(rv)}}},
                    {"items", std::move(items)}};
  HttpResponse r;
  r.body = json::serialize(list);
  return r;
}

HttpResponse Create(ApiContext& ctx, const ResourcePath& path, const HttpRequest& req) {
  const ResourceType& type = *path.type;
  HttpResponse bad;
  std::optional<json::object> object = Body(req, &bad);
  if (!object) return bad;
  json::value& meta = (*object)["metadata"];
  if (!meta.is_object()) meta = json::object();
  const std::string name = Str(*object, {"metadata", "name"});
  if (name.empty()) {
    return StatusError(
        422, "Invalid",
        type.kind +
            " \"\" is invalid: metadata.name: Required value: name or generateName is required");
  }
  const std::string ns = Str(*object, {"metadata", "namespace"});
  if (!ns.empty() && ns != path.ns) {
    return StatusError(
        400, "BadRequest",
        "the namespace of the provided object does not match the namespace sent on the request");
  }
  if (type.namespaced) meta.as_object()["namespace"] = path.ns;
  (*object)["apiVersion"] = type.ApiVersion();
  (*object)["kind"] = type.kind;
  Validation v = CheckFields(ctx, req, *object, DecodePrefix(type));
  if (v.error) return *v.error;
  object->erase("status");
  ApplyDefaults(type, *object);
  std::optional<json::object> stored = ctx.store.Create(type, std::move(*object), DryRun(req));
  if (!stored) {
    json::object details{{"name", name}, {"kind", type.plural}};
    if (!type.group.empty()) details["group"] = type.group;
    return StatusError(409, "AlreadyExists",
                       type.QualifiedPlural() + " \"" + name + "\" already exists", details);
  }
  HttpResponse r = ObjectResponse(type, std::move(*stored), 201);
  r.headers = v.warnings;
  return r;
}

HttpResponse Patch(ApiContext& ctx, const ResourcePath& path, const HttpRequest& req) {
  const ResourceType& type = *path.type;
  const std::string content_type = req.Header("content-type");
  const bool strategic = content_type.rfind("application/strategic-merge-patch+json", 0) == 0;
  const bool merge = content_type.rfind("application/merge-patch+json", 0) == 0;
  if (!strategic && !merge) {
    return StatusError(415, "UnsupportedMediaType",
                       "the body of the request was in an unknown format - accepted media types "
                       "include: application/json-patch+json, application/merge-patch+json, "
                       "application/apply-patch+yaml, application/strategic-merge-patch+json "
                       "(the stand-in implements the merge patches only)");
  }
  std::string error;
  std::optional<json::object> patch = ParseObject(req.body, &error);
  if (!patch) return StatusError(400, "BadRequest", "error decoding patch: " + error);
  std::optional<HttpResponse> failure;
  Validation v;
  auto edited = ctx.store.Modify(
      type, path.ns, path.name,
      [&](json::object& o) {
        const json::object before = o;
        if (strategic) {
          const SchemaCursor root = ctx.openapi.Root(type.ApiVersion(), type.kind);
          if (!StrategicMergePatch(o, *patch, root, &error)) {
            failure = StatusError(400, "BadRequest", error);
            return Edit::kUnchanged;
          }
        } else {
          o = JsonMergePatch(o, *patch).as_object();
        }
        // The main resource ignores status changes and /status ignores everything else.
        if (type.has_status) {
          json::object merged = o;
          o = path.sub == "status" ? before : merged;
          if (const json::value* s =
                  (path.sub == "status" ? merged : before).if_contains("status")) {
            o["status"] = *s;
          } else {
            o.erase("status");
          }
        }
        o["apiVersion"] = type.ApiVersion();
        o["kind"] = type.kind;
        ApplyDefaults(type, o);
        v = CheckFields(ctx, req, o, "");
        if (v.error) {
          failure = v.error;
          return Edit::kUnchanged;
        }
        return Edit::kChanged;
      },
      DryRun(req));
  if (failure) return *failure;
  if (!edited) return NotFoundError(type, path.name);
  HttpResponse r = ObjectResponse(type, std::move(*edited));
  r.headers = v.warnings;
  return r;
}

HttpResponse Replace(ApiContext& ctx, const ResourcePath& path, const HttpRequest& req) {
  const ResourceType& type = *path.type;
  HttpResponse bad;
  std::optional<json::object> object = Body(req, &bad);
  if (!object) return bad;
  Validation v = CheckFields(ctx, req, *object, DecodePrefix(type));
  if (v.error) return *v.error;
  const bool status_only = path.sub == "status";
  auto edited = ctx.store.Modify(
      type, path.ns, path.name,
      [&](json::object& o) {
        json::value status = o.contains("status") ? o["status"] : json::value();
        json::object keep_meta = o["metadata"].as_object();
        if (status_only) {
          o["status"] = (*object)["status"];
        } else {
          o = *object;
          o["apiVersion"] = type.ApiVersion();
          o["kind"] = type.kind;
          if (!status.is_null()) o["status"] = status;
        }
        if (status_only) o["metadata"] = keep_meta;
        return Edit::kChanged;
      },
      DryRun(req));
  if (!edited) return NotFoundError(type, path.name);
  return ObjectResponse(type, std::move(*edited));
}

// DeleteOptions.propagationPolicy: Background (default for kubectl) deletes now and lets the
// simulation's garbage collector remove dependents; Foreground keeps the object, marked, until
// they are gone; Orphan leaves them without an owner.
std::optional<json::object> DeleteOne(ApiContext& ctx, const ResourceType& type,
                                      const std::string& ns, const std::string& name,
                                      const std::string& policy, bool dry_run) {
  if (policy == "Foreground") {
    return ctx.store.Modify(
        type, ns, name,
        [](json::object& o) {
          json::object& meta = o["metadata"].as_object();
          if (meta.contains("deletionTimestamp")) return Edit::kUnchanged;
          meta["deletionTimestamp"] = Now();
          meta["finalizers"] = json::array{"foregroundDeletion"};
          return Edit::kChanged;
        },
        dry_run);
  }
  std::optional<json::object> gone = ctx.store.Delete(type, ns, name, dry_run);
  if (gone && policy == "Orphan" && !dry_run) {
    const std::string uid = Str(*gone, {"metadata", "uid"});
    for (const ResourceType& t : ResourceTypes()) {
      if (t.read_only) continue;
      for (const json::object& dep : ctx.store.List(t, ns)) {
        ctx.store.Modify(t, ns, Str(dep, {"metadata", "name"}), [&](json::object& o) {
          json::value* refs = o["metadata"].as_object().if_contains("ownerReferences");
          if (refs == nullptr || !refs->is_array()) return Edit::kUnchanged;
          json::array& a = refs->as_array();
          const auto before = a.size();
          a.erase(std::remove_if(a.begin(), a.end(),
                                 [&](const json::value& r) {
                                   return r.is_object() && Str(r.as_object(), {"uid"}) == uid;
                                 }),
                  a.end());
          return a.size() == before ? Edit::kUnchanged : Edit::kChanged;
        });
      }
    }
  }
  return gone;
}

std::string Policy(const HttpRequest& req) {
  std::string policy = req.Query("propagationPolicy");
  std::string error;
  if (auto body = ParseObject(req.body, &error)) {
    const std::string p = Str(*body, {"propagationPolicy"});
    if (!p.empty()) policy = p;
  }
  return policy.empty() ? "Background" : policy;
}

HttpResponse Delete(ApiContext& ctx, const ResourcePath& path, const HttpRequest& req) {
  const ResourceType& type = *path.type;
  const std::string policy = Policy(req);
  if (!path.name.empty()) {
    auto gone = DeleteOne(ctx, type, path.ns, path.name, policy, DryRun(req));
    if (!gone) return NotFoundError(type, path.name);
    return ObjectResponse(type, std::move(*gone));
  }
  std::string error;
  auto labels = Selector::Labels(req.Query("labelSelector"), &error);
  auto fields = labels ? Selector::Fields(req.Query("fieldSelector"), &error) : std::nullopt;
  if (!labels || !fields) return StatusError(400, "BadRequest", error);
  json::array items;
  for (const json::object& o : ctx.store.List(type, path.ns, [&](const json::object& o) {
         return labels->Matches(o) && fields->Matches(o);
       })) {
    auto gone = DeleteOne(ctx, type, path.ns, Str(o, {"metadata", "name"}), policy, DryRun(req));
    if (gone) items.push_back(std::move(*gone));
  }
  HttpResponse r;
  r.body = json::serialize(json::object{{"apiVersion", type.ApiVersion()},
                                        {"kind", type.kind + "List"},
                                        {"metadata", json::object()},
                                        {"items", items}});
  return r;
}

}  // namespace

HttpResponse HandleObjects(ApiContext& ctx, const ResourcePath& path, const HttpRequest& req) {
  const bool one = !path.name.empty();
  if (path.ns.empty() && path.type->namespaced && (one || req.method != "GET")) {
    return StatusError(404, "NotFound", "the server could not find the requested resource");
  }
  if (req.method == "GET" && one) {
    auto o = ctx.store.Get(*path.type, path.ns, path.name);
    if (!o) return NotFoundError(*path.type, path.name);
    return ObjectResponse(*path.type, std::move(*o));
  }
  if (req.method == "GET") return List(ctx, path, req);
  if (req.method == "POST" && !one) return Create(ctx, path, req);
  if (req.method == "PATCH" && one) return Patch(ctx, path, req);
  if (req.method == "PUT" && one) return Replace(ctx, path, req);
  if (req.method == "DELETE") return Delete(ctx, path, req);
  return StatusError(405, "MethodNotAllowed",
                     "the server does not allow this method on the requested resource");
}

}  // namespace apiserver
