#include "lib/local/serving_binary.h"

#include <unistd.h>

#include <cstdlib>
#include <sstream>
#include <system_error>
#include <vector>

namespace tfsk::local {

StatusOr<std::filesystem::path> FindServingBinary(std::filesystem::path self_exe,
                                                  const std::string& path_env,
                                                  const std::string& name) {
  namespace fs = std::filesystem;
  std::error_code ec;
  if (self_exe.empty()) self_exe = fs::read_symlink("/proc/self/exe", ec);
  std::vector<fs::path> tried;
  if (!self_exe.empty()) {
    const fs::path dir = self_exe.parent_path();
    tried.push_back(dir / name);
    tried.push_back((dir / ".." / "serving" / name).lexically_normal());
  }
  std::string path = path_env;
  if (path == "<from env>") {
    const char* p = std::getenv("PATH");
    path = p != nullptr ? p : "";
  }
  std::stringstream entries(path);
  for (std::string entry; std::getline(entries, entry, ':');) {
    if (!entry.empty()) tried.push_back(fs::path(entry) / name);
  }
  for (const auto& candidate : tried) {
    if (fs::is_regular_file(candidate, ec) && ::access(candidate.c_str(), X_OK) == 0) {
      return fs::absolute(candidate, ec);
    }
  }
  std::string list;
  for (const auto& t : tried) list += "\n  " + t.string();
  return NotFound("cannot find the " + name + " binary; looked for:" + list +
                  "\n(build it with: cmake --build <build dir> --target " + name + ")");
}

StatusOr<std::filesystem::path> StaticServingBinary(const std::filesystem::path& override) {
  if (!override.empty()) return override;
  return FindServingBinary({}, "<from env>", "tfsk-serving-static");
}

}  // namespace tfsk::local
