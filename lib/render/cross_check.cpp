#include "lib/render/cross_check.h"

#include <fmt/format.h>
#include <boost/json.hpp>

#include <map>
#include <set>

#include "lib/config/names.h"
#include "lib/render/yaml_json.h"

namespace tfsk::render {
namespace {

namespace json = boost::json;

// Follows a dotted path of object keys; nullptr when any step is missing.
const json::value* At(const json::value& v, std::initializer_list<std::string_view> path) {
  const json::value* cur = &v;
  for (std::string_view key : path) {
    if (!cur->is_object()) return nullptr;
    cur = cur->as_object().if_contains(key);
    if (cur == nullptr) return nullptr;
  }
  return cur;
}

std::string Str(const json::value* v) {
  return v != nullptr && v->is_string() ? std::string(v->as_string()) : std::string();
}

const json::array& Arr(const json::value* v) {
  static const json::array kEmpty;
  return v != nullptr && v->is_array() ? v->as_array() : kEmpty;
}

// True when every key of `selector` has the same value in `labels`.
bool Selects(const json::value* selector, const json::value* labels) {
  if (selector == nullptr || !selector->is_object() || selector->as_object().empty()) return false;
  if (labels == nullptr || !labels->is_object()) return false;
  for (const auto& [k, v] : selector->as_object()) {
    const json::value* have = labels->as_object().if_contains(k);
    if (have == nullptr || *have != v) return false;
  }
  return true;
}

struct Object {
  std::string id;  // "Deployment/x"
  std::string kind;
  std::string name;
  json::value value;
};

class Checker {
 public:
  Checker(const std::vector<Manifest>& manifests, const config::Config& c) : config_(c) {
    for (const Manifest& m : manifests) {
      objects_.push_back({m.kind + "/" + m.name, m.kind, m.name, YamlToJson(m.node)});
    }
  }

  std::vector<std::string> Run() {
    const Object* deploy = Find("Deployment");
    for (const Object& o : objects_) Metadata(o);
    if (deploy != nullptr) Deployment(*deploy);
    for (const Object& o : objects_) {
      if (o.kind == "Service" && deploy != nullptr) Service(o, *deploy);
      if (o.kind == "HorizontalPodAutoscaler") Hpa(o, deploy);
    }
    return std::move(problems_);
  }

 private:
  const Object* Find(const std::string& kind) const {
    for (const Object& o : objects_) {
      if (o.kind == kind) return &o;
    }
    return nullptr;
  }

  void Problem(const Object& o, const std::string& field, const std::string& msg) {
    problems_.push_back(fmt::format("{}: {}: {}", o.id, field, msg));
  }

  void Labels(const Object& o, const json::value* labels, const std::string& field) {
    if (labels == nullptr || !labels->is_object()) return;
    for (const auto& [k, v] : labels->as_object()) {
      if (!v.is_string()) {
        Problem(o, fmt::format("{}.{}", field, std::string(k)), "label values must be strings");
      } else if (auto why = config::CheckLabelValue(v.as_string().c_str()); !why.empty()) {
        Problem(o, fmt::format("{}.{}", field, std::string(k)), why);
      }
    }
  }

  void Metadata(const Object& o) {
    std::string why = o.kind == "Service" ? config::CheckDns1035Label(o.name)
                                          : config::CheckDns1123Subdomain(o.name);
    if (!why.empty()) Problem(o, "metadata.name", why);
    Labels(o, At(o.value, {"metadata", "labels"}), "metadata.labels");
    std::string ns = Str(At(o.value, {"metadata", "namespace"}));
    if (!ns.empty() && ns != config_.cluster.name_space) {
      Problem(
          o, "metadata.namespace",
          fmt::format("'{}' differs from cluster.namespace '{}'", ns, config_.cluster.name_space));
    }
  }

