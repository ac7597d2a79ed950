#include "lib/config/validate.h"

#include <fmt/format.h>

#include <algorithm>
#include <vector>

#include "lib/base/suggest.h"
#include "lib/config/names.h"
#include "lib/config/quantity.h"

namespace tfsk::config {
namespace {

// Adds errors with the origin of the field when the loader recorded one.
class Checker {
 public:
  Checker(const ValidateOptions& o, Diagnostics& d) : opts_(o), diag_(d) {}

  void Error(const std::string& path, const std::string& msg) {
    diag_.Error(path, msg, Origin(path));
  }
  void Warning(const std::string& path, const std::string& msg) {
    diag_.Warning(path, msg, Origin(path));
  }
  void Name(const std::string& path, const std::string& value,
            std::string (*rule)(std::string_view), const std::string& what) {
    std::string why = rule(value);
    if (value.empty()) why = "must not be empty";
    if (!why.empty()) Error(path, fmt::format("'{}' is not a valid {}: {}", value, what, why));
  }
  void Range(const std::string& path, long value, long lo, long hi, const std::string& why = "") {
    if (value >= lo && value <= hi) return;
    Error(path, fmt::format("{} is out of range; use {}..{}{}", value, lo, hi, why));
  }
  void OneOf(const std::string& path, const std::string& value,
             const std::vector<std::string>& allowed) {
    if (std::find(allowed.begin(), allowed.end(), value) != allowed.end()) return;
    std::string list;
    for (const auto& a : allowed) list += (list.empty() ? "" : ", ") + (a.empty() ? "\"\"" : a);
    Error(path, fmt::format("'{}' is not one of {}{}", value, list, DidYouMean(value, allowed)));
  }

