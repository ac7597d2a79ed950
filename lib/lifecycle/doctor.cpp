#include "lib/lifecycle/doctor.h"

#include <fmt/format.h>
#include <sys/utsname.h>

#include <boost/json.hpp>

#include "lib/cluster/reasons.h"
#include "lib/config/diagnostics.h"
#include "lib/config/quantity.h"
#include "lib/config/validate.h"
#include "lib/lifecycle/kube_context.h"
#include "lib/lifecycle/kube_up.h"

#include <sstream>

namespace tfsk::lifecycle {
namespace {

CheckResult Pass(std::string id, std::string detail) {
  return {std::move(id), CheckLevel::kPass, std::move(detail), ""};
}
CheckResult Warn(std::string id, std::string detail, std::string fix) {
  return {std::move(id), CheckLevel::kWarn, std::move(detail), std::move(fix)};
}
CheckResult Fail(std::string id, std::string detail, std::string fix) {
  return {std::move(id), CheckLevel::kFail, std::move(detail), std::move(fix)};
}

// The first line of a status message (the catalogue's messages run over several lines).
std::string FirstLine(const Status& s) {
  const std::string& m = s.message();
  return m.substr(0, m.find('\n'));
}

CheckResult CheckTool(ProcessRunner& runner, const std::string& tool,
                      const std::function<StatusOr<cluster::ToolVersion>()>& version) {
  Status present = RequireTool(runner, tool);
  if (!present.ok()) return Fail(tool, FirstLine(present), cluster::FixIn(present));
  auto v = version();
  if (!v.ok()) return Warn(tool, "on PATH but `version` failed: " + FirstLine(v.status()), "");
  return Pass(tool, v->text);
}

CheckResult CheckMount(const config::Config& config, const std::optional<cluster::ProfileInfo>& info) {
  config::Diagnostics diag;
  config::CheckModelFolder(config.model.path, "model.path", diag);
  if (diag.HasErrors()) {
    return Fail("model-mount", diag.Errors().front().message,
                "point model.path at a folder with <N>/saved_model.pb (`tfsk model init half_plus_two DIR` writes a demo)");
  }
  if (info) {
    if (auto conflict = cluster::MountConflict(*info, DesiredMount(config))) {
      return Fail("model-mount", *conflict,
                  fmt::format("minikube -p {} delete && tfsk up", config.cluster.profile));
    }
  }
  return Pass("model-mount", DesiredMount(config));
}

CheckResult CheckArch(const config::Config& config, const DoctorHost& host) {
  const bool arm = host.arch == "arm64" || host.arch == "aarch64";
  if (arm && config.server.image.rfind("tensorflow/serving", 0) == 0) {
    return Fail("image-arch",
                fmt::format("{} is amd64-only; on {} it dies with `Illegal instruction`",
                            config.server.image, host.arch),
                "set server.image to an arm64 build of TensorFlow Serving and load it with "
                "`minikube image load IMAGE`");
  }
  return Pass("image-arch", fmt::format("{} on {}", config.server.image, host.arch));
}

CheckResult CheckResources(const config::Config& config) {
  const auto& r = config.server.resources;
  if (r.requests.cpu.empty()) {
    return Fail("resources", "no CPU request: the autoscaler shows <unknown> (missing request for cpu)",
                "set server.resources.requests.cpu, e.g. 100m");
  }
  auto memory = config::ParseQuantity(r.limits.memory);
  if (memory && *memory < 128.0L * 1024 * 1024) {
    return Warn("resources",
                fmt::format("memory limit {} is tight: larger models end OOMKilled", r.limits.memory),
                "raise server.resources.limits.memory, e.g. 256Mi");
  }
  if (config.rollout.timeout_seconds < 300) {
    return Warn("resources",
                fmt::format("rollout.timeout_seconds {} is short for a first image pull",
                            config.rollout.timeout_seconds),
                "set rollout.timeout_seconds: 300 or more");
  }
  return Pass("resources", fmt::format("requests cpu {} memory {}, limits cpu {} memory {}",
                                       r.requests.cpu, r.requests.memory, r.limits.cpu,
                                       r.limits.memory));
}

}  // namespace

std::string_view CheckLevelName(CheckLevel level) {
  switch (level) {
    case CheckLevel::kPass:
      return "PASS";
    case CheckLevel::kWarn:
      return "WARN";
    case CheckLevel::kFail:
      return "FAIL";
  }
  return "FAIL";
}

std::vector<CheckResult> RunDoctor(const config::Config& config, MinikubeDrivers& d,
                                   const LifecycleOptions& options, const DoctorHost& host) {
  const std::string& p = config.cluster.profile;
  const std::string ctx = d.kubectl.args().target().context;
  std::vector<CheckResult> out;
  // 1-2 (§4 #8): the tools.
  out.push_back(CheckTool(d.runner, "minikube", [&] { return d.minikube.Version(); }));
  out.push_back(CheckTool(d.runner, "kubectl", [&] { return d.kubectl.ClientVersion(); }));
  const bool have_minikube = out[0].level != CheckLevel::kFail;
  const bool have_kubectl = out[1].level != CheckLevel::kFail;

  // 3 (§4 #8): the cluster, from the status exit bit mask.
  bool running = false;
  std::optional<cluster::ProfileInfo> info;
  if (!have_minikube) {
    out.push_back(Warn("cluster", "not checked: minikube is missing", "install minikube"));
    out.push_back(Warn("context", "not checked: minikube is missing", "install minikube"));
  } else if (auto st = d.minikube.Status(); !st.ok()) {
    out.push_back(Fail("cluster", FirstLine(st.status()), fmt::format("minikube -p {} logs", p)));
    out.push_back(Warn("context", "not checked: cluster status unknown", ""));
  } else {
    if (auto prof = d.minikube.Profile(); prof.ok()) info = *prof;
    running = st->Ready();
    if (!st->exists) {
      out.push_back(Warn("cluster", fmt::format("profile {} does not exist yet", p), "tfsk up"));
    } else if (!st->HostRunning()) {
      out.push_back(Warn("cluster", fmt::format("profile {}: {}", p, st->Summary()), "tfsk up"));
    } else if (!st->KubernetesRunning()) {
      out.push_back(Fail("cluster", fmt::format("profile {}: {}", p, st->Summary()),
                         st->apiserver == "Paused" ? fmt::format("minikube -p {} unpause", p)
                                                   : fmt::format("minikube -p {} start", p)));
    } else {
      out.push_back(Pass("cluster", fmt::format("profile {}: {}", p, st->Summary())));
    }
    // 4 (§4 #10): kubectl must point at this profile; tfsk always passes --context.
    if (!st->exists || !st->HostRunning()) {
      out.push_back(Warn("context", "not checked: cluster not running", "tfsk up"));
    } else if (!st->KubeconfigConfigured()) {
      out.push_back(Fail("context", fmt::format("kubeconfig entry for {} is {}", p, st->kubeconfig),
                         fmt::format("minikube -p {} update-context", p)));
    } else {
      out.push_back(Pass("context", fmt::format("kubectl --context {} is configured", ctx)));
    }
  }

  // 5 (§4 #1): can the host reach a NodePort?
  const std::string driver = info ? info->driver : config.cluster.driver;
  if (driver.empty()) {
    out.push_back(Warn("endpoint", "driver unknown until the cluster exists", "tfsk up"));
  } else if (cluster::NeedsPortForward(driver, options.host)) {
    out.push_back(Warn("endpoint", cluster::PortForwardReason(driver, options.host),
                       "tfsk url (holds the `minikube service --url` tunnel)"));
  } else {
    out.push_back(Pass("endpoint", cluster::PortForwardReason(driver, options.host)));
  }

  // 6-7 (§4 #2, #3): metrics-server and the Metrics API.
  if (!running) {
    out.push_back(Warn("metrics-addon", "not checked: cluster not running", "tfsk up"));
    out.push_back(Warn("metrics-api", "not checked: cluster not running", "tfsk up"));
  } else {
    auto enabled = d.minikube.AddonEnabled("metrics-server");
    const std::string enable = fmt::format("minikube -p {} addons enable metrics-server", p);
    if (!enabled.ok()) {
      out.push_back(Fail("metrics-addon", FirstLine(enabled.status()), enable));
    } else if (!*enabled) {
      out.push_back(Warn("metrics-addon", "metrics-server is disabled (tfsk up enables it)", enable));
    } else {
      out.push_back(Pass("metrics-addon", "metrics-server enabled"));
    }
    if (!have_kubectl) {
      out.push_back(Warn("metrics-api", "not checked: kubectl is missing", "install kubectl"));
    } else if (auto api = d.kubectl.MetricsAvailable(); !api.ok()) {
      out.push_back(Fail("metrics-api", FirstLine(api.status()), ""));
    } else if (!*api) {
      const bool addon_on = enabled.ok() && *enabled;
      std::string fix = fmt::format(
          "kubectl --context {} -n kube-system rollout status deploy/metrics-server (first metrics "
          "take ~60s)", ctx);
      out.push_back(addon_on ? Fail("metrics-api", "the Metrics API does not answer", fix)
                             : Warn("metrics-api", "no Metrics API (addon disabled)", enable));
    } else {
      out.push_back(Pass("metrics-api", "kubectl top pods answers"));
    }
  }
  // 8-10 (§4 #4/#5, #6, #7/#9): the model mount, the image's architecture, resources.
  out.push_back(CheckMount(config, info));
  out.push_back(CheckArch(config, host));
  out.push_back(CheckResources(config));
  return out;
}

std::vector<CheckResult> RunKubeDoctor(const config::Config& config, MinikubeDrivers& d) {
  std::vector<CheckResult> out;
  out.push_back(CheckTool(d.runner, "kubectl", [&] { return d.kubectl.ClientVersion(); }));
  if (out.back().level == CheckLevel::kFail) {
    out.push_back(Warn("context", "not checked: kubectl is missing", "install kubectl"));
  } else {
    std::ostringstream quiet;
    Progress progress(quiet, Verbosity::kQuiet);
    auto context = UseKubeContext(config, std::nullopt, d.kubectl, progress);
    if (!context.ok()) {
      out.push_back(Fail("context", FirstLine(context.status()), cluster::FixIn(context.status())));
    } else {
      out.push_back(Pass("context", fmt::format("kubectl --context {} is configured", *context)));
      auto api = d.kubectl.MetricsAvailable();
      if (!api.ok()) {
        out.push_back(Fail("metrics-api", FirstLine(api.status()), cluster::FixIn(api.status())));
      } else if (!*api) {
        out.push_back(Warn("metrics-api",
                           "the Metrics API does not answer: the autoscaler cannot scale",
                           "ask the cluster's admin to install metrics-server (kubectl apply -f "
                           "https://github.com/kubernetes-sigs/metrics-server/releases/latest/"
                           "download/components.yaml)"));
      } else {
        out.push_back(Pass("metrics-api", "kubectl top pods answers"));
      }
    }
  }
  if (NeedsPush(config)) {
    Status skopeo = RequireTool(d.runner, "skopeo");
    out.push_back(skopeo.ok() ? Pass("skopeo", "on PATH (pushes the image to " +
                                                   config.cluster.registry + ")")
                              : Fail("skopeo", FirstLine(skopeo), cluster::FixIn(skopeo)));
  }
  out.push_back(CheckResources(config));
  return out;
}

bool DoctorOk(const std::vector<CheckResult>& checks) {
  for (const auto& c : checks) {
    if (c.level == CheckLevel::kFail) return false;
  }
  return true;
}

std::string DoctorText(const std::vector<CheckResult>& checks) {
  std::string text;
  int warn = 0, fail = 0;
  for (const auto& c : checks) {
    text += fmt::format("{} {}: {}\n", CheckLevelName(c.level), c.id, c.detail);
    if (c.level != CheckLevel::kPass && !c.fix.empty()) text += "     fix: " + c.fix + "\n";
    if (c.level == CheckLevel::kWarn) ++warn;
    if (c.level == CheckLevel::kFail) ++fail;
  }
  text += fmt::format("{} checks: {} passed, {} warnings, {} failed\n", checks.size(),
                      static_cast<int>(checks.size()) - warn - fail, warn, fail);
  return text;
}

std::string DoctorJson(const std::vector<CheckResult>& checks) {
  boost::json::array arr;
  for (const auto& c : checks) {
    arr.push_back(boost::json::object{{"id", c.id},
                                      {"level", std::string(CheckLevelName(c.level))},
                                      {"detail", c.detail},
                                      {"fix", c.fix}});
  }
  return boost::json::serialize(boost::json::object{{"checks", std::move(arr)}, {"ok", DoctorOk(checks)}}) +
         "\n";
}

std::string HostArch() {
  struct utsname u {};
  if (::uname(&u) != 0) return "unknown";
  return u.machine;
}

}  // namespace tfsk::lifecycle
