#pragma once
// Which of a model's version folders should be served (TF Serving's ServableVersionPolicy).

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace tfsk::serving::core {

/// `latest { num_versions: N }` (default, N = 1), `all {}` or `specific { versions: ... }`.
struct VersionPolicy {
  enum class Kind { kLatest, kAll, kSpecific };
  Kind kind = Kind::kLatest;
  std::int64_t num_versions = 1;        ///< kLatest only; values < 1 act as 1
  std::vector<std::int64_t> versions;   ///< kSpecific only

  static VersionPolicy Latest(std::int64_t n = 1) { return {Kind::kLatest, n, {}}; }
  static VersionPolicy All() { return {Kind::kAll, 1, {}}; }
  static VersionPolicy Specific(std::vector<std::int64_t> v) {
    return {Kind::kSpecific, 1, std::move(v)};
  }

  /// "latest{2}", "all", "specific{1,2}": for logs and test messages.
  std::string ToString() const;

  friend bool operator==(const VersionPolicy&, const VersionPolicy&) = default;
};

/// A folder name as a version number the way TF Serving reads it (absl::SimpleAtoi on int64):
/// optional sign, decimal digits, leading zeros allowed ("00000123" -> 123), surrounding ASCII
/// whitespace tolerated; anything else (or overflow) -> nullopt.
std::optional<std::int64_t> ParseVersionNumber(std::string_view name);

/// The versions `policy` aspires to among `present` (any order, duplicates allowed).
/// Returns them ascending. Specific versions that are not present are left out (the caller warns).
std::vector<std::int64_t> AspiredVersions(const VersionPolicy& policy,
                                          std::vector<std::int64_t> present);

}  // namespace tfsk::serving::core