 private:
  std::string Origin(const std::string& path) const {
    if (opts_.origins == nullptr) return "";
    auto it = opts_.origins->find(path);
    return it == opts_.origins->end() ? "" : it->second;
  }
  const ValidateOptions& opts_;
  Diagnostics& diag_;
};

bool AllDigits(const std::string& s) {
  return !s.empty() && std::all_of(s.begin(), s.end(), [](char c) { return c >= '0' && c <= '9'; });
}

void CheckNames(const Config& c, Checker& k) {
  k.Name("name", c.name, CheckDns1123Label, "project name (it becomes the app label)");
  k.Name("names.configMap", c.names.configmap, CheckDns1123Subdomain, "ConfigMap name");
  k.Name("names.deployment", c.names.deployment, CheckDns1123Subdomain, "Deployment name");
  k.Name("names.service", c.names.service, CheckDns1035Label, "Service name");
  k.Name("names.hpa", c.names.hpa, CheckDns1123Subdomain, "HorizontalPodAutoscaler name");
  k.Name("names.container", c.names.container, CheckDns1123Label, "container name");
  k.Name("names.volume", c.names.volume, CheckDns1123Label, "volume name");
  k.Name("names.port", c.names.port, CheckPortName, "Service port name");
  k.Name("cluster.namespace", c.cluster.name_space, CheckDns1123Label, "namespace");
  bool model_ok =
      !c.model.name.empty() && c.model.name[0] != '.' &&
      std::all_of(c.model.name.begin(), c.model.name.end(), [](char ch) {
        return std::isalnum(static_cast<unsigned char>(ch)) || ch == '_' || ch == '-' || ch == '.';
      });
  if (model_ok && !CheckLabelValue(c.model.name).empty()) {
    k.Error("model.name", fmt::format("'{}' must also be a valid label value (it becomes "
                                      "app.kubernetes.io/instance): {}",
                                      c.model.name, CheckLabelValue(c.model.name)));
  }
  if (!model_ok) {
    k.Error("model.name", fmt::format("'{}' is not a valid model name: use letters, digits, "
                                      "'_', '-' or '.' (e.g. 'half_plus_two'); it is part of "
                                      "the URL /v1/models/<name>",
                                      c.model.name));
  }
}

void CheckQuantity(const std::string& path, const std::string& value, bool memory, Checker& k) {
  if (value.empty()) return;
  auto q = ParseQuantity(value);
  if (!q) {
    k.Error(path, fmt::format("'{}' is not a Kubernetes quantity; write e.g. {}", value,
                              memory ? "'64Mi', '128M' or '1Gi'" : "'100m' or '0.5'"));
  } else if (*q < 0) {
    k.Error(path, fmt::format("'{}' must not be negative", value));
  } else if (memory && value.back() == 'm') {
    k.Warning(path, fmt::format("'{}' means milli-bytes; did you mean '{}M' (megabytes) or "
                                "'{}Mi' (mebibytes)?",
                                value, value.substr(0, value.size() - 1),
                                value.substr(0, value.size() - 1)));
  }
}

void CheckLimit(const std::string& res, const std::string& request, const std::string& limit,
                Checker& k) {
  auto r = ParseQuantity(request);
  auto l = ParseQuantity(limit);
  if (r && l && *r > *l) {
    k.Error("server.resources.requests." + res,
            fmt::format("request '{}' exceeds the limit '{}' (server.resources.limits.{}); raise "
                        "the limit or lower the request",
                        request, limit, res));
  }
}

void CheckServer(const Config& c, Checker& k) {
  const ServerConfig& s = c.server;
  if (s.image.empty() || s.image.find_first_of(" \t\n") != std::string::npos) {
    k.Error("server.image", fmt::format("'{}' is not an image reference; use e.g. "
                                        "'tensorflow/serving', 'tfsk-serving' or "
                                        "'registry.example.com/team/serving:2.14'",
                                        s.image));
  }
  k.Range("server.ports.rest", s.rest_port, 1, 65535);
  k.Range("server.ports.grpc", s.grpc_port, 1, 65535);
  if (s.rest_port == s.grpc_port) {
    k.Error("server.ports.grpc", fmt::format("{} is also the REST port; use two different "
                                             "ports (TF Serving: rest 8501, grpc 8500)",
                                             s.grpc_port));
  }
  k.Range("server.replicas", s.replicas, 1, 1000);
  const Resources& r = s.resources;
  CheckQuantity("server.resources.requests.cpu", r.requests.cpu, false, k);
  CheckQuantity("server.resources.requests.memory", r.requests.memory, true, k);
  CheckQuantity("server.resources.limits.cpu", r.limits.cpu, false, k);
  CheckQuantity("server.resources.limits.memory", r.limits.memory, true, k);
  CheckLimit("cpu", r.requests.cpu, r.limits.cpu, k);
  CheckLimit("memory", r.requests.memory, r.limits.memory, k);
  if (s.readiness.enabled) {
    k.Range("server.readiness.initialDelaySeconds", s.readiness.initial_delay_seconds, 0, 3600);
    k.Range("server.readiness.periodSeconds", s.readiness.period_seconds, 1, 3600);
    k.Range("server.readiness.timeoutSeconds", s.readiness.timeout_seconds, 1, 3600);
    k.Range("server.readiness.failureThreshold", s.readiness.failure_threshold, 1, 1000);
  }
  if (!c.model.base_path.empty() && c.model.base_path[0] != '/') {
    k.Error("model.basePath", fmt::format("'{}' must be an absolute path in the container "
                                          "(TF Serving's default is /models)",
                                          c.model.base_path));
  }
}

void CheckService(const ServiceConfig& s, Checker& k) {
  k.OneOf("service.type", s.type, {"NodePort", "ClusterIP", "LoadBalancer"});
  k.Range("service.port", s.port, 1, 65535);
  if (s.type != "ClusterIP" && s.node_port != 0) {
    k.Range("service.nodePort", s.node_port, 30000, 32767,
            " (the API server's default --service-node-port-range), or 0 to let Kubernetes "
            "choose");
  }
}

void CheckRules(const std::string& path, const ScalingRules& r, Checker& k) {
  if (r.stabilization_window_seconds) {
    k.Range(path + ".stabilizationWindowSeconds", *r.stabilization_window_seconds, 0, 3600);
  }
  if (!r.select_policy.empty()) {
    k.OneOf(path + ".selectPolicy", r.select_policy, {"Max", "Min", "Disabled"});
  }
  for (std::size_t i = 0; i < r.policies.size(); ++i) {
    std::string p = fmt::format("{}.policies[{}]", path, i);
    k.OneOf(p + ".type", r.policies[i].type, {"Pods", "Percent"});
    k.Range(p + ".value", r.policies[i].value, 1, 100000);
    k.Range(p + ".periodSeconds", r.policies[i].period_seconds, 1, 1800);
  }
}

void CheckAutoscale(const Config& c, Checker& k) {
  const AutoscaleConfig& a = c.autoscale;
  if (!a.enabled) return;
  if (a.min_replicas < 1) {
    k.Error("autoscale.minReplicas", fmt::format("{} is below 1; the HPA needs at least one "
                                                 "replica to measure",
                                                 a.min_replicas));
  }
  if (a.max_replicas < a.min_replicas) {
    k.Error("autoscale.maxReplicas", fmt::format("{} is below minReplicas ({}); make "
                                                 "maxReplicas >= minReplicas",
                                                 a.max_replicas, a.min_replicas));
  }
  if (c.server.replicas != 1 && c.server.replicas != a.min_replicas) {
    k.Warning(
        "server.replicas",
        fmt::format("{} is not used while autoscale is enabled: the HPA sets the count "
                    "({}..{}); set autoscale.minReplicas instead, or autoscale.enabled: false",
                    c.server.replicas, a.min_replicas, a.max_replicas));
  }
  if (a.cpu_utilization < 1) {
    k.Error("autoscale.cpuUtilization", fmt::format("{} must be a percentage of the CPU request "
                                                    "above 0 (the lab uses 20)",
                                                    a.cpu_utilization));
  } else if (a.cpu_utilization > 100) {
    k.Warning("autoscale.cpuUtilization",
              fmt::format("{} % of the CPU request is only reachable when the CPU limit is "
                          "above the request",
                          a.cpu_utilization));
  }
  if (c.server.resources.requests.cpu.empty()) {
    k.Error("server.resources.requests.cpu",
            "is required while autoscale.enabled is true: the HPA divides CPU usage by the "
            "request and shows <unknown> without one; set e.g. '100m'");
  }
  if (a.scale_up) CheckRules("autoscale.behavior.scaleUp", *a.scale_up, k);
  if (a.scale_down) CheckRules("autoscale.behavior.scaleDown", *a.scale_down, k);
}

// Target kube has no host folder to mount: the model must travel inside the image. Either the
// image already holds it (server.modelInImage), or tfsk pushes its own tfsk-serving image with
// the model baked in to a registry the cluster pulls from.
void CheckKubeImage(const Config& c, bool deploying, Checker& k) {
  if (c.server.model_in_image) return;
  if (c.server.image == kTfskServingImage) {
    if (c.cluster.registry.empty() && deploying) {
      k.Error("cluster.registry",
              "is required for target kube with server.image: tfsk-serving: tfsk pushes the image "
              "(model inside) there for the cluster to pull; set cluster.registry, "
              "TFSK_REGISTRY or `tfsk up --registry HOST[:PORT][/PATH]`");
    }
    return;
  }
  k.Error("server.image",
          fmt::format("'{}' does not hold the model, and target kube cannot mount the host "
                      "folder (a hostPath is a path on whatever node runs the pod); use "
                      "server.image: tfsk-serving with cluster.registry (tfsk pushes the model "
                      "inside the image), or set server.modelInImage: true if '{}' already holds "
                      "it at <model.basePath>/<model.name>",
                      c.server.image, c.server.image));
}

bool IsMinikubeMemory(const std::string& m) {
  if (m.empty() || m == "max" || m == "no-limit") return true;
  std::size_t i = 0;
  while (i < m.size() && m[i] >= '0' && m[i] <= '9') ++i;
  if (i == 0) return false;
  std::string unit = m.substr(i);
  for (char& ch : unit) ch = static_cast<char>(std::tolower(static_cast<unsigned char>(ch)));
  return unit.empty() || unit == "b" || unit == "k" || unit == "m" || unit == "g" || unit == "kb" ||
         unit == "mb" || unit == "gb";
}

void CheckCluster(const Config& c, bool deploying, Checker& k) {
  const ClusterConfig& cl = c.cluster;
  k.OneOf("cluster.target", cl.target, {"minikube", "kube", "local"});
  if (cl.target == "minikube") {
    if (cl.profile.empty())
      k.Error("cluster.profile", "must not be empty; minikube's default is 'minikube'");
    if (!cl.driver.empty()) {
      k.OneOf("cluster.driver", cl.driver,
              {"docker", "podman", "virtualbox", "vmware", "kvm2", "qemu2", "qemu", "hyperkit",
               "hyperv", "vfkit", "krunkit", "parallels", "none", "ssh"});
    }
    if (!cl.cpus.empty() && cl.cpus != "max" && cl.cpus != "no-limit" &&
        (!AllDigits(cl.cpus) || cl.cpus == "0")) {
      k.Error("cluster.cpus", fmt::format("'{}' is not a CPU count; use a number such as 2, "
                                          "'max' or 'no-limit'",
                                          cl.cpus));
    }
    if (!IsMinikubeMemory(cl.memory)) {
      k.Error("cluster.memory", fmt::format("'{}' is not a minikube memory size; use "
                                            "<number>[b|k|m|g] such as '4g' or '4096m', 'max' "
                                            "or 'no-limit'",
                                            cl.memory));
    }
    const std::string& g = cl.mount.guest;
    if (g.empty() || g[0] != '/' || g.find(':') != std::string::npos) {
      k.Error("cluster.mount.guest", fmt::format("'{}' must be an absolute path inside the "
                                                 "minikube node without ':' (e.g. "
                                                 "/var/tmp/my_model)",
                                                 g));
    }
  } else if (cl.target == "kube") {
    CheckKubeImage(c, deploying, k);
  }
  if (!cl.registry.empty()) {
    std::string why = CheckRegistry(cl.registry);
    if (!why.empty()) {
      k.Error("cluster.registry", fmt::format("'{}' is not a registry: {}", cl.registry, why));
    }
  }
  if (c.rollout.timeout_seconds < 1) {
    k.Error("rollout.timeoutSeconds",
            fmt::format("{} must be at least 1 (default 300)", c.rollout.timeout_seconds));
  }
  if (!c.render.templates.empty() && !std::filesystem::is_directory(c.render.templates)) {
    k.Error("render.templates", fmt::format("'{}' is not a folder; point it at a folder with "
                                            "configmap.yaml.mustache, deployment.yaml.mustache, "
                                            "service.yaml.mustache and hpa.yaml.mustache",
                                            c.render.templates.string()));
  }
}

}  // namespace

void CheckModelFolder(const std::filesystem::path& dir, const std::string& field,
                      Diagnostics& diag) {
  const std::string layout = fmt::format(
      "; expected layout:\n  {}/\n    1/                  (a numbered version; any number, e.g. "
      "00000123)\n      saved_model.pb\n      variables/",
      dir.string());
  std::error_code ec;
  if (!std::filesystem::is_directory(dir, ec)) {
    diag.Error(field, fmt::format("model folder '{}' does not exist{}", dir.string(), layout));
    return;
  }
  for (const auto& entry : std::filesystem::directory_iterator(dir, ec)) {
    if (entry.is_directory() && AllDigits(entry.path().filename().string()) &&
        std::filesystem::is_regular_file(entry.path() / "saved_model.pb")) {
      return;
    }
  }
  diag.Error(field, fmt::format("'{}' holds no numbered version folder with a saved_model.pb{}",
                                dir.string(), layout));
}

void Validate(const Config& c, const ValidateOptions& opts, Diagnostics& diag) {
  Checker k(opts, diag);
  CheckNames(c, k);
  CheckServer(c, k);
  CheckService(c.service, k);
  CheckAutoscale(c, k);
  CheckCluster(c, opts.deploying, k);
  const bool model_in_image = c.cluster.target == "kube" && c.server.model_in_image;
  if (model_in_image) {
    // The image holds the model; a host folder is neither needed nor read.
  } else if (c.model.path.empty()) {
    k.Error("model.path",
            "missing; set it to the host folder that holds the model's numbered "
            "version folders (or TFSK_MODEL_PATH)");
  } else if (opts.check_model_folder) {
    Diagnostics model;
    CheckModelFolder(c.model.path, "model.path", model);
    for (Issue i : model.issues()) {
      if (opts.origins != nullptr && opts.origins->count("model.path")) {
        i.origin = opts.origins->at("model.path");
      }
      diag.Add(i);
    }
  }
}

}  // namespace tfsk::config
