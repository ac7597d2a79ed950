#include "lib/local/demo_model.h"

#include <system_error>

#include "lib/state/state_dir.h"
#include "serving/savedmodel/demo_models.h"

namespace tfsk::local {

StatusOr<std::filesystem::path> EnsureDemoModel(const std::filesystem::path& project, bool* wrote) {
  std::error_code ec;
  const auto base = std::filesystem::absolute(state::StateDir(project) / "models" / kDemoModelName, ec);
  *wrote = false;
  if (std::filesystem::exists(base / "1" / "saved_model.pb", ec)) return base;
  TFSK_RETURN_IF_ERROR(
      serving::savedmodel::WriteSavedModel(base / "1", serving::savedmodel::HalfPlusTwo()));
  *wrote = true;
  return base;
}

}  // namespace tfsk::local
