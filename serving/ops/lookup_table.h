#pragma once
// Lookup tables (tf.lookup) with TensorFlow's semantics and error texts:
//  - HashTable: filled once by an initializer (InitializeTableV2, a text file, or
//    LookupTableImportV2), then read-only. Initializing it again with as many entries as it holds
//    is a no-op; with another count it fails ("Table was already initialized with different
//    data.").
//  - MutableHashTable: Insert/Import/Export at any time.
// Keys and values are scalars per entry; a key tensor of any shape looks up element-wise.
// Tables are thread-safe: lookups share a lock, changes take it exclusively.

#include <cstdint>
#include <memory>
#include <string>
#include <utility>

#include "lib/base/status.h"
#include "serving/tensor/tensor.h"

namespace tfsk::serving {

enum class TableKind { kHashTable, kMutableHashTable };

/// "HashTable" or "MutableHashTable".
const char* TableKindName(TableKind kind);

class LookupTable {
 public:
  virtual ~LookupTable() = default;

  TableKind kind() const { return kind_; }
  DataType key_dtype() const { return key_dtype_; }
  DataType value_dtype() const { return value_dtype_; }

  /// Entries held (0 for a HashTable not yet initialized).
  virtual std::int64_t Size() const = 0;
  /// False only for a HashTable before its initializer ran.
  virtual bool initialized() const = 0;

  /// Values for `keys` (same shape). `default_value` is a scalar, or has the keys' shape to
  /// give each key its own default (honoured by MutableHashTable; a HashTable uses its first
  /// element, as TensorFlow does).
  virtual StatusOr<Tensor> Find(const Tensor& keys, const Tensor& default_value) const = 0;
  /// MutableHashTable: adds or overwrites. HashTable: Unimplemented, as in TensorFlow.
  virtual Status Insert(const Tensor& keys, const Tensor& values) = 0;
  /// MutableHashTable: replaces every entry. HashTable: initializes it (see above).
  virtual Status Import(const Tensor& keys, const Tensor& values) = 0;
  /// HashTable: fills it once from `keys`/`values` (atomically: a failed initialization
  /// leaves it empty). Already initialized: OK when the entry counts match, FailedPrecondition
  /// otherwise. A duplicate key with another value fails. MutableHashTable: FailedPrecondition
  /// (not initializable; the kernels check kind() first for TensorFlow's message).
  virtual Status Initialize(const Tensor& keys, const Tensor& values) = 0;
  /// All entries as keys [n] and values [n], in no particular order.
  virtual StatusOr<std::pair<Tensor, Tensor>> Export() const = 0;

  /// TensorFlow's argument checks: dtypes ("Key must be type int64 but got string") and
  /// value shape equal to key shape ("Expected shape [2] for value, got [3]").
  Status CheckKeysAndValues(const Tensor& keys, const Tensor& values) const;
  /// Find's checks: dtypes, then a default that is a scalar or of the keys' shape.
  Status CheckFindArguments(const Tensor& keys, const Tensor& default_value) const;

 protected:
  /// TensorFlow's CheckKeyAndValueTypes: "Key must be type int64 but got string", "Value ...".
  Status CheckTypes(const Tensor& keys, const Tensor& values) const;

  LookupTable(TableKind kind, DataType key, DataType value)
      : kind_(kind), key_dtype_(key), value_dtype_(value) {}

 private:
  TableKind kind_;
  DataType key_dtype_;
  DataType value_dtype_;
};

/// A new, empty table. NotFound (TensorFlow's "No registered kernel" case) for key/value dtype
/// pairs TensorFlow registers no kernel for, e.g. a MutableHashTable string -> string.
StatusOr<std::shared_ptr<LookupTable>> MakeLookupTable(TableKind kind, DataType key_dtype,
                                                       DataType value_dtype);

}  // namespace tfsk::serving
