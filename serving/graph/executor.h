#pragma once
// The graph executor of one loaded model: runs a GraphDef (plus its function library) the way a
// TensorFlow Session does, without TensorFlow.
//
// Typical use by the loader:
//   ExecutorOptions opts;
//   opts.checkpoint_reader = [&](const std::string& prefix, const std::string& name) {
//     return bundle_reader.Read(prefix, name);  // serving/savedmodel
//   };
//   TFSK_ASSIGN_OR_RETURN(auto exec, Executor::Create(meta_graph.graph_def(),
//                                                     meta_graph.meta_info_def().stripped_op_list(),
//                                                     std::move(opts)));
//   // restore: feed the variables prefix, run the restore op
//   exec->Run({{"save/Const:0", Tensor::Scalar<std::string>(dir + "/variables/variables")}},
//             {}, {"save/restore_all"});
//   // serve: prepare once per signature, then RunPrepared per request
//   auto prepared = exec->Prepare({"x:0"}, {"y:0"}, {});
//   exec->RunPrepared(**prepared, {x});

#include <chrono>
#include <map>
#include <memory>
#include <mutex>
#include <set>
#include <shared_mutex>
#include <span>
#include <string>
#include <unordered_map>
#include <vector>

#include "lib/base/status.h"
#include "serving/graph/body.h"
#include "serving/graph/function_library.h"
#include "serving/graph/op_defs.h"
#include "serving/graph/plan.h"
#include "serving/ops/kernel.h"
#include "serving/ops/variable_store.h"
#include "serving/proto/graph.pb.h"
#include "serving/proto/op_def.pb.h"
#include "serving/tensor/tensor.h"

namespace tfsk::serving {

struct ExecutorOptions {
  /// Used by RestoreV2; may be empty when the graph never restores.
  CheckpointReader checkpoint_reader;
  /// Nested function-call depth limit (guards against recursive libraries).
  int max_call_depth = 64;
};

/// Limits of one run.
struct RunOptions {
  /// Once this instant has passed the run stops with DEADLINE_EXCEEDED "Timed out waiting for
  /// notification" (TensorFlow's Session text, which TF Serving returns as HTTP 504). Checked
  /// before every node (also inside functions) and before every While iteration; a kernel that
  /// is already running finishes first — no thread is interrupted. The checks read the coarse
  /// clock (tfsk::CoarseSteadyNow), so a run may stop up to one kernel tick after the instant.
  /// Default: no deadline.
  std::chrono::steady_clock::time_point deadline = std::chrono::steady_clock::time_point::max();
};

/// A resolved (feeds, fetches, targets) combination of the top-level graph; create with
/// Executor::Prepare and keep it for the life of the Executor.
struct PreparedRun {
  std::vector<std::string> feed_names;
  std::vector<std::string> fetch_names;
  Plan plan;
};

/// Feeds, fetches and targets of one kind of run, for UnsupportedOps.
struct RunRoots {
  std::vector<std::string> feeds;    // tensor names
  std::vector<std::string> fetches;  // tensor names
  std::vector<std::string> targets;  // node names
};

class Executor {
 public:
  /// Compiles `graph` (and graph.library) once. `op_list` supplies OpDefs for attr defaults and
  /// output-arg names (MetaGraphDef.meta_info_def.stripped_op_list). Device placements are
  /// ignored. Ops without kernels do not fail here (see UnsupportedOps / Prepare).
  static StatusOr<std::unique_ptr<Executor>> Create(const tensorflow::GraphDef& graph,
                                                    const tensorflow::OpList& op_list,
                                                    ExecutorOptions options = {});

  /// Session::Run: computes `fetches` (tensor names "node" / "node:k") and runs `targets` (node
  /// names) given `feeds`, which may replace any tensor and cut the graph there. Only what the
  /// fetches and targets need runs. Plans are cached per (feed names, fetches, targets).
  /// Thread-safe.
  StatusOr<std::vector<Tensor>> Run(const std::map<std::string, Tensor>& feeds,
                                    const std::vector<std::string>& fetches,
                                    const std::vector<std::string>& targets = {},
                                    const RunOptions& options = {}) const;

  /// Resolves a run once (the hot path then does no name handling).
  StatusOr<std::shared_ptr<const PreparedRun>> Prepare(
      const std::vector<std::string>& feed_names, const std::vector<std::string>& fetches,
      const std::vector<std::string>& targets) const;

