// metrics.k8s.io/v1beta1 PodMetrics, computed when asked (as metrics-server serves them from its
// last scrape): one entry per Running, Ready pod, CPU at the simulated share of its request.
#include "tests/support/apiserver_standin/api.h"
#include "tests/support/apiserver_standin/selectors.h"
#include "tests/support/apiserver_standin/simulation.h"

namespace apiserver {
namespace {

bool Ready(const json::object& pod) {
  const json::value* s = pod.if_contains("status");
  const json::value* conds =
      s != nullptr && s->is_object() ? s->as_object().if_contains("conditions") : nullptr;
  if (conds == nullptr || !conds->is_array()) return false;
  for (const auto& c : conds->as_array()) {
    if (Str(c.as_object(), {"type"}) == "Ready") return Str(c.as_object(), {"status"}) == "True";
  }
  return false;
}

json::object Metrics(const json::object& pod, int percent) {
  const long long millis = PodCpuMillis(pod, percent);
  json::array containers;
  for (const auto& c : pod.at("spec").as_object().at("containers").as_array()) {
    containers.push_back(json::object{
        {"name", Str(c.as_object(), {"name"})},
        {"usage",
         json::object{{"cpu", std::to_string(millis * 1000000) + "n"}, {"memory", "12Mi"}}}});
  }
  json::object meta{{"name", Str(pod, {"metadata", "name"})},
                    {"namespace", Str(pod, {"metadata", "namespace"})},
                    {"creationTimestamp", Now()}};
  if (const json::value* labels = pod.at("metadata").as_object().if_contains("labels"))
    meta["labels"] = *labels;
  return {{"kind", "PodMetrics"}, {"apiVersion", "metrics.k8s.io/v1beta1"},
          {"metadata", meta},     {"timestamp", Now()},
          {"window", "1m0s"},     {"containers", containers}};
}

}  // namespace

HttpResponse PodMetrics(const ApiContext& ctx, const ResourcePath& path, const HttpRequest& req) {
  if (req.method != "GET" || req.Query("watch") == "true") {
    return StatusError(405, "MethodNotAllowed",
                       "the server does not allow this method on the requested resource");
  }
  const ResourceType& pods = *FindResource("", "v1", "pods");
  if (!path.name.empty()) {
    auto pod = ctx.store.Get(pods, path.ns, path.name);
    if (!pod || !Ready(*pod)) return NotFoundError(*path.type, path.name);
    HttpResponse r;
    r.body = json::serialize(Metrics(*pod, ctx.cpu_percent));
    return r;
  }
  std::string error;
  auto labels = Selector::Labels(req.Query("labelSelector"), &error);
  if (!labels) return StatusError(400, "BadRequest", error);
  json::array items;
  for (const auto& pod : ctx.store.List(
           pods, path.ns, [&](const json::object& o) { return labels->Matches(o) && Ready(o); })) {
    items.push_back(Metrics(pod, ctx.cpu_percent));
  }
  HttpResponse r;
  r.body = json::serialize(json::object{{"kind", "PodMetricsList"},
                                        {"apiVersion", "metrics.k8s.io/v1beta1"},
                                        {"metadata", json::object()},
                                        {"items", items}});
  return r;
}

}  // namespace apiserver
