#pragma once
// Ops that run functions of the library instead of a kernel: calls (StatefulPartitionedCall,
// PartitionedCall, BatchFunction) and TF2's functional control flow (If/StatelessIf,
// While/StatelessWhile, Case/StatelessCase, as tf.cond, tf.while_loop and tf.switch_case export
// them). The executor runs them (executor_functional.cpp); this file knows which ops they are,
// which attrs name their functions, and how TensorFlow turns a predicate tensor into a bool.

#include <string_view>
#include <vector>

#include "lib/base/status.h"
#include "serving/graph/body.h"
#include "serving/tensor/tensor.h"

namespace tfsk::serving {

/// One functional op type.
struct FunctionalOp {
  NodeKind kind = NodeKind::kCall;
  /// Attrs of type func naming the functions, in CompiledNode::function_names order:
  /// {"f"} for calls, {"then_branch", "else_branch"} for If, {"cond", "body"} for While.
  /// Other attrs (Tcond, Tin, Tout, T, output_shapes, parallel_iterations) are not needed to run.
  std::vector<std::string_view> func_attrs;
  /// An attr of type list(func) whose functions follow func_attrs' (Case's "branches"), or "".
  std::string_view func_list_attr;
};

/// The functional op named `op`, or nullptr for any other op type (including an op named after
/// a library function, which the graph layer also treats as a call).
const FunctionalOp* FindFunctionalOp(std::string_view op);

/// TensorFlow's truth value of an If predicate or a While cond result (its ToBool rule): a
/// scalar is true when a bool is true, a number (float, double, int8/16/32/64, uint8) is not 0,
/// a string is not empty; a tensor of any other rank is true when it has at least one element,
/// whatever its values. A scalar of another dtype fails with InvalidArgument
/// "<dtype> cannot be converted to a boolean".
StatusOr<bool> PredicateValue(const Tensor& t);

/// The branch a Case runs for `branch_index` (an int32 scalar) among `num_branches`: the index
/// itself, or the last branch when it is out of range (TensorFlow's default branch).
/// InvalidArgument "branch_index must be scalar" for any other shape, and for another dtype.
StatusOr<int> CaseBranch(const Tensor& branch_index, int num_branches);

}  // namespace tfsk::serving
