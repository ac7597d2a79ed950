#include "serving/ops/table_store.h"

#include <algorithm>

namespace tfsk::serving {

std::string TableKey(const NodeInfo& node) {
  std::string container = node.StringOr("container", "");
  std::string name = node.StringOr("shared_name", "");
  // TensorFlow names a table without shared_name after its node (use_node_name_sharing), or
  // makes it private to the kernel instance, which lives as long as the loaded model: either
  // way one table per node per model.
  if (name.empty()) name = node.name;
  return (container.empty() ? std::string("localhost") : container) + "/" + name;
}

StatusOr<std::shared_ptr<LookupTable>> TableStore::GetOrCreate(const std::string& key,
                                                               TableKind kind, DataType key_dtype,
                                                               DataType value_dtype) {
  std::lock_guard lock(mu_);
  auto it = tables_.find(key);
  if (it != tables_.end()) {
    const LookupTable& t = *it->second;
    if (t.key_dtype() != key_dtype || t.value_dtype() != value_dtype) {
      return InvalidArgument("Conflicting key/value dtypes " + DataTypeName(key_dtype) + "->" +
                             DataTypeName(value_dtype) + " with " + DataTypeName(t.key_dtype()) +
                             "-" + DataTypeName(t.value_dtype()) + " for table " + key);
    }
    if (t.kind() != kind) {
      return InvalidArgument("Table " + key + " is a " + TableKindName(t.kind()) + ", not a " +
                             TableKindName(kind));
    }
    return it->second;
  }
  TFSK_ASSIGN_OR_RETURN(auto table, MakeLookupTable(kind, key_dtype, value_dtype));
  tables_.emplace(key, table);
  return table;
}

StatusOr<std::shared_ptr<LookupTable>> TableStore::Find(const std::string& key) const {
  std::lock_guard lock(mu_);
  auto it = tables_.find(key);
  if (it == tables_.end()) {
    return NotFound("Resource " + key + "/N10tensorflow6lookup15LookupInterfaceE does not exist.");
  }
  return it->second;
}

std::vector<std::string> TableStore::Names() const {
  std::vector<std::string> names;
  {
    std::lock_guard lock(mu_);
    for (const auto& [name, table] : tables_) names.push_back(name);
  }
  std::sort(names.begin(), names.end());
  return names;
}

}  // namespace tfsk::serving
