#include "lib/config/init_file.h"

#include <fmt/format.h>

#include <cctype>
#include <fstream>

#include "lib/config/config.h"

namespace tfsk::config {
namespace {

// A user-given value as a YAML scalar: plain when it is made of safe characters, otherwise
// single-quoted (the only escape is doubling ').
std::string Scalar(const std::string& v) {
  bool plain = !v.empty() && std::isalnum(static_cast<unsigned char>(v[0])) != 0;
  for (char c : v) {
    plain = plain && (std::isalnum(static_cast<unsigned char>(c)) != 0 || c == '_' || c == '-' ||
                      c == '.' || c == '/');
  }
  if (plain || (!v.empty() && (v[0] == '.' || v[0] == '/') &&
                v.find_first_not_of("abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ"
                                    "0123456789_-./") == std::string::npos)) {
    return v;
  }
  std::string out = "'";
  for (char c : v) out += c == '\'' ? std::string("''") : std::string(1, c);
  return out + "'";
}

}  // namespace

std::string InitFileText(const InitOptions& o) {
  return fmt::format(
      R"(# tfsk project file. Every key below shows its default; delete what you do not change.
# Precedence: command-line flags > TFSK_* environment variables > this file > defaults.
# Reference: docs/config.md.
apiVersion: {api}

# Project name: the pods' `app` label and the stem of every object name.
name: {name}

model:
  # The model's name: TF Serving's MODEL_NAME and the URL /v1/models/<name>.
  name: {model_name}
  # Host folder with numbered version folders (<path>/1/saved_model.pb). Relative to this file.
  path: {model_path}
  # MODEL_BASE_PATH in the container; the model is mounted at <basePath>/<name>.
  basePath: /models

server:
  # tensorflow/serving, tfsk-serving (the in-tree server), or any image reference.
  image: tensorflow/serving
  # true when the image already holds the model at <basePath>/<name> (target kube).
  modelInImage: false
  replicas: 1
  ports:
    rest: 8501
    grpc: 8500
  # Kubernetes quantities. The HPA needs requests.cpu. These are the lab's (tight) numbers.
  resources:
    requests:
      cpu: 5m
      memory: 32M
    limits:
      cpu: 10m
      memory: 64M
  # Readiness probe on GET /v1/models/<model.name> at the REST port.
  readiness:
    enabled: true
    initialDelaySeconds: 5
    periodSeconds: 5
    timeoutSeconds: 2
    failureThreshold: 12

service:
  # NodePort, ClusterIP or LoadBalancer.
  type: NodePort
  port: 8501
  # 30000-32767, or 0 to let Kubernetes choose.
  nodePort: 30001

autoscale:
  enabled: true
  minReplicas: 1
  maxReplicas: 3
  # Target average CPU utilization, percent of requests.cpu.
  cpuUtilization: 20
  # Optional autoscaling/v2 behavior, e.g.:
  # behavior:
  #   scaleDown:
  #     stabilizationWindowSeconds: 60
  #     policies:
  #       - type: Pods
  #         value: 1
  #         periodSeconds: 15

cluster:
  # minikube (start a local cluster), kube (any kubeconfig context) or local.
  target: minikube
  profile: minikube
  # kubectl context; defaults to the profile for minikube, the current context for kube.
  context: ""
  namespace: default
  # minikube --driver/--cpus/--memory; "" keeps minikube's own choice.
  driver: ""
  cpus: ""
  memory: ""
  # The model folder is mounted into the node (minikube --mount-string=<model.path>:<guest>).
  mount:
    guest: ""   # default /var/tmp/<folder name of model.path>
  # kube + server.image tfsk-serving: registry to push the image to (HOST[:PORT][/PATH]).
  registry: ""
  # Push without TLS verification (plain-HTTP or self-signed registry).
  insecureRegistry: false

rollout:
  # How long `tfsk up` waits for the Deployment to become ready.
  timeoutSeconds: 300

render:
  # A folder with your own *.yaml.mustache templates; "" uses the built-in ones.
  templates: ""

# Object names; "" derives them from `name`.
names:
  configMap: ""    # <name>-configs
  deployment: ""   # <name>-deployment
  service: ""      # <name>-service
  hpa: ""          # <name>-hpa
  container: ""    # <name>
  volume: ""       # <name>-volume
  port: ""         # <name>-http (or "http" when longer than 15 characters)
)",
      fmt::arg("api", kApiVersion), fmt::arg("name", Scalar(o.name)),
      fmt::arg("model_name", Scalar(o.model_name)), fmt::arg("model_path", Scalar(o.model_path)));
}

Status WriteInitFile(const std::filesystem::path& path, const std::string& text, bool force) {
  std::error_code ec;
  if (!force && std::filesystem::exists(path, ec)) {
    return AlreadyExists(
        fmt::format("'{}' already exists; pass --force to overwrite it", path.string()));
  }
  std::filesystem::path tmp = path;
  tmp += ".tmp";
  {
    std::ofstream out(tmp, std::ios::binary | std::ios::trunc);
    out << text;
    if (!out.flush()) {
      return Internal(fmt::format("cannot write '{}'", tmp.string()));
    }
  }
  std::filesystem::rename(tmp, path, ec);
  if (ec) return Internal(fmt::format("cannot write '{}': {}", path.string(), ec.message()));
  return OkStatus();
}

}  // namespace tfsk::config
