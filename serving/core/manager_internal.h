#pragma once
// Internal to serving/core: the manager's per-model and per-version records, shared by
// manager.cpp (writers: apply, reconcile, load, unload) and manager_queries.cpp (readers).

#include <cstdint>
#include <map>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "serving/core/manager.h"

namespace tfsk::serving::core {

struct Manager::Version {
  ManagerState state = ManagerState::kStart;
  Status health;
  std::unique_ptr<Loader> loader;            // reconcile thread only
  std::shared_ptr<const Servable> servable;  // set while AVAILABLE; read under mu_
  bool load_failed = false;  // failed while aspired: not retried until it stops being aspired
};

struct Manager::Model {
  ModelSpec spec;
  bool active = true;
  std::unique_ptr<VersionSource> source;  // reconcile thread only
  // Every version ever tracked, highest first (the status API order).
  std::map<std::int64_t, Version, std::greater<>> versions;
  std::map<std::string, std::int64_t> labels;
  std::optional<std::vector<std::int64_t>> aspired;  // last successful poll
};

/// "{name: m version: 3}", TF Serving's ServableId spelling in logs and errors.
inline std::string ServableId(const std::string& model, std::int64_t version) {
  return "{name: " + model + " version: " + std::to_string(version) + "}";
}

}  // namespace tfsk::serving::core
