#pragma once
// The tfsk.yaml schema (apiVersion tfsk/v1) as plain structs. Every key of the file maps to one
// member below; docs/config.md lists them with their defaults (set in defaults.cpp only).

#include <filesystem>
#include <optional>
#include <string>
#include <vector>

namespace tfsk::config {

/// server.image naming the in-tree server: tfsk builds (and on target kube pushes) that image.
inline constexpr const char* kTfskServingImage = "tfsk-serving";

/// The only apiVersion this build reads.
inline constexpr const char* kApiVersion = "tfsk/v1";

/// Kubernetes quantities as written by the user ("5m", "0.5", "32M", "64Mi"); validated by
/// ParseQuantity, rendered verbatim.
struct ResourceList {
  std::string cpu;
  std::string memory;
};

/// server.resources: the container's requests and limits (an empty string leaves it unset).
struct Resources {
  ResourceList requests;
  ResourceList limits;
};

/// server.readiness: the HTTP readiness probe on the model status URL /v1/models/<model.name>.
struct ReadinessProbe {
  bool enabled = true;
  int initial_delay_seconds = 0;
  int period_seconds = 0;
  int timeout_seconds = 0;
  int failure_threshold = 0;
};

/// model: the SavedModel to serve. `path` is the host folder holding numbered version folders
/// (`<path>/<N>/saved_model.pb`); after loading it is absolute.
struct ModelConfig {
  std::string name;
  std::filesystem::path path;
  /// MODEL_BASE_PATH inside the container; the model is mounted at <base_path>/<name>.
  std::string base_path;
};

/// server: the serving container.
struct ServerConfig {
  std::string image;
  int rest_port = 0;
  int grpc_port = 0;
  int replicas = 0;
  Resources resources;
  ReadinessProbe readiness;
  /// The image already holds the model at <model.basePath>/<model.name> (target kube): no model
  /// volume is rendered and nothing is pushed.
  bool model_in_image = false;
};

/// service: how the REST port is exposed.
struct ServiceConfig {
  std::string type;  ///< NodePort | ClusterIP | LoadBalancer
  int port = 0;
  int node_port = 0;  ///< 0 lets Kubernetes choose (NodePort/LoadBalancer only)
};

/// One HPA scaling policy (autoscaling/v2 HPAScalingPolicy).
struct ScalingPolicy {
  std::string type;  ///< Pods | Percent
  int value = 0;
  int period_seconds = 0;
};

/// autoscale.behavior.scaleUp / scaleDown (autoscaling/v2 HPAScalingRules).
struct ScalingRules {
  std::optional<int> stabilization_window_seconds;
  std::string select_policy;  ///< "" (Kubernetes default Max) | Max | Min | Disabled
  std::vector<ScalingPolicy> policies;
};

/// autoscale: the HorizontalPodAutoscaler.
struct AutoscaleConfig {
  bool enabled = true;
  int min_replicas = 0;
  int max_replicas = 0;
  int cpu_utilization = 0;  ///< target average CPU utilization, percent of the request
  std::optional<ScalingRules> scale_up;
  std::optional<ScalingRules> scale_down;
};

/// cluster.mount: the model folder as minikube mounts it (`--mount-string=<host>:<guest>`).
struct MountConfig {
  std::filesystem::path host;  ///< always model.path
  std::string guest;           ///< default /var/tmp/<basename of model.path>
};

/// cluster: where the manifests go.
struct ClusterConfig {
  std::string target;  ///< minikube | kube | local
  std::string profile;
  std::string context;     ///< kubectl context; default: the profile for target minikube
  std::string name_space;  ///< `namespace` in the file
  std::string driver;      ///< minikube --driver ("" = auto-detect)
  std::string cpus;        ///< minikube --cpus ("" = minikube's default)
  std::string memory;      ///< minikube --memory ("" = minikube's default)
  MountConfig mount;
  /// Target kube: where `tfsk up` pushes the tfsk-serving image (HOST[:PORT][/PATH]).
  std::string registry;
  /// Push without TLS verification (plain-HTTP or self-signed registries). Loopback hosts
  /// never verify, as Docker treats them.
  bool insecure_registry = false;
};

/// rollout: waiting for the Deployment.
struct RolloutConfig {
  int timeout_seconds = 0;
};

/// render: where templates come from ("" = the ones built into tfsk).
struct RenderConfig {
  std::filesystem::path templates;
};

/// names: every Kubernetes object name; each defaults to one derived from the project name.
struct ObjectNames {
  std::string configmap;
  std::string deployment;
  std::string service;
  std::string hpa;
  std::string container;
  std::string volume;
  std::string port;  ///< the Service port name
};

/// The server.image value that asks for tfsk's own image: `tfsk up` builds it from the
/// tfsk-serving-static next to tfsk, loads it into the cluster and renders its content tag.
inline constexpr const char* kInTreeImage = "tfsk-serving";

/// True for `tfsk-serving` and the `tfsk-serving:<tag>` / `tfsk-serving@<digest>` references it
/// is resolved to (docs/image.md): those run as nonroot 65532 and are never pulled.
inline bool IsInTreeImage(const std::string& image) {
  const std::string name = kInTreeImage;
  return image == name || image.rfind(name + ":", 0) == 0 || image.rfind(name + "@", 0) == 0;
}

/// True for tfsk-serving's image wherever it lives: the in-tree forms above and the pushed
/// `REGISTRY[/PATH]/tfsk-serving[:tag|@digest]` (target kube). Its pods run as nonroot 65532.
inline bool IsTfskServingImage(const std::string& image) {
  const auto slash = image.rfind('/', image.find('@'));
  return IsInTreeImage(slash == std::string::npos ? image : image.substr(slash + 1));
}

/// A whole tfsk.yaml after defaults, file, environment and flags have been applied.
struct Config {
  std::string api_version;
  std::string name;  ///< project name: the `app` label and the stem of every object name
  ModelConfig model;
  ServerConfig server;
  ServiceConfig service;
  AutoscaleConfig autoscale;
  ClusterConfig cluster;
  RolloutConfig rollout;
  RenderConfig render;
  ObjectNames names;
};

}  // namespace tfsk::config
