#pragma once
// Checks across the rendered objects that a schema cannot express and that break the lab when
// wrong (k8s-tools.md §3.4): selectors and labels, ports, the HPA target, CPU requests, the
// hostPath versus the minikube mount, names and label values.

#include <string>
#include <vector>

#include "lib/config/config.h"
#include "lib/render/render.h"

namespace tfsk::render {

/// Problems found, each "Kind/name: field: what is wrong"; empty when consistent. Checks:
/// Deployment selector matches its pod template labels; Service selector matches the pod labels;
/// Service targetPort is a containerPort (number or name); nodePort in 30000-32767; HPA
/// scaleTargetRef names the Deployment (apps/v1); minReplicas <= maxReplicas; every container
/// has resources.requests.cpu when an HPA exists; hostPath volumes equal cluster.mount.guest
/// (target minikube); volumeMounts name a volume; envFrom names the rendered ConfigMap;
/// metadata.name follows the kind's DNS rule; label values are valid strings; one namespace.
std::vector<std::string> CrossCheck(const std::vector<Manifest>& manifests,
                                    const config::Config& config);

}  // namespace tfsk::render
