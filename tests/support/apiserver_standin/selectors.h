#pragma once
// Label and field selectors as the list and watch endpoints take them (?labelSelector=,
// ?fieldSelector=). Labels: `k=v`, `k==v`, `k!=v`, `k in (a,b)`, `k notin (a,b)`, `k`, `!k`,
// comma-joined (AND). Fields: `path=v`, `path==v`, `path!=v` over dotted paths of the object
// (metadata.name, involvedObject.name, status.phase, ...).

#include <boost/json.hpp>

#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace apiserver {

/// A parsed selector. Empty matches everything.
class Selector {
 public:
  /// nullopt (with `error` set) for a malformed selector.
  static std::optional<Selector> Labels(std::string_view text, std::string* error);
  static std::optional<Selector> Fields(std::string_view text, std::string* error);

  bool Matches(const boost::json::object& object) const;

 private:
  enum class Op { kEq, kNe, kIn, kNotIn, kExists, kNotExists };
  struct Term {
    std::string key;
    Op op;
    std::vector<std::string> values;
  };
  bool fields_ = false;
  std::vector<Term> terms_;
};

}  // namespace apiserver
