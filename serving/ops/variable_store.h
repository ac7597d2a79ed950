#pragma once
// Variable state of one loaded model. TF1 reference variables (VariableV2) and TF2 resource
// variables (VarHandleOp) both live here, keyed by their shared name (or node name). The
// model's lookup tables live beside them (tables()), so every kernel that gets the model's
// state through OpContext::variables reaches both.

#include <memory>
#include <mutex>
#include <string>
#include <unordered_map>
#include <vector>

#include "serving/ops/node.h"
#include "serving/ops/table_store.h"
#include "serving/tensor/tensor.h"

namespace tfsk::serving {

/// One variable. Values are replaced, never written in place: a reader keeps the buffer it got,
/// so reads need the lock only long enough to copy the (shared) Tensor handle.
class Variable {
 public:
  /// The current value; invalid (`!valid()`) while uninitialized.
  Tensor Read() const;
  void Write(Tensor value);
  /// Runs `update(current) -> new value` under the variable's lock, so concurrent
  /// read-modify-write updates (AssignAdd) serialize. Returns the stored value.
  template <typename F>
  StatusOr<Tensor> Update(F&& update) {
    std::lock_guard lock(mu_);
    StatusOr<Tensor> next = update(value_);
    if (next.ok()) value_ = *next;
    return next;
  }

 private:
  mutable std::mutex mu_;
  Tensor value_;
};

/// The store key of a variable-creating node (VariableV2, VarHandleOp): its shared_name, or its
/// own name when that is empty (or not a string). A reference into the node, no copies.
const std::string& VariableKey(const NodeInfo& node);

/// Thread-safe name -> Variable table. Variables are created on first use and live as long as
/// the store (one per loaded model version).
class VariableStore {
 public:
  /// The variable called `name`, created uninitialized if new. Never null.
  std::shared_ptr<Variable> GetOrCreate(const std::string& name);
  /// The variable called `name`, or nullptr.
  std::shared_ptr<Variable> Find(const std::string& name) const;
  /// Sorted names of all variables (for debugging and tests).
  std::vector<std::string> Names() const;

  /// The model's lookup tables (HashTableV2 and friends), same lifetime as the variables.
  TableStore& tables() { return tables_; }

 private:
  mutable std::mutex mu_;
  std::unordered_map<std::string, std::shared_ptr<Variable>> vars_;
  TableStore tables_;
};

}  // namespace tfsk::serving
