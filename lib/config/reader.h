#pragma once
// Strict, error-collecting reading of one YAML mapping into struct fields. Used by decode.cpp;
// every accessor registers its key, and Finish() reports the keys nobody asked for.

#include <yaml-cpp/yaml.h>

#include <filesystem>
#include <map>
#include <optional>
#include <string>
#include <vector>

#include "lib/config/diagnostics.h"

namespace tfsk::config {

/// What a reader needs besides the node: names for origins and the folder relative paths
/// are resolved against.
struct ReadContext {
  std::string file;                ///< shown in origins, "tfsk.yaml"
  std::filesystem::path base_dir;  ///< relative paths in the file are relative to this
  /// Field paths set by the environment or flags, with the name of the variable or flag.
  std::map<std::string, std::string> overrides;
  /// When set, receives field path -> origin for every value read, so later checks
  /// (validation) can point at the same line.
  std::map<std::string, std::string>* origins_out = nullptr;
};

/// "tfsk.yaml:3:7" from the node's mark, the override's name for overridden paths, else "".
std::string OriginOf(const YAML::Node& node, const std::string& path, const ReadContext& ctx);

/// Reads the keys of one mapping. An absent or null node reads as an empty mapping (every
/// field keeps its current value). A node of another kind is reported once, at construction.
/// Accessors leave the output untouched when the key is missing or its value is wrong.
class MapReader {
 public:
  MapReader(const YAML::Node& node, std::string path, const ReadContext& ctx, Diagnostics& diag);

  void String(const std::string& key, std::string& out);
  void Int(const std::string& key, int& out);
  void OptionalInt(const std::string& key, std::optional<int>& out);
  void Bool(const std::string& key, bool& out);
  /// A path; relative values are resolved against ctx.base_dir.
  void Path(const std::string& key, std::filesystem::path& out);
  /// A nested mapping (absent => an empty reader).
  MapReader Map(const std::string& key);
  /// The elements of a sequence value, with their field paths ("a.b[0]"). Reports a
  /// non-sequence value.
  std::vector<std::pair<std::string, YAML::Node>> Sequence(const std::string& key);
  /// True when the key is present with a non-null value (registers the key).
  bool Has(const std::string& key);

  /// Reports every key that no accessor asked for, with a "did you mean" among the known ones.
  void Finish();

  const std::string& path() const { return path_; }

 private:
  YAML::Node Get(const std::string& key);  // registers the key; null node when absent
  std::string Child(const std::string& key) const;
  void TypeError(const YAML::Node& value, const std::string& key, const std::string& expected);

  YAML::Node node_;
  std::string path_;
  const ReadContext& ctx_;
  Diagnostics& diag_;
  std::vector<std::string> known_;
  bool is_map_ = false;
};

}  // namespace tfsk::config
