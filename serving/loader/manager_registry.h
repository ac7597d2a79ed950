#pragma once
// The version manager (serving/core) as the REST handler sees it (rest::ServableRegistry).

#include "serving/core/manager.h"
#include "serving/rest/servable.h"

namespace tfsk::serving::loader {

/// Adapts core::Manager to rest::ServableRegistry. The manager's servables must be
/// SavedModelServable (or any type deriving from both core::Servable and rest::Servable).
/// Thread-safe: holds no state of its own.
class ManagerRegistry : public rest::ServableRegistry {
 public:
  /// `manager` must outlive this object.
  explicit ManagerRegistry(core::Manager& manager) : manager_(manager) {}

  StatusOr<std::shared_ptr<rest::Servable>> Find(const rest::ServableRequest& request) override;
  std::vector<rest::VersionStatus> ListVersions(const std::string& name) override;

 private:
  core::Manager& manager_;
};

}  // namespace tfsk::serving::loader
