#pragma once
// The manifest templates: the set built into the binary (templates/*.mustache, embedded at build
// time) and a user's folder that replaces some or all of them.

#include <filesystem>
#include <string>
#include <vector>

#include "lib/base/status.h"

namespace tfsk::render {

/// One template file: its file name ("deployment.yaml.mustache") and its text.
struct Template {
  std::string name;
  std::string text;
};

/// The four templates compiled into tfsk, sorted by name (generated source).
const std::vector<Template>& EmbeddedTemplates();

/// The template set to render with: the embedded one when `dir` is empty; otherwise the
/// embedded one with each `dir/*.mustache` replacing the template of the same name.
/// NotFound when `dir` is not a folder; InvalidArgument for a *.mustache file whose name is not
/// a known template (with a "did you mean").
StatusOr<std::vector<Template>> LoadTemplates(const std::filesystem::path& dir);

/// The template called `name`, or nullptr.
const Template* FindTemplate(const std::vector<Template>& set, const std::string& name);

}  // namespace tfsk::render
