#pragma once
// The OpDefs a SavedModel carries (meta_info_def.stripped_op_list), indexed by op name. They
// supply the attr defaults that `stripped_default_attrs` removed from nodes, and the output-arg
// layout needed to resolve `node:output_arg:index` references inside function bodies.

#include <string>
#include <string_view>
#include <unordered_map>

#include "lib/base/status.h"
#include "serving/ops/attr_value.h"
#include "serving/proto/function.pb.h"
#include "serving/proto/op_def.pb.h"

namespace tfsk::serving {

class OpDefIndex {
 public:
  OpDefIndex() = default;
  /// Indexes `ops` (copied, so the caller's OpList need not outlive the index) plus the
  /// signatures of `library`'s functions (a node may use a function name as its op type).
  OpDefIndex(const tensorflow::OpList& ops, const tensorflow::FunctionDefLibrary& library);

  /// The OpDef of `op`, or nullptr.
  const tensorflow::OpDef* Find(std::string_view op) const;

  /// Adds every attr that has a default in `op`'s OpDef and is missing from `attrs`.
  /// Unknown ops are left alone.
  Status FillDefaults(std::string_view op, AttrMap& attrs) const;

  /// The flat output index of `arg_name`[index] of a node of type `op` with `attrs`, counting
  /// list-valued output args by their lengths (number_attr / type_list_attr).
  StatusOr<int> FlatOutputIndex(std::string_view op, const AttrMap& attrs, std::string_view arg_name,
                                int index) const;

 private:
  std::unordered_map<std::string, tensorflow::OpDef> defs_;
};

}  // namespace tfsk::serving
