#include "lib/cluster/minikube.h"

#include <algorithm>

#include "lib/cluster/command.h"
#include "lib/cluster/held_url.h"
#include "lib/cluster/reasons.h"

namespace tfsk::cluster {

using Clock = std::chrono::steady_clock;

Minikube::Minikube(ProcessRunner& runner, std::string profile, MinikubeOptions options)
    : runner_(runner), args_(std::move(profile), options.program), options_(std::move(options)) {}

StatusOr<MinikubeStatus> Minikube::Status() {
  Argv argv = args_.Status();
  TFSK_ASSIGN_OR_RETURN(
      ProcessResult r,
      RunAnyExit(runner_, argv, {}, WithTimeout(options_.base, options_.command_timeout)));
  // 0–7 are the status bit mask and 85 a missing profile: answers, not failures.
  if ((r.exit_code >= 0 && r.exit_code <= 7) || r.exit_code == 85) {
    return ParseMinikubeStatus(r.out, r.exit_code);
  }
  return CommandFailure(argv, r);
}

::tfsk::Status Minikube::Start(const StartSpec& spec) {
  return RunChecked(runner_, args_.Start(spec), {},
                    WithTimeout(options_.base, options_.start_timeout))
      .status();
}

::tfsk::Status Minikube::StartWithProgress(
    const StartSpec& spec, const std::function<void(const MinikubeEvent&)>& on_event) {
  Argv argv = args_.StartWithProgress(spec);
  auto started = runner_.Start(argv, options_.base);
  if (!started.ok()) return WithInstallHint(started.status(), options_.program);
  std::unique_ptr<ChildProcess> child = std::move(started).value();
  const auto deadline = Clock::now() + options_.start_timeout;
  std::string errors;  // error events, shown like minikube's stderr would be
  for (;;) {
    auto left = std::chrono::duration_cast<std::chrono::milliseconds>(deadline - Clock::now());
    auto line = child->ReadLine(std::max(left, std::chrono::milliseconds(0)));
    if (line.ok()) {
      if (auto event = ParseMinikubeEvent(*line)) {
        if (event->type == "error") {
          errors += "X " + (event->name.empty() ? "" : event->name + ": ") + event->message + "\n";
          if (!event->advice.empty()) errors += "  " + event->advice + "\n";
        }
        if (on_event) on_event(*event);
      }
      continue;
    }
    if (line.status().code() == Code::kDeadlineExceeded) {
      child->Stop();
      return DeadlineExceeded("`" + FormatArgv(argv) + "` did not finish within " +
                              std::to_string(options_.start_timeout.count()) +
                              " s and was stopped");
    }
    break;  // stdout closed: minikube is done
  }
  auto code = child->Wait(std::chrono::seconds(30));
  int exit_code = code.ok() ? *code : child->Stop();
  if (exit_code == 0) return OkStatus();
  return CommandFailure(argv, ProcessResult{exit_code, "", errors + child->StderrText()});
}

::tfsk::Status Minikube::Stop() {
  return RunChecked(runner_, args_.Stop(), {}, WithTimeout(options_.base, options_.command_timeout))
      .status();
}

::tfsk::Status Minikube::Delete() {
  return RunChecked(runner_, args_.Delete(), {}, WithTimeout(options_.base, options_.start_timeout))
      .status();
}

StatusOr<std::string> Minikube::Ip() {
  TFSK_ASSIGN_OR_RETURN(
      ProcessResult r,
      RunChecked(runner_, args_.Ip(), {}, WithTimeout(options_.base, options_.command_timeout)));
  return ParseIp(r.out);
}

StatusOr<std::map<std::string, bool>> Minikube::Addons() {
  TFSK_ASSIGN_OR_RETURN(ProcessResult r,
                        RunChecked(runner_, args_.AddonsList(), {},
                                   WithTimeout(options_.base, options_.command_timeout)));
  return ParseAddonsList(r.out);
}

StatusOr<bool> Minikube::AddonEnabled(const std::string& addon) {
  TFSK_ASSIGN_OR_RETURN(auto addons, Addons());
  auto it = addons.find(addon);
  return it != addons.end() && it->second;
}

::tfsk::Status Minikube::EnableAddon(const std::string& addon) {
  return RunChecked(runner_, args_.AddonEnable(addon), {},
                    WithTimeout(options_.base, options_.start_timeout))
      .status();
}

::tfsk::Status Minikube::ImageLoad(const std::string& archive) {
  // Copying the archive into the node and importing it takes a while on a VM driver.
  return RunChecked(runner_, args_.ImageLoad(archive), {},
                    WithTimeout(options_.base, options_.start_timeout))
      .status();
}

StatusOr<std::vector<std::string>> Minikube::ImageList() {
  TFSK_ASSIGN_OR_RETURN(ProcessResult r,
                        RunChecked(runner_, args_.ImageList(), {},
                                   WithTimeout(options_.base, options_.command_timeout)));
  return ParseImageList(r.out);
}

StatusOr<ServiceTunnel> Minikube::ServiceUrl(const std::string& service, const std::string& ns) {
  return HoldUrl(args_.ServiceUrl(service, ns));
}

StatusOr<ServiceTunnel> Minikube::DashboardUrl() { return HoldUrl(args_.DashboardUrl()); }

StatusOr<std::string> Minikube::Ssh(const std::vector<std::string>& command) {
  TFSK_ASSIGN_OR_RETURN(ProcessResult r,
                        RunChecked(runner_, args_.Ssh(command), {},
                                   WithTimeout(options_.base, options_.command_timeout)));
  return r.out;
}

StatusOr<ServiceTunnel> Minikube::HoldUrl(const Argv& argv) {
  return HoldUntilUrl(runner_, argv, options_.base, options_.url_timeout, ServiceUrlInLine);
}

StatusOr<std::optional<ProfileInfo>> Minikube::Profile() {
  Argv argv = args_.ProfileList();
  TFSK_ASSIGN_OR_RETURN(
      ProcessResult r,
      RunAnyExit(runner_, argv, {}, WithTimeout(options_.base, options_.command_timeout)));
  // With no profiles at all, minikube exits non-zero (MK_PROFILE_NOT_FOUND-like); that is an
  // answer.
  if (r.exit_code == 85) return std::optional<ProfileInfo>();
  if (r.exit_code != 0) return CommandFailure(argv, r);
  TFSK_ASSIGN_OR_RETURN(auto profiles, ParseProfileList(r.out));
  for (auto& p : profiles) {
    if (p.name == args_.profile()) return std::optional<ProfileInfo>(std::move(p));
  }
  return std::optional<ProfileInfo>();
}

StatusOr<ToolVersion> Minikube::Version() {
  TFSK_ASSIGN_OR_RETURN(ProcessResult r,
                        RunChecked(runner_, args_.Version(), {},
                                   WithTimeout(options_.base, options_.command_timeout)));
  return ParseVersion(r.out);
}

}  // namespace tfsk::cluster
