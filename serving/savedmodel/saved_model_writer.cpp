#include <fstream>
#include <system_error>

#include "serving/savedmodel/demo_models.h"

namespace tfsk::serving::savedmodel {

std::vector<std::string> DemoModelNames() { return {"half_plus_two", "mlp"}; }

StatusOr<SavedModelToWrite> DemoModel(const std::string& name) {
  if (name == "half_plus_two") return HalfPlusTwo();
  if (name == "mlp") return Mlp();
  return InvalidArgument("unknown demo model '" + name + "' (choose half_plus_two or mlp)");
}

Status WriteSavedModel(const std::filesystem::path& version_dir, const SavedModelToWrite& model) {
  namespace fs = std::filesystem;
  std::error_code ec;
  const fs::path pb = version_dir / "saved_model.pb";
  if (fs::exists(pb, ec)) return AlreadyExists(pb.string() + " already exists; not overwriting it");
  fs::create_directories(version_dir / "variables", ec);
  if (ec)
    return Internal("cannot create " + (version_dir / "variables").string() + ": " + ec.message());
  if (!model.variables.empty()) {
    TFSK_RETURN_IF_ERROR(
        WriteTensorBundle((version_dir / "variables" / "variables").string(), model.variables));
  }
  // saved_model.pb last: a folder with it is a complete model (the server polls for it).
  const fs::path tmp = version_dir / "saved_model.pb.tmp";
  {
    std::ofstream out(tmp, std::ios::binary | std::ios::trunc);
    if (!model.proto.SerializeToOstream(&out)) return Internal("cannot write " + tmp.string());
  }
  fs::rename(tmp, pb, ec);
  if (ec) return Internal("cannot rename " + tmp.string() + ": " + ec.message());
  return OkStatus();
}

}  // namespace tfsk::serving::savedmodel