  void Deployment(const Object& d) {
    const json::value* labels = At(d.value, {"spec", "template", "metadata", "labels"});
    Labels(d, labels, "spec.template.metadata.labels");
    if (!Selects(At(d.value, {"spec", "selector", "matchLabels"}), labels)) {
      Problem(d, "spec.selector.matchLabels", "`selector` does not match template `labels`");
    }
    std::set<std::string> volumes;
    for (const auto& v : Arr(At(d.value, {"spec", "template", "spec", "volumes"}))) {
      volumes.insert(Str(At(v, {"name"})));
      const json::value* host = At(v, {"hostPath", "path"});
      if (host != nullptr && config_.cluster.target == "kube") {
        Problem(d, "spec.template.spec.volumes.hostPath.path",
                fmt::format("'{}' is a hostPath on target kube: a folder on whichever node "
                            "runs the pod, not the model; the model travels in the image",
                            Str(host)));
      }
      if (host != nullptr && config_.cluster.target == "minikube" &&
          Str(host) != config_.cluster.mount.guest) {
        Problem(d, "spec.template.spec.volumes.hostPath.path",
                fmt::format("'{}' is not the guest side of the minikube mount ('{}'); the pod "
                            "would not see the model",
                            Str(host), config_.cluster.mount.guest));
      }
    }
    const Object* cm = Find("ConfigMap");
    for (const auto& c : Arr(At(d.value, {"spec", "template", "spec", "containers"}))) {
      std::string field = fmt::format("container {}", Str(At(c, {"name"})));
      for (const auto& m : Arr(At(c, {"volumeMounts"}))) {
        if (!volumes.count(Str(At(m, {"name"})))) {
          Problem(d, field, fmt::format("volumeMount '{}' names no volume", Str(At(m, {"name"}))));
        }
      }
      for (const auto& e : Arr(At(c, {"envFrom"}))) {
        std::string ref = Str(At(e, {"configMapRef", "name"}));
        if (!ref.empty() && (cm == nullptr || cm->name != ref)) {
          Problem(d, field,
                  fmt::format("envFrom names ConfigMap '{}', which is not rendered", ref));
        }
      }
    }
  }

  void Service(const Object& s, const Object& d) {
    if (!Selects(At(s.value, {"spec", "selector"}),
                 At(d.value, {"spec", "template", "metadata", "labels"}))) {
      Problem(s, "spec.selector", fmt::format("does not select the pods of {}", d.id));
    }
    std::set<std::string> ports;
    for (const auto& c : Arr(At(d.value, {"spec", "template", "spec", "containers"}))) {
      for (const auto& p : Arr(At(c, {"ports"}))) {
        if (const json::value* n = At(p, {"containerPort"})) ports.insert(json::serialize(*n));
        if (const json::value* n = At(p, {"name"})) ports.insert(json::serialize(*n));
      }
    }
    for (const auto& p : Arr(At(s.value, {"spec", "ports"}))) {
      const json::value* target = At(p, {"targetPort"});
      if (target == nullptr) target = At(p, {"port"});
      if (target != nullptr && !ports.count(json::serialize(*target))) {
        Problem(s, "spec.ports.targetPort",
                fmt::format("{} is not a containerPort of {}", json::serialize(*target), d.id));
      }
      if (const json::value* np = At(p, {"nodePort"}); np != nullptr && np->is_int64()) {
        std::int64_t n = np->as_int64();
        if (n < 30000 || n > 32767) {
          Problem(s, "spec.ports.nodePort", fmt::format("{} is outside 30000-32767", n));
        }
      }
    }
  }

  void Hpa(const Object& h, const Object* d) {
    static const json::value kNone;
    const json::value* ref = At(h.value, {"spec", "scaleTargetRef"});
    if (ref == nullptr) ref = &kNone;
    if (d == nullptr || Str(At(*ref, {"kind"})) != "Deployment" ||
        Str(At(*ref, {"name"})) != d->name || Str(At(*ref, {"apiVersion"})) != "apps/v1") {
      Problem(h, "spec.scaleTargetRef",
              fmt::format("does not name the rendered Deployment (apps/v1, '{}')",
                          d != nullptr ? d->name : ""));
    }
    const json::value* min = At(h.value, {"spec", "minReplicas"});
    const json::value* max = At(h.value, {"spec", "maxReplicas"});
    if (min != nullptr && max != nullptr && min->is_int64() && max->is_int64() &&
        (min->as_int64() < 1 || min->as_int64() > max->as_int64())) {
      Problem(h, "spec.minReplicas", "must be at least 1 and at most maxReplicas");
    }
    if (d == nullptr) return;
    for (const auto& c : Arr(At(d->value, {"spec", "template", "spec", "containers"}))) {
      if (At(c, {"resources", "requests", "cpu"}) == nullptr) {
        Problem(*d, fmt::format("container {}", Str(At(c, {"name"}))),
                "has no resources.requests.cpu; the HPA would show <unknown>");
      }
    }
  }

  const config::Config& config_;
  std::vector<Object> objects_;
  std::vector<std::string> problems_;
};

}  // namespace

std::vector<std::string> CrossCheck(const std::vector<Manifest>& manifests,
                                    const config::Config& config) {
  return Checker(manifests, config).Run();
}

}  // namespace tfsk::render
