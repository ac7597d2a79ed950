#include "lib/cluster/minikube_profiles.h"

#include <boost/json.hpp>

#include "lib/cluster/json_fields.h"

namespace tfsk::cluster {
namespace {

ProfileInfo ReadProfile(const boost::json::value& p, bool valid) {
  ProfileInfo info;
  info.valid = valid;
  info.name = json::Str(p, {"Name"});
  info.status = json::Str(p, {"Status"});
  info.driver = json::Str(p, {"Config", "Driver"});
  info.mount_string = json::Str(p, {"Config", "MountString"});
  if (const auto* mounts = json::At(p, {"Config", "ContainerVolumeMounts"}); mounts && mounts->is_array()) {
    for (const auto& m : mounts->get_array()) {
      if (m.is_string()) info.container_volume_mounts.emplace_back(m.get_string());
    }
  }
  info.cpus = static_cast<int>(json::Int(p, {"Config", "CPUs"}).value_or(0));
  info.memory_mb = static_cast<int>(json::Int(p, {"Config", "Memory"}).value_or(0));
  info.kubernetes_version = json::Str(p, {"Config", "KubernetesConfig", "KubernetesVersion"});
  return info;
}

}  // namespace

std::string ProfileInfo::CurrentMount() const {
  if (!container_volume_mounts.empty()) return container_volume_mounts.front();
  return mount_string;
}

StatusOr<std::vector<ProfileInfo>> ParseProfileList(std::string_view out) {
  std::vector<ProfileInfo> profiles;
  if (out.find_first_not_of(" \t\r\n") == std::string_view::npos) return profiles;
  TFSK_ASSIGN_OR_RETURN(auto doc, json::Parse(out, "`minikube profile list -o json` output"));
  for (const auto& [key, valid] : {std::pair<const char*, bool>{"valid", true}, {"invalid", false}}) {
    const auto* list = json::At(doc, {key});
    if (list == nullptr || !list->is_array()) continue;
    for (const auto& p : list->get_array()) profiles.push_back(ReadProfile(p, valid));
  }
  return profiles;
}

std::optional<std::string> MountConflict(const ProfileInfo& existing, const std::string& desired_mount) {
  if (existing.driver != "docker" && existing.driver != "podman") return std::nullopt;
  std::string current = existing.CurrentMount();
  if (current == desired_mount) return std::nullopt;
  return "profile " + existing.name + " (" + existing.driver + ") was created with mount '" +
         current + "' and docker/podman cannot change it to '" + desired_mount +
         "'; run `minikube delete -p " + existing.name +
         "` and `tfsk up` again, or set model.path back to the old folder";
}

}  // namespace tfsk::cluster
