#include "lib/render/templates.h"

#include <fmt/format.h>

#include <algorithm>
#include <fstream>
#include <sstream>

#include "lib/base/suggest.h"

namespace tfsk::render {

const Template* FindTemplate(const std::vector<Template>& set, const std::string& name) {
  for (const Template& t : set) {
    if (t.name == name) return &t;
  }
  return nullptr;
}

StatusOr<std::vector<Template>> LoadTemplates(const std::filesystem::path& dir) {
  std::vector<Template> set = EmbeddedTemplates();
  if (dir.empty()) return set;
  std::error_code ec;
  if (!std::filesystem::is_directory(dir, ec)) {
    return NotFound(fmt::format("templates folder '{}' does not exist", dir.string()));
  }
  std::vector<std::string> known;
  for (const Template& t : set) known.push_back(t.name);
  for (const auto& entry : std::filesystem::directory_iterator(dir, ec)) {
    std::string name = entry.path().filename().string();
    if (!entry.is_regular_file() || entry.path().extension() != ".mustache") continue;
    auto it = std::find(known.begin(), known.end(), name);
    if (it == known.end()) {
      std::string all;
      for (const auto& k : known) all += (all.empty() ? "" : ", ") + k;
      return InvalidArgument(fmt::format("{}: not a tfsk template{}; the templates are {}",
                                         entry.path().string(), DidYouMean(name, known), all));
    }
    std::ifstream in(entry.path(), std::ios::binary);
    std::stringstream text;
    text << in.rdbuf();
    if (!in) return Internal(fmt::format("cannot read '{}'", entry.path().string()));
    set[static_cast<std::size_t>(it - known.begin())].text = text.str();
  }
  return set;
}

}  // namespace tfsk::render
