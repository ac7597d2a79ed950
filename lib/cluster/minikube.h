#pragma once
// The minikube driver: one profile, every call through the injected ProcessRunner. Thin on
// purpose: argv comes from MinikubeArgs, meaning from the parsers in minikube_output.h, errors
// from the catalogue in reasons.h. Not thread-safe (one lifecycle step at a time).

#include <chrono>
#include <functional>
#include <map>
#include <memory>
#include <string>

#include "lib/base/status.h"
#include "lib/cluster/minikube_args.h"
#include "lib/cluster/minikube_events.h"
#include "lib/cluster/minikube_output.h"
#include "lib/cluster/minikube_profiles.h"
#include "lib/process/process_runner.h"

namespace tfsk::cluster {

/// Tunables; the defaults suit a laptop's first `minikube start` (image downloads).
struct MinikubeOptions {
  std::string program = "minikube";
  std::chrono::seconds start_timeout{900};
  std::chrono::seconds command_timeout{120};
  /// How long ServiceUrl waits for the first URL line.
  std::chrono::seconds url_timeout{60};
  /// Environment/cwd applied to every call (tests isolate MINIKUBE_HOME, PATH here).
  RunOptions base;
};

/// The URL of a Service (or of the dashboard) plus, when minikube had to open a tunnel (docker
/// driver on macOS, Windows, WSL, Docker Desktop, rootless), the `minikube service --url` child
/// that keeps it open. RAII: destroying or Close()-ing it stops that child (SIGINT first, as Ctrl-C
/// would). Move-only; not thread-safe.
class ServiceTunnel {
 public:
  ServiceTunnel(std::string url, std::unique_ptr<ChildProcess> child)
      : url_(std::move(url)), child_(std::move(child)) {}
  ServiceTunnel(ServiceTunnel&&) = default;
  ServiceTunnel& operator=(ServiceTunnel&&) = default;
  ~ServiceTunnel() { Close(); }

  /// e.g. "http://127.0.0.1:57123" (tunnel) or "http://192.168.49.2:30001" (NodePort).
  const std::string& url() const { return url_; }
  /// True while a tunnel child is running: the URL works only as long as this object lives.
  bool holds_tunnel() const { return child_ != nullptr && child_->Running(); }
  /// What the child wrote to stderr (minikube's "! Because you are using a Docker driver ..."
  /// note).
  std::string notes() const { return child_ ? child_->StderrText() : ""; }
  /// Stops the tunnel now (idempotent).
  void Close() {
    if (child_) child_->Stop();
  }

 private:
  std::string url_;
  std::unique_ptr<ChildProcess> child_;
};

class Minikube {
 public:
  /// `runner` must outlive this object.
  Minikube(ProcessRunner& runner, std::string profile, MinikubeOptions options = {});

  const MinikubeArgs& args() const { return args_; }

  /// `minikube status -o json`; a missing profile is a value (exists == false), not an error.
  StatusOr<MinikubeStatus> Status();
  /// `minikube start …` with both mount flags (see MinikubeArgs::Start). Errors carry the
  /// catalogue reason (GUEST_MOUNT_CONFLICT, RSRC_INSUFFICIENT_*, DRV_NOT_DETECTED, …).
  ::tfsk::Status Start(const StartSpec& spec);
  /// Start with `--output=json`, calling `on_event` for each progress event as it comes (a
  /// first start takes minutes; this is what tfsk's step lines show). Failure as for Start();
  /// minikube's error event (reason ID, advice) is part of the message.
  ::tfsk::Status StartWithProgress(const StartSpec& spec,
                                   const std::function<void(const MinikubeEvent&)>& on_event);
  ::tfsk::Status Stop();
  ::tfsk::Status Delete();
  /// `minikube ip` → "192.168.49.2".
  StatusOr<std::string> Ip();
  /// `minikube addons list -o json` → name → enabled.
  StatusOr<std::map<std::string, bool>> Addons();
  /// Whether one addon is enabled (false for an addon minikube does not list).
  StatusOr<bool> AddonEnabled(const std::string& addon);
  ::tfsk::Status EnableAddon(const std::string& addon);
  /// `minikube image load FILE` (silent on success). Failure carries the catalogue's
  /// GUEST_IMAGE_LOAD reason and fix.
  ::tfsk::Status ImageLoad(const std::string& archive);
  /// `minikube image ls --format short` → the references the node's runtime holds (see
  /// ParseImageList; ListedImageMatches compares one with a local reference). Empty when the
  /// node is not running: minikube only warns then. Errors: the command's failure
  /// (MK_PROFILE_NOT_FOUND, GUEST_IMAGE_LIST, …).
  StatusOr<std::vector<std::string>> ImageList();
  /// Starts `minikube service NAME --url -n NS` and returns the first URL it prints, with the
  /// child held in the ServiceTunnel when it keeps running. Errors: the command's failure
  /// (SVC_UNREACHABLE, SVC_NOT_FOUND, MK_PROFILE_NOT_FOUND, …) if it exits without a URL;
  /// DeadlineExceeded if no URL comes within options.url_timeout (the child is stopped).
  StatusOr<ServiceTunnel> ServiceUrl(const std::string& service, const std::string& ns);
  /// `minikube dashboard --url`: the dashboard URL, with the proxy child held by the handle.
  StatusOr<ServiceTunnel> DashboardUrl();
  /// `minikube ssh -- COMMAND…` → its stdout (e.g. `ls /var/tmp/models` to see the mount).
  StatusOr<std::string> Ssh(const std::vector<std::string>& command);
  /// This profile's entry in `minikube profile list -o json`, or nullopt if it does not exist.
  StatusOr<std::optional<ProfileInfo>> Profile();
  /// `minikube version --short`.
  StatusOr<ToolVersion> Version();

 private:
  // Starts argv and waits for its first URL line (see ServiceUrl).
  StatusOr<ServiceTunnel> HoldUrl(const Argv& argv);

  ProcessRunner& runner_;
  MinikubeArgs args_;
  MinikubeOptions options_;
};

}  // namespace tfsk::cluster
