#pragma once
// A compiled node set — the top-level graph or one function body — built once at load time:
// node index by name, resolved input edges, kernel pointers and attrs with OpDef defaults.

#include <functional>
#include <memory>
#include <string>
#include <string_view>
#include <unordered_map>
#include <vector>

#include "lib/base/status.h"
#include "serving/graph/op_defs.h"
#include "serving/ops/kernel.h"
#include "serving/ops/node.h"
#include "serving/proto/node_def.pb.h"

namespace tfsk::serving {

/// One tensor of a body: output `output` of node `node` (an index into Body::nodes).
struct Edge {
  int node = -1;
  int output = 0;
  friend bool operator==(const Edge&, const Edge&) = default;
};

struct FunctionBody;

enum class NodeKind {
  kKernel,   // run by a registered kernel
  kCall,     // StatefulPartitionedCall / PartitionedCall / an op named after a library function
  kIf,       // If / StatelessIf: runs then_branch or else_branch
  kWhile,    // While / StatelessWhile: runs body while cond holds
  kCase,     // Case / StatelessCase: runs branches[branch_index] (the last when out of range)
  kArg,      // a function argument: always fed by the caller
  kMissing,  // no kernel: an error only if a run needs it
  // TF1 dataflow control flow (serving/graph/dataflow_ops.h), run only by the executor's
  // deadness-aware loop (executor_dataflow.cpp).
  kSwitch,          // Switch / RefSwitch: forwards input 0 to output pred ? 1 : 0, the other dead
  kMerge,           // Merge / RefMerge: its first live input, and that input's index
  kEnter,           // Enter / RefEnter: a value entering a while-loop frame
  kExit,            // Exit / RefExit: a value leaving a while-loop frame
  kNextIteration,   // NextIteration / RefNextIteration: a value for the next iteration's Merge
  kLoopCond,        // LoopCond: forwards the loop predicate
  kControlTrigger,  // ControlTrigger: a NoOp that runs even when its inputs are dead
  // Plan-only markers around a while-loop frame's steps (never a CompiledNode's kind).
  kFrameBegin,
  kFrameEnd,
};

struct CompiledNode {
  NodeInfo info;
  NodeKind kind = NodeKind::kMissing;
  const KernelDef* kernel = nullptr;  // kKernel
  /// Library functions the node runs: kCall {f}; kIf {then_branch, else_branch};
  /// kWhile {cond, body}; kCase the `branches` in order. `functions` is parallel, linked after
  /// every body is compiled (nullptr when the library lacks that function).
  std::vector<std::string> function_names;
  std::vector<const FunctionBody*> functions;
  std::vector<Edge> inputs;             // data inputs, in order
  std::vector<int> controls;            // `^node` inputs
  std::vector<std::string> input_refs;  // per input: variable key when fed by VariableV2
  /// VariableV2/Variable of the top-level graph: its store entry, resolved when the executor
  /// is created so a read takes no store lookup.
  std::shared_ptr<Variable> variable;
  Status error;  // a compile problem, reported when a run needs the node
};

/// The compiled nodes of a graph or function body.
struct Body {
  std::vector<CompiledNode> nodes;
  std::unordered_map<std::string, int> by_name;

  /// Index of node `name`, or -1.
  int Find(std::string_view name) const;
};

/// Compiles `nodes`. For a function body (`arg_names` given, possibly empty with
/// `function_body` set), inputs are written `arg`, `node:output_arg:index` or `^node` and the
/// arguments become kArg nodes 0..n-1; otherwise inputs are `node`, `node:index` or `^node`.
/// `is_function(op)` tells whether an op type names a library function. Only structural errors
/// (duplicate node names, inputs naming unknown nodes) fail; per-node problems are recorded in
/// CompiledNode::error.
StatusOr<Body> CompileBody(const google::protobuf::RepeatedPtrField<tensorflow::NodeDef>& nodes,
                           const OpDefIndex& op_defs, bool function_body,
                           const std::vector<std::string>& arg_names,
                           const std::function<bool(std::string_view)>& is_function);

/// Parses a tensor name "node", "node:3" of the top-level graph into an Edge of `body`.
StatusOr<Edge> ResolveTensorName(const Body& body, std::string_view name);

/// Parses a function-body reference ("arg", "node:output_arg:index") into an Edge of `body`.
StatusOr<Edge> ResolveFunctionRef(const Body& body, const OpDefIndex& op_defs,
                                  std::string_view ref);

}  // namespace tfsk::serving
