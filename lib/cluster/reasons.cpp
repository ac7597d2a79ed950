#include "lib/cluster/reasons.h"

#include <filesystem>

namespace tfsk::cluster {
namespace {

constexpr ExitGroup kCluster = ExitGroup::kCluster;
constexpr ExitGroup kConfig = ExitGroup::kConfig;

// Most specific first: entries with patterns before the bare exit-code entries of the same code.
const std::vector<Reason> kCatalogue = {
    // ---- any tool: the shell convention 128 + SIGINT, after tfsk passed a Ctrl-C on
    {"INTERRUPTED", "", 130, "", Code::kCancelled, kCluster, "the command was interrupted (Ctrl-C)",
     "re-run the same tfsk command: each step checks before it acts, so it continues where it "
     "stopped"},
    // ---- minikube (exit codes: pkg/minikube/reason/exitcodes.go, k8s-tools.md §1.3)
    {"MK_PROFILE_NOT_FOUND", "minikube", 85, "", Code::kNotFound, kCluster,
     "the minikube profile does not exist",
     "create it with `tfsk up` (or `minikube start -p {profile}`)"},
    {"GUEST_MOUNT_CONFLICT", "minikube", 81, "", Code::kFailedPrecondition, kCluster,
     "docker/podman clusters fix their mount when they are created, and this profile was created "
     "with a different model mount",
     "`minikube delete -p {profile}`, then `tfsk up` (or point model.path back at the old folder)"},
    {"SVC_NOT_FOUND", "minikube", 115, "SVC_NOT_FOUND", Code::kNotFound, kCluster,
     "the Service does not exist in that namespace",
     "`tfsk up` applies it; check cluster.namespace in tfsk.yaml"},
    {"SVC_UNREACHABLE", "minikube", 115, "", Code::kUnavailable, kCluster,
     "no pod behind the Service is Running",
     "`tfsk status` shows why the pods are not running (or `kubectl --context {profile} get pods`)"},
    {"SVC_TUNNEL_START", "minikube", 110, "", Code::kUnavailable, kCluster,
     "minikube could not open the ssh tunnel to the Service",
     "check `minikube -p {profile} ssh -- true` works, then retry"},
    {"SVC_TIMEOUT", "minikube", 112, "", Code::kDeadlineExceeded, kCluster,
     "the Service did not get an endpoint in time", "`tfsk status`, then retry"},
    {"MK_HOST_NOT_RUNNING", "minikube", 83, "", Code::kFailedPrecondition, kCluster,
     "the minikube host is not running", "`tfsk up` (or `minikube start -p {profile}`)"},
    {"MK_APISERVER_NOT_RUNNING", "minikube", 103, "", Code::kFailedPrecondition, kCluster,
     "the Kubernetes API server is stopped or paused",
     "`minikube unpause -p {profile}` if it is paused, otherwise `minikube start -p {profile}`"},
    {"DRV_NOT_DETECTED", "minikube", 55, "", Code::kFailedPrecondition, kCluster,
     "minikube found no usable driver (Docker not installed or not running?)",
     "start Docker so that `docker info` works, or set cluster.driver (e.g. `--driver=virtualbox`)"},
    {"RSRC_INSUFFICIENT_CORES", "minikube", 29, "", Code::kResourceExhausted, kConfig,
     "fewer CPUs than minikube needs (at least 2)", "set cluster.cpus to 2 or more"},
    {"RSRC_INSUFFICIENT_MEMORY", "minikube", 23, "", Code::kResourceExhausted, kConfig,
     "the requested memory is below minikube's minimum (1800 MiB) or above what the driver has",
     "set cluster.memory (e.g. 4096mb), or give Docker Desktop more memory"},
    {"MK_9P_UNSUPPORTED", "minikube", -1, "unknown filesystem type '9p'", Code::kFailedPrecondition,
     kCluster, "the VM cannot mount the model folder over 9p",
     "use `--driver=docker`, or run `minikube mount HOST:GUEST -p {profile}` in another terminal"},
    {"GUEST_MOUNT", "minikube", 80, "GUEST_MOUNT", Code::kFailedPrecondition, kCluster,
     "minikube could not mount the model folder into the cluster",
     "check the folder exists and is shared with Docker/the VM; then `tfsk up`"},
    // `image ls`: exit.Error(reason.GuestImageList, "Failed to list images", err) in minikube's
    // cmd/minikube/cmd/image.go. Before GUEST_START, which would claim the node did not start.
    {"GUEST_IMAGE_LIST", "minikube", 80, "GUEST_IMAGE_LIST", Code::kUnavailable, kCluster,
     "minikube could not list the images in the cluster's container runtime",
     "`minikube -p {profile} image ls` shows minikube's error; `minikube -p {profile} status` "
     "shows whether the node runs"},
    {"GUEST_IMAGE_LOAD", "minikube", 80, "GUEST_IMAGE_LOAD|GUEST_IMAGE_BUILD", Code::kInternal,
     kCluster, "minikube could not load or build the image in the cluster",
     "check `minikube -p {profile} image ls`; retry `minikube -p {profile} image load IMAGE`"},
    {"GUEST_START", "minikube", 80, "", Code::kInternal, kCluster,
     "minikube could not start the cluster node",
     "`minikube logs -p {profile} --file=logs.txt` says why; `minikube delete -p {profile}` and "
     "`tfsk up` often help"},
    {"MK_USAGE", "minikube", 14, "", Code::kInternal, kCluster,
     "minikube rejected tfsk's command line (a minikube version tfsk does not know?)",
     "`minikube version` (tfsk is tested with v1.37); please report the command above"},
    // ---- kubectl (always exit 1; told apart by stderr, k8s-tools.md §2)
    {"K_CONTEXT_NOT_FOUND", "kubectl", -1,
     "context was not found for specified context|does not exist", Code::kFailedPrecondition,
     kCluster, "the kubeconfig has no context of that name",
     "for minikube: `minikube -p {context} update-context` (or `tfsk up`); otherwise pick one from "
     "`kubectl config get-contexts`"},
    {"K_NO_KUBECONFIG", "kubectl", -1, "localhost:8080 was refused|current-context is not set",
     Code::kFailedPrecondition, kCluster, "kubectl has no cluster configured",
     "`tfsk up` starts minikube, which writes the kubeconfig; or set KUBECONFIG"},
    {"K_CONNECTION_REFUSED", "kubectl", -1,
     "was refused - did you specify the right host or port?|connect: connection refused|"
     "Unable to connect to the server",
     Code::kUnavailable, kCluster, "the cluster's API server does not answer",
     "`minikube status -p {context}`; start it with `tfsk up` (or `minikube start -p {context}`)"},
    {"K_UNAUTHORIZED", "kubectl", -1, "(Unauthorized)", Code::kUnauthenticated, kCluster,
     "the API server rejected the credentials in the kubeconfig",
     "`minikube -p {context} update-context`, or refresh the credentials of context {context}"},
    {"K_FORBIDDEN", "kubectl", -1, "Error from server (Forbidden)", Code::kPermissionDenied,
     kCluster, "the kubeconfig user may not do this in namespace {namespace}",
     "use a context with rights in {namespace} (`kubectl auth can-i create deployments -n "
     "{namespace}`)"},
    {"K_METRICS_API_NOT_AVAILABLE", "kubectl", -1, "Metrics API not available", Code::kUnavailable,
     kCluster, "metrics-server is not installed or not serving yet",
     "`minikube -p {context} addons enable metrics-server`, then `kubectl --context {context} -n "
     "kube-system rollout status deploy/metrics-server`"},
    {"K_METRICS_NOT_YET", "kubectl", -1, "metrics not available yet", Code::kUnavailable, kCluster,
     "metrics-server has no samples yet (it scrapes every 60 s)", "wait a minute and retry"},
    {"K_PROGRESS_DEADLINE", "kubectl", -1, "exceeded its progress deadline",
     Code::kDeadlineExceeded, kCluster,
     "the Deployment's pods did not become ready within its progress deadline",
     "`tfsk status` (pod reasons, restarts, events); `kubectl --context {context} -n {namespace} "
     "describe pods`"},
    {"K_ROLLOUT_TIMEOUT", "kubectl", -1, "timed out waiting for the condition",
     Code::kDeadlineExceeded, kCluster, "the rollout was not finished within tfsk's wait timeout",
     "`tfsk status` shows what the pods wait for; slow image pulls need a longer --timeout"},
    {"K_SELECTOR_MISMATCH", "kubectl", -1, "`selector` does not match template `labels`",
     Code::kInvalidArgument, kConfig, "the Deployment's selector does not match its pod labels",
     "fix the labels in your templates; `tfsk render` shows the manifests"},
    {"K_IMMUTABLE_FIELD", "kubectl", -1, "field is immutable", Code::kFailedPrecondition, kConfig,
     "a field that cannot change (e.g. a selector) differs from the live object",
     "`tfsk down`, then `tfsk up` to recreate the objects"},
    {"K_UNKNOWN_FIELD", "kubectl", -1, "strict decoding error|unknown field", Code::kInvalidArgument,
     kConfig, "a manifest has a field the API server does not know (custom template or older "
     "Kubernetes)",
     "`tfsk render` and check the field named above; `kubectl --context {context} version`"},
    {"K_INVALID", "kubectl", -1, " is invalid", Code::kInvalidArgument, kConfig,
     "the API server rejected a manifest",
     "`tfsk render | kubectl --context {context} apply --dry-run=server -f -` shows the details"},
    {"K_NOT_FOUND", "kubectl", -1, "Error from server (NotFound)", Code::kNotFound, kCluster,
     "the object does not exist (yet)", "`tfsk up` creates it"},
    {"K_UNKNOWN_FLAG", "kubectl", -1, "unknown flag", Code::kInternal, kCluster,
     "kubectl rejected a flag (too old a kubectl?)",
     "`kubectl version --client`; tfsk needs kubectl 1.27 or newer"},
    // ---- skopeo (always exit 1; its fatal log line says why; tests/testdata/cluster/skopeo/)
    {"SKOPEO_ARCHIVE", "skopeo", -1, "initializing source docker-archive:",
     Code::kInvalidArgument, kConfig, "skopeo cannot read the image archive",
     "rebuild it with `tfsk image build --output FILE` and pass that file"},
    {"SKOPEO_AUTH", "skopeo", -1,
     "unauthorized|authentication required|denied: requested access|denied:",
     Code::kUnauthenticated, kCluster, "the registry {registry} wants credentials tfsk has not got",
     "`skopeo login {registry}` (use credentials the cluster can pull with too), then re-run "
     "`tfsk up`"},
    {"SKOPEO_TLS", "skopeo", -1,
     "x509:|tls: |server gave HTTP response to HTTPS client|certificate",
     Code::kFailedPrecondition, kCluster,
     "the TLS handshake with the registry {registry} failed (plain HTTP or a certificate this "
     "machine does not trust)",
     "for a plain-HTTP or self-signed registry: `tfsk up --insecure-registry` (or "
     "cluster.insecureRegistry: true, and configure the cluster's nodes to pull from it); "
     "otherwise install the registry's CA certificate"},
    {"SKOPEO_UNREACHABLE", "skopeo", -1,
     "no such host|connection refused|i/o timeout|no route to host|network is unreachable|"
     "server misbehaving",
     Code::kUnavailable, kCluster, "the registry {registry} does not answer (unknown host, or "
     "nothing listens there)",
     "check cluster.registry ({registry}) and that the registry runs: "
     "`curl -sI https://{registry}/v2/`"},
};

struct Install {
  std::string_view program;
  std::string_view hint;
};
constexpr Install kInstall[] = {
    {"minikube",
     "install minikube: https://minikube.sigs.k8s.io/docs/start/ (Linux x86-64: `curl -LO "
     "https://storage.googleapis.com/minikube/releases/latest/minikube-linux-amd64 && sudo install "
     "minikube-linux-amd64 /usr/local/bin/minikube`)"},
    {"kubectl",
     "install kubectl: https://kubernetes.io/docs/tasks/tools/ (or use minikube's own: `minikube "
     "kubectl -- version`)"},
    {"skopeo", "install skopeo: `sudo apt-get install skopeo` (scripts/setup installs it)"},
};

struct WorkloadAdvice {
  std::string_view pattern;
  std::string_view advice;
};
constexpr WorkloadAdvice kWorkloadAdvice[] = {
    {"hostPath type check failed",
     "the model folder is not mounted into the cluster: check model.path, and on docker/podman "
     "recreate the cluster (`minikube delete -p PROFILE`, `tfsk up`) since the mount is fixed at "
     "creation"},
    {"Could not find base path",
     "TF Serving sees no model: the mounted folder must hold numbered version folders with "
     "saved_model.pb"},
    {"missing request for cpu",
     "a container has no CPU request, so the HPA cannot compute utilization; set "
     "server.resources.requests.cpu"},
    {"FailedGetResourceMetric",
     "the HPA has no CPU metrics yet: metrics-server needs ~60-90 s after it starts, and the pods "
     "must be Running"},
    {"ImagePullBackOff", "the image cannot be pulled: check server.image and network access "
                         "(`minikube -p PROFILE image load IMAGE` for a local image)"},
    {"ErrImagePull", "the image cannot be pulled: check server.image and network access"},
    {"CrashLoopBackOff", "the server keeps crashing: `tfsk logs` shows why (model path, flags)"},
    {"OOMKilled", "the container ran out of memory: raise server.resources.limits.memory"},
    {"CreateContainerConfigError",
     "the pod refers to a missing ConfigMap or key: re-run `tfsk up` to apply all objects"},
    {"ContainerCreating", "the container is still being created (image pull or volume mount); "
                          "the events below say which"},
    {"Unschedulable", "no node can take the pod: lower server.resources.requests or give the "
                      "cluster more CPU/memory (cluster.cpus, cluster.memory)"},
    {"Illegal instruction", "the image does not run on this CPU (tensorflow/serving is "
                            "amd64-only and needs AVX): use the tfsk-serving image"},
};

bool ContainsAny(std::string_view patterns, std::string_view text) {
  std::size_t start = 0;
  while (start <= patterns.size()) {
    std::size_t end = patterns.find('|', start);
    if (end == std::string_view::npos) end = patterns.size();
    std::string_view p = patterns.substr(start, end - start);
    if (!p.empty() && text.find(p) != std::string_view::npos) return true;
    start = end + 1;
  }
  return false;
}

std::string ToolOf(const Argv& argv) {
  if (argv.empty()) return "";
  return std::filesystem::path(argv[0]).filename().string();
}

std::string FlagValue(const Argv& argv, std::initializer_list<std::string_view> names) {
  for (std::size_t i = 0; i < argv.size(); ++i) {
    for (std::string_view n : names) {
      if (argv[i] == n && i + 1 < argv.size()) return argv[i + 1];
      std::string prefix = std::string(n) + "=";
      if (argv[i].rfind(prefix, 0) == 0) return argv[i].substr(prefix.size());
    }
  }
  return "";
}

void ReplaceAll(std::string& s, std::string_view from, const std::string& to) {
  if (to.empty()) return;
  for (std::size_t pos = s.find(from); pos != std::string::npos; pos = s.find(from, pos + to.size())) {
    s.replace(pos, from.size(), to);
  }
}

}  // namespace

const std::vector<Reason>& Catalogue() { return kCatalogue; }

const Reason* MatchReason(const Argv& argv, int exit_code, std::string_view out,
                          std::string_view err) {
  if (exit_code == 0) return nullptr;
  std::string tool = ToolOf(argv);
  for (const auto& r : kCatalogue) {
    // A stand-in or wrapper named e.g. "minikube-v1.37" still counts as minikube.
    if (tool.find(r.tool) == std::string::npos) continue;
    if (r.exit_code >= 0 && r.exit_code != exit_code) continue;
    if (!r.patterns.empty() && !ContainsAny(r.patterns, err) && !ContainsAny(r.patterns, out)) {
      continue;
    }
    return &r;
  }
  return nullptr;
}

const Reason* FindReason(std::string_view id) {
  for (const auto& r : kCatalogue) {
    if (r.id == id) return &r;
  }
  return nullptr;
}

namespace {

// The registry host[:port] of the first docker:// reference in argv (skopeo's destination).
std::string RegistryIn(const Argv& argv) {
  for (const auto& a : argv) {
    if (a.rfind("docker://", 0) == 0) {
      std::string ref = a.substr(9);
      return ref.substr(0, ref.find('/'));
    }
  }
  return "";
}

}  // namespace

std::string FixFor(const Reason& reason, const Argv& argv) {
  std::string fix(reason.fix);
  ReplaceAll(fix, "{registry}", RegistryIn(argv));
  std::string profile = FlagValue(argv, {"-p", "--profile"});
  std::string context = FlagValue(argv, {"--context"});
  std::string ns = FlagValue(argv, {"--namespace", "-n"});
  ReplaceAll(fix, "{profile}", profile.empty() ? context : profile);
  ReplaceAll(fix, "{context}", context.empty() ? profile : context);
  ReplaceAll(fix, "{namespace}", ns);
  return fix;
}

Status CommandFailure(const Argv& argv, const ProcessResult& result) {
  const Reason* reason = MatchReason(argv, result.exit_code, result.out, result.err);
  std::string msg = "`" + FormatArgv(argv) + "` failed (exit " + std::to_string(result.exit_code) + ")";
  if (reason != nullptr) {
    std::string why(reason->why);
    ReplaceAll(why, "{namespace}", FlagValue(argv, {"--namespace", "-n"}));
    ReplaceAll(why, "{registry}", RegistryIn(argv));
    msg += ": " + why + " [" + std::string(reason->id) + "]";
  }
  // minikube prints some failures (profile not found) on stdout only.
  std::string_view shown = result.err;
  const char* label = "stderr";
  if (TailLines(shown, 1).empty()) {
    shown = result.out;
    label = "stdout";
  }
  std::string tail = TailLines(shown, 8, "    ");
  if (!tail.empty()) msg += "\n  " + std::string(label) + ":\n" + tail;
  else msg += "\n";
  if (reason != nullptr) msg += "  fix: " + FixFor(*reason, argv);
  if (!msg.empty() && msg.back() == '\n') msg.pop_back();
  return Status(reason != nullptr ? reason->code : Code::kUnknown, msg);
}

Status WithInstallHint(const Status& status, std::string_view program) {
  if (status.code() != Code::kNotFound) return status;
  for (const auto& i : kInstall) {
    if (program.find(i.program) != std::string_view::npos) {
      return Status(Code::kNotFound, status.message() + "\n  fix: " + std::string(i.hint));
    }
  }
  return status;
}

std::optional<std::string> ReasonIdIn(const Status& status) {
  std::string_view first = status.message();
  first = first.substr(0, first.find('\n'));
  if (first.empty() || first.back() != ']') return std::nullopt;
  std::size_t open = first.rfind('[');
  if (open == std::string_view::npos) return std::nullopt;
  std::string id(first.substr(open + 1, first.size() - open - 2));
  if (FindReason(id) == nullptr) return std::nullopt;
  return id;
}

std::string FixIn(const Status& status) {
  constexpr std::string_view kFix = "\n  fix: ";
  const std::string& m = status.message();
  const std::size_t at = m.rfind(kFix);
  return at == std::string::npos ? std::string() : m.substr(at + kFix.size());
}

ExitGroup ExitGroupOf(const Status& status) {
  if (auto id = ReasonIdIn(status)) return FindReason(*id)->group;
  return ExitGroup::kCluster;
}

std::string_view AdviceForWorkloadProblem(std::string_view text) {
  for (const auto& a : kWorkloadAdvice) {
    if (text.find(a.pattern) != std::string_view::npos) return a.advice;
  }
  return "";
}

}  // namespace tfsk::cluster
