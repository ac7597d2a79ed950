#pragma once
// The one place that knows tfsk.yaml's defaults. They reproduce the MLEP lab
// (course 4 week 2): tf-serving-deployment, NodePort 30001 -> 8501, HPA 1..3 at 20 % CPU, ...

#include "lib/config/config.h"

namespace tfsk::config {

/// Every static default, as a Config. The loader decodes the file on top of this value, then the
/// environment, then flags, and finally calls Derive.
Config Defaults();

/// Fills the values that default to something computed from other values, only where they are
/// still empty: object names from `name` (`<name>-deployment`, ...), the mount's guest side
/// `/var/tmp/<basename of model.path>`, the mount's host side (= model.path), and the kubectl
/// context (= the profile for target minikube). Idempotent.
void Derive(Config& config);

}  // namespace tfsk::config
