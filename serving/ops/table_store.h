#pragma once
// The lookup tables of one loaded model version, like VariableStore for variables: tables are
// created by HashTableV2/MutableHashTableV2 on first run and live as long as the store. Keys
// follow TensorFlow's ResourceMgr: "<container>/<shared_name>", container "localhost" when
// empty, and the node's own name when shared_name is empty.

#include <memory>
#include <mutex>
#include <string>
#include <unordered_map>
#include <vector>

#include "lib/base/status.h"
#include "serving/ops/lookup_table.h"
#include "serving/ops/node.h"

namespace tfsk::serving {

/// The store key of a table-creating node (HashTableV2, MutableHashTableV2, HashTable):
/// "<container or localhost>/<shared_name or node name>".
std::string TableKey(const NodeInfo& node);

/// Thread-safe key -> table map.
class TableStore {
 public:
  /// The table called `key`, created empty when new. An existing table of another kind or with
  /// other dtypes is InvalidArgument (TensorFlow's "Conflicting key/value dtypes" check).
  StatusOr<std::shared_ptr<LookupTable>> GetOrCreate(const std::string& key, TableKind kind,
                                                     DataType key_dtype, DataType value_dtype);
  /// The table called `key`, or NotFound with TensorFlow's "Resource ... does not exist." text.
  StatusOr<std::shared_ptr<LookupTable>> Find(const std::string& key) const;
  /// Sorted keys (for debugging and tests).
  std::vector<std::string> Names() const;

 private:
  mutable std::mutex mu_;
  std::unordered_map<std::string, std::shared_ptr<LookupTable>> tables_;
};

}  // namespace tfsk::serving
