#pragma once
// minikube's structured progress (`minikube start -o json`, k8s-tools.md §1.9): one CloudEvents
// 1.0 object per stdout line, type io.k8s.sigs.minikube.{step,download,download.progress,info,
// warning,error}, with a string map as data, e.g.
//   {"specversion":"1.0","id":"…","source":"https://minikube.sigs.k8s.io/",
//    "type":"io.k8s.sigs.minikube.step","datacontenttype":"application/json",
//    "data":{"currentstep":"3","message":"Starting \"tfsk\" primary control-plane node …",
//            "name":"Starting Node","totalsteps":"19"}}
// Errors carry "exitcode", "name" (the reason ID, e.g. GUEST_MOUNT_CONFLICT) and "advice".

#include <optional>
#include <string>
#include <string_view>

namespace tfsk::cluster {

struct MinikubeEvent {
  std::string type;     ///< the part after "io.k8s.sigs.minikube.": "step", "error", "warning", …
  std::string name;     ///< step name ("Creating Container") or, for errors, the reason ID
  std::string message;  ///< without the trailing newline minikube keeps
  std::string advice;   ///< errors only
  int current_step = 0;
  int total_steps = 0;
  std::optional<int> exit_code;  ///< errors only

  /// "[3/19] Starting Node: Starting "tfsk" primary control-plane node …" for progress output.
  std::string ProgressLine() const;
};

/// One stdout line of `minikube … -o json`; nullopt for anything that is not a minikube event
/// (blank lines, stray text), so a caller can simply skip it.
std::optional<MinikubeEvent> ParseMinikubeEvent(std::string_view line);

}  // namespace tfsk::cluster
