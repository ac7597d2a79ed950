#include "serving/core/servable_state.h"

namespace tfsk::serving::core {

std::string_view StateName(ManagerState state) {
  switch (state) {
    case ManagerState::kUnknown: return "UNKNOWN";
    case ManagerState::kStart: return "START";
    case ManagerState::kLoading: return "LOADING";
    case ManagerState::kAvailable: return "AVAILABLE";
    case ManagerState::kUnloading: return "UNLOADING";
    case ManagerState::kEnd: return "END";
  }
  return "UNKNOWN";
}

}  // namespace tfsk::serving::core
