#include "serving/core/version_policy.h"

#include <algorithm>
#include <charconv>

namespace tfsk::serving::core {

std::string VersionPolicy::ToString() const {
  switch (kind) {
    case Kind::kLatest: return "latest{" + std::to_string(std::max<std::int64_t>(1, num_versions)) + "}";
    case Kind::kAll: return "all";
    case Kind::kSpecific: {
      std::string s = "specific{";
      for (std::size_t i = 0; i < versions.size(); ++i) {
        if (i) s += ",";
        s += std::to_string(versions[i]);
      }
      return s + "}";
    }
  }
  return "?";
}

std::optional<std::int64_t> ParseVersionNumber(std::string_view name) {
  auto is_space = [](char c) { return c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\v' || c == '\f'; };
  while (!name.empty() && is_space(name.front())) name.remove_prefix(1);
  while (!name.empty() && is_space(name.back())) name.remove_suffix(1);
  // from_chars rejects a leading '+', SimpleAtoi accepts it.
  if (!name.empty() && name.front() == '+') {
    name.remove_prefix(1);
    if (!name.empty() && (name.front() == '-' || name.front() == '+')) return std::nullopt;
  }
  if (name.empty()) return std::nullopt;
  std::int64_t value = 0;
  auto [end, ec] = std::from_chars(name.data(), name.data() + name.size(), value);
  if (ec != std::errc() || end != name.data() + name.size()) return std::nullopt;
  return value;
}

std::vector<std::int64_t> AspiredVersions(const VersionPolicy& policy,
                                          std::vector<std::int64_t> present) {
  std::sort(present.begin(), present.end());
  present.erase(std::unique(present.begin(), present.end()), present.end());
  switch (policy.kind) {
    case VersionPolicy::Kind::kAll:
      return present;
    case VersionPolicy::Kind::kLatest: {
      const auto n = static_cast<std::size_t>(std::max<std::int64_t>(1, policy.num_versions));
      if (present.size() > n) present.erase(present.begin(), present.end() - static_cast<std::ptrdiff_t>(n));
      return present;
    }
    case VersionPolicy::Kind::kSpecific: {
      std::vector<std::int64_t> out;
      for (std::int64_t v : present) {
        if (std::find(policy.versions.begin(), policy.versions.end(), v) != policy.versions.end()) {
          out.push_back(v);
        }
      }
      return out;
    }
  }
  return {};
}

}  // namespace tfsk::serving::core
