#include "serving/ops/variable_store.h"

#include <variant>

#include <algorithm>

namespace tfsk::serving {

Tensor Variable::Read() const {
  std::lock_guard lock(mu_);
  return value_;
}

void Variable::Write(Tensor value) {
  std::lock_guard lock(mu_);
  value_ = std::move(value);
}

std::shared_ptr<Variable> VariableStore::GetOrCreate(const std::string& name) {
  std::lock_guard lock(mu_);
  auto& slot = vars_[name];
  if (!slot) slot = std::make_shared<Variable>();
  return slot;
}

std::shared_ptr<Variable> VariableStore::Find(const std::string& name) const {
  std::lock_guard lock(mu_);
  auto it = vars_.find(name);
  return it == vars_.end() ? nullptr : it->second;
}

std::vector<std::string> VariableStore::Names() const {
  std::vector<std::string> names;
  {
    std::lock_guard lock(mu_);
    for (const auto& [name, var] : vars_) names.push_back(name);
  }
  std::sort(names.begin(), names.end());
  return names;
}

const std::string& VariableKey(const NodeInfo& node) {
  const AttrValue* attr = node.attrs.Find("shared_name");
  const std::string* shared = attr != nullptr ? std::get_if<std::string>(&attr->value) : nullptr;
  return shared != nullptr && !shared->empty() ? *shared : node.name;
}

}  // namespace tfsk::serving
