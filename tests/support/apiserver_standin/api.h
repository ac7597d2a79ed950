#pragma once
// The Kubernetes API surface of the stand-in, over the transport of http_server.h: discovery,
// OpenAPI, CRUD + patch + watch for the kinds of resources.h, and metrics.k8s.io PodMetrics.
// Route() is the one entry point; the other declarations are the pieces it dispatches to, one
// file each.

#include <boost/json.hpp>

#include <optional>
#include <ostream>
#include <string>

#include "lib/render/schema.h"
#include "tests/support/apiserver_standin/http_server.h"
#include "tests/support/apiserver_standin/openapi.h"
#include "tests/support/apiserver_standin/resources.h"
#include "tests/support/apiserver_standin/store.h"

namespace apiserver {

/// What every handler may read. The store is the only mutable part (and locks itself).
struct ApiContext {
  Store& store;
  const OpenApi& openapi;
  const tfsk::render::SchemaSet& schemas;
  int port = 0;
  int cpu_percent = 0;  ///< the CPU use simulated pods report, in percent of their request
};

/// A URL naming resources: /api/v1/namespaces/NS/PLURAL[/NAME[/SUB]] or /apis/G/V/...
struct ResourcePath {
  const ResourceType* type = nullptr;
  std::string ns;    ///< empty: every namespace (lists and watches only)
  std::string name;  ///< empty: the collection
  std::string sub;   ///< "status" or empty
};

/// Answers one request. Never throws.
Reply Route(ApiContext& ctx, const HttpRequest& req);

/// /version, /api, /apis, /api/v1, /apis/G[/V], /openapi/v3[/...]; nullopt for other paths.
std::optional<HttpResponse> Discovery(const ApiContext& ctx, const HttpRequest& req);

/// GET (one or list), POST, PATCH, PUT, DELETE (one or collection) on a resource path.
HttpResponse HandleObjects(ApiContext& ctx, const ResourcePath& path, const HttpRequest& req);

/// `?watch=true`: a chunked stream of {"type":…,"object":…} lines until timeoutSeconds or the
/// client leaves.
Reply Watch(ApiContext& ctx, const ResourcePath& path, const HttpRequest& req);

/// metrics.k8s.io/v1beta1 PodMetrics of the Running, Ready pods (GET one or list).
HttpResponse PodMetrics(const ApiContext& ctx, const ResourcePath& path, const HttpRequest& req);

/// A metav1.Status failure answer, as kube-apiserver writes it.
HttpResponse StatusError(int code, const std::string& reason, const std::string& message,
                         const boost::json::object& details = {});
/// 404 `<plural>.<group> "<name>" not found`.
HttpResponse NotFoundError(const ResourceType& type, const std::string& name);

/// The object as a response body (apiVersion and kind filled in).
HttpResponse ObjectResponse(const ResourceType& type, boost::json::object object, int status = 200);

}  // namespace apiserver
