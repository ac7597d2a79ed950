#include "serving/core/servable.h"

namespace tfsk::serving::core {

Status FunctionLoader::Load() {
  StatusOr<std::shared_ptr<const Servable>> loaded = load_();
  if (!loaded.ok()) return loaded.status();
  if (*loaded == nullptr) return Internal("loader returned no servable");
  servable_ = std::move(loaded).value();
  return OkStatus();
}

}  // namespace tfsk::serving::core