  /// Runs a prepared combination; `feed_values` parallel to its feed_names. Thread-safe.
  StatusOr<std::vector<Tensor>> RunPrepared(const PreparedRun& run,
                                            std::span<const Tensor> feed_values,
                                            const RunOptions& options = {}) const;
  /// The same, consuming the feeds: they move into the run instead of being copied, so the
  /// first elementwise node can write its result into a feed's buffer (see
  /// OpContext::ReusableInput).
  StatusOr<std::vector<Tensor>> RunPrepared(const PreparedRun& run,
                                            std::vector<Tensor>&& feed_values,
                                            const RunOptions& options = {}) const;

  /// Sorted op types without a kernel among the nodes these runs can execute (following
  /// function calls into their bodies). Unknown feed/fetch/target names fail.
  StatusOr<std::vector<std::string>> UnsupportedOps(const std::vector<RunRoots>& runs) const;

  /// Variable state of this model (shared by all runs).
  VariableStore& variables() const { return variables_; }

  /// The compiled top-level graph (plans index its nodes).
  const Body& graph() const { return graph_; }

 private:
  Executor() = default;
  // `owned_feeds`: empty, or the same tensors as `feeds` handed over to be moved from.
  Status Execute(const Body& body, const Plan& plan, std::span<const Tensor> feeds,
                 std::vector<Tensor>& fetched, int depth, const RunOptions& options,
                 std::span<Tensor> owned_feeds = {}) const;
  StatusOr<std::vector<Tensor>> RunPrepared(const PreparedRun& run,
                                            std::span<const Tensor> feed_values,
                                            std::span<Tensor> owned_feeds,
                                            const RunOptions& options) const;
  // Execute for a plan with TF1 dataflow control flow (executor_dataflow.cpp): tracks dead
  // tensors, runs Switch/Merge/Enter/Exit/NextIteration and repeats loop frames.
  Status ExecuteDataflow(const Body& body, const Plan& plan, std::span<const Tensor> feeds,
                         std::vector<Tensor>& fetched, int depth, const RunOptions& options,
                         std::span<Tensor> owned_feeds) const;
  // Runs one kernel or functional step on its gathered inputs (resetting them afterwards) and
  // checks it produced the outputs the plan reads; errors are annotated with the node.
  // Defined in executor_internal.h (inline: it is the hot loop's body).
  inline Status RunNodeStep(const Body& body, const PlanStep& step, std::span<Tensor> inputs,
                            std::vector<Tensor>& outputs, int depth,
                            const RunOptions& options) const;
  // Nodes that run library functions (executor_functional.cpp).
  Status RunFunctional(const CompiledNode& n, std::span<const Tensor> inputs,
                       std::vector<Tensor>& outputs, int depth, const RunOptions& options) const;
  /// Runs `fb` on `args`. With `owned_args` (the same tensors, which the caller gives up), the
  /// body takes them instead of copying, so a value nothing else holds stays unshared (a While
  /// body's TensorList is then changed in place rather than copied every iteration).
  Status CallFunction(const FunctionBody* fb, std::span<const Tensor> args,
                      std::vector<Tensor>& rets, int depth, const RunOptions& options,
                      std::span<Tensor> owned_args = {}) const;
  Status RunWhile(const CompiledNode& n, std::span<const Tensor> inputs,
                  std::vector<Tensor>& outputs, int depth, const RunOptions& options) const;
  StatusOr<std::shared_ptr<const PreparedRun>> CachedPrepare(
      const std::string& key, const std::vector<std::string>& feed_names,
      const std::vector<std::string>& fetches, const std::vector<std::string>& targets) const;

  ExecutorOptions options_;
  OpDefIndex op_defs_;
  Body graph_;
  std::unique_ptr<FunctionLibrary> library_;
  mutable VariableStore variables_;
  mutable std::shared_mutex cache_mu_;
  mutable std::unordered_map<std::string, std::shared_ptr<const PreparedRun>> cache_;
};

/// The status of a run whose RunOptions::deadline passed: DEADLINE_EXCEEDED
/// "Timed out waiting for notification".
Status RunDeadlineExceeded();

/// Sorted op types in `graph` (and every function of its library) that have no kernel, do
/// not run library functions (calls, If, While) and are not dataflow control flow (Switch,
/// Merge, Enter, …) — every op that could fail, ignoring reachability.
std::vector<std::string> AllUnsupportedOps(const tensorflow::GraphDef& graph);

}  // namespace tfsk::serving
