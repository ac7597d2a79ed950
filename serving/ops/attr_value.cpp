#include "serving/ops/attr_value.h"

#include <algorithm>

namespace tfsk::serving {

bool AttrShape::fully_defined() const {
  if (unknown_rank) return false;
  return std::all_of(dims.begin(), dims.end(), [](std::int64_t d) { return d >= 0; });
}

void AttrMap::Set(std::string name, AttrValue value) {
  auto it = std::lower_bound(entries_.begin(), entries_.end(), name,
                             [](const auto& e, const std::string& n) { return e.first < n; });
  if (it != entries_.end() && it->first == name) {
    it->second = std::move(value);
  } else {
    entries_.emplace(it, std::move(name), std::move(value));
  }
}

const AttrValue* AttrMap::Find(std::string_view name) const {
  auto it = std::lower_bound(entries_.begin(), entries_.end(), name,
                             [](const auto& e, std::string_view n) { return e.first < n; });
  if (it != entries_.end() && it->first == name) return &it->second;
  return nullptr;
}

AttrValue AttrValue::Func(std::string name, AttrMap attrs) {
  return Make(FuncAttr{std::move(name), std::make_shared<const AttrMap>(std::move(attrs))});
}

AttrValue AttrValue::Funcs(std::vector<std::string> names) {
  std::vector<FuncAttr> funcs;
  for (auto& n : names) funcs.push_back({std::move(n), std::make_shared<const AttrMap>()});
  return Make(std::move(funcs));
}

std::int64_t AttrValue::list_size() const {
  return std::visit(
      [](const auto& v) -> std::int64_t {
        using V = std::decay_t<decltype(v)>;
        if constexpr (std::is_same_v<V, EmptyList>) {
          return 0;
        } else if constexpr (requires { v.size(); v.begin(); } && !std::is_same_v<V, std::string>) {
          return static_cast<std::int64_t>(v.size());
        } else {
          return -1;
        }
      },
      value);
}

}  // namespace tfsk::serving
