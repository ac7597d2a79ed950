#include "lib/config/reader.h"

#include <fmt/format.h>

#include <algorithm>
#include <charconv>

#include "lib/base/suggest.h"

namespace tfsk::config {
namespace {

// Quoted scalars carry the non-specific tag "!"; plain ones "?" (or "" when built in code).
bool IsQuoted(const YAML::Node& n) { return n.Tag() == "!"; }

std::string Shown(const YAML::Node& n) {
  if (n.IsScalar()) return fmt::format("'{}'", n.Scalar());
  if (n.IsSequence()) return "a list";
  if (n.IsMap()) return "a mapping";
  return "nothing";
}

}  // namespace

std::string OriginOf(const YAML::Node& node, const std::string& path, const ReadContext& ctx) {
  if (auto it = ctx.overrides.find(path); it != ctx.overrides.end()) return it->second;
  if (node.IsDefined()) {
    YAML::Mark m = node.Mark();
    if (!m.is_null()) return fmt::format("{}:{}:{}", ctx.file, m.line + 1, m.column + 1);
  }
  return ctx.file;
}

MapReader::MapReader(const YAML::Node& node, std::string path, const ReadContext& ctx,
                     Diagnostics& diag)
    : node_(node), path_(std::move(path)), ctx_(ctx), diag_(diag) {
  if (!node_.IsDefined() || node_.IsNull()) return;
  if (node_.IsMap()) {
    is_map_ = true;
    return;
  }
  diag_.Error(path_.empty() ? "(document)" : path_,
              fmt::format("expected a mapping of keys, got {}", Shown(node_)),
              OriginOf(node_, path_, ctx_));
}

std::string MapReader::Child(const std::string& key) const {
  return path_.empty() ? key : path_ + "." + key;
}

YAML::Node MapReader::Get(const std::string& key) {
  known_.push_back(key);
  if (!is_map_) return YAML::Node(YAML::NodeType::Undefined);
  for (auto it = node_.begin(); it != node_.end(); ++it) {
    if (it->first.IsScalar() && it->first.Scalar() == key) {
      if (ctx_.origins_out != nullptr) {
        (*ctx_.origins_out)[Child(key)] = OriginOf(it->second, Child(key), ctx_);
      }
      return it->second;
    }
  }
  return YAML::Node(YAML::NodeType::Undefined);
}

bool MapReader::Has(const std::string& key) {
  YAML::Node v = Get(key);
  return v.IsDefined() && !v.IsNull();
}

void MapReader::TypeError(const YAML::Node& value, const std::string& key,
                          const std::string& expected) {
  diag_.Error(Child(key), fmt::format("expected {}, got {}", expected, Shown(value)),
              OriginOf(value, Child(key), ctx_));
}

void MapReader::String(const std::string& key, std::string& out) {
  YAML::Node v = Get(key);
  if (!v.IsDefined()) return;
  if (!v.IsScalar()) return TypeError(v, key, "a string");
  out = v.Scalar();
}

void MapReader::Int(const std::string& key, int& out) {
  std::optional<int> value;
  OptionalInt(key, value);
  if (value) out = *value;
}

void MapReader::OptionalInt(const std::string& key, std::optional<int>& out) {
  YAML::Node v = Get(key);
  if (!v.IsDefined()) return;
  if (!v.IsScalar() || IsQuoted(v)) return TypeError(v, key, "an integer");
  const std::string& s = v.Scalar();
  int parsed = 0;
  const char* begin = s.data();
  if (!s.empty() && s[0] == '+') ++begin;
  auto [end, ec] = std::from_chars(begin, s.data() + s.size(), parsed);
  if (s.empty() || ec != std::errc() || end != s.data() + s.size()) {
    return TypeError(v, key, "an integer");
  }
  out = parsed;
}

void MapReader::Bool(const std::string& key, bool& out) {
  YAML::Node v = Get(key);
  if (!v.IsDefined()) return;
  if (v.IsScalar() && !IsQuoted(v)) {
    const std::string& s = v.Scalar();
    if (s == "true" || s == "True" || s == "TRUE") {
      out = true;
      return;
    }
    if (s == "false" || s == "False" || s == "FALSE") {
      out = false;
      return;
    }
  }
  TypeError(v, key, "true or false");
}

void MapReader::Path(const std::string& key, std::filesystem::path& out) {
  std::string s;
  bool had = Has(key);
  String(key, s);
  if (!had || s.empty()) return;
  std::filesystem::path p(s);
  out = p.is_absolute() ? p : (ctx_.base_dir / p).lexically_normal();
}

MapReader MapReader::Map(const std::string& key) {
  return MapReader(Get(key), Child(key), ctx_, diag_);
}

std::vector<std::pair<std::string, YAML::Node>> MapReader::Sequence(const std::string& key) {
  std::vector<std::pair<std::string, YAML::Node>> out;
  YAML::Node v = Get(key);
  if (!v.IsDefined() || v.IsNull()) return out;
  if (!v.IsSequence()) {
    TypeError(v, key, "a list");
    return out;
  }
  for (std::size_t i = 0; i < v.size(); ++i) {
    out.emplace_back(fmt::format("{}[{}]", Child(key), i), v[i]);
  }
  return out;
}

void MapReader::Finish() {
  if (!is_map_) return;
  std::vector<std::string> seen;
  for (auto it = node_.begin(); it != node_.end(); ++it) {
    std::string key = it->first.IsScalar() ? it->first.Scalar() : "?";
    if (std::find(seen.begin(), seen.end(), key) != seen.end()) {
      diag_.Error(Child(key), "duplicate key; keep one (YAML would silently use one of them)",
                  OriginOf(it->first, Child(key), ctx_));
      continue;
    }
    seen.push_back(key);
    if (std::find(known_.begin(), known_.end(), key) != known_.end()) continue;
    std::string hint = DidYouMean(key, known_);
    if (hint.empty()) {
      std::vector<std::string> sorted = known_;
      std::sort(sorted.begin(), sorted.end());
      std::string all;
      for (const auto& k : sorted) all += (all.empty() ? "" : ", ") + k;
      hint = fmt::format(" (known keys: {})", all);
    }
    diag_.Error(Child(key), "unknown key" + hint, OriginOf(it->first, Child(key), ctx_));
  }
}

}  // namespace tfsk::config
