#pragma once
// `tfsk init`: a commented tfsk.yaml that spells out every key with its default.

#include <filesystem>
#include <string>

#include "lib/base/status.h"

namespace tfsk::config {

/// What `tfsk init` fills in; the rest of the file shows the defaults as comments.
struct InitOptions {
  std::string name = "tf-serving";
  std::string model_name = "half_plus_two";
  std::string model_path = "./saved_model_half_plus_two_cpu";
};

/// The text of a fresh tfsk.yaml: apiVersion, name and model set, every other key present with
/// its default value and a one-line comment. Loads without errors.
std::string InitFileText(const InitOptions& options);

/// Writes `text` to `path`. AlreadyExists when the file exists and `force` is false (the message
/// says to pass --force); Internal when it cannot be written.
Status WriteInitFile(const std::filesystem::path& path, const std::string& text, bool force);

}  // namespace tfsk::config
