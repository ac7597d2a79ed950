#pragma once
// What the executor's two run loops (executor.cpp, executor_dataflow.cpp) share: running one
// step, the errors they report about a node, and handing the fetched values out.

#include <cstddef>
#include <vector>

#include "lib/base/status.h"
#include "serving/graph/body.h"
#include "serving/graph/executor.h"
#include "serving/graph/plan.h"
#include "serving/tensor/tensor.h"

namespace tfsk::serving {

/// `st` with TensorFlow's "\n\t [[{{node NAME}}]]" suffix naming `n`, unless it already names a
/// node (the innermost one is kept) or is the run's DEADLINE_EXCEEDED (TensorFlow's exact text).
Status Annotate(const Status& st, const CompiledNode& n);

/// FAILED_PRECONDITION "Attempting to use uninitialized value V" for input k of `n`, raised by
/// the first reader: an Identity without a step (see BuildPlan) before `n`, as TensorFlow does.
Status UninitializedInput(const Body& body, const CompiledNode& n, std::size_t k);

/// Fills `fetched` from a finished run's `slots` (which die with the run): each value moves out,
/// only a slot fetched again further on is copied.
void TakeFetches(const Plan& plan, std::vector<Tensor>& slots, std::vector<Tensor>& fetched);

// Both run loops run a step through this one definition; it is forced inline because it sits
// in the plain loop, the hot path (called, it costs ~300 instructions per request of
// half_plus_two, measured with callgrind).
[[gnu::always_inline]] inline Status Executor::RunNodeStep(const Body& body, const PlanStep& step,
                                                           std::span<Tensor> inputs,
                                                           std::vector<Tensor>& outputs, int depth,
                                                           const RunOptions& options) const {
  // The compiled node is only needed off the kernel path: for functional steps and errors.
  auto node = [&]() -> const CompiledNode& {
    return body.nodes[static_cast<std::size_t>(step.node)];
  };
  outputs.clear();
  Status st;
  if (step.kind == NodeKind::kKernel) {
    // The node may take its inputs: they are this run's own copies, reset below.
    OpContext ctx{
        *step.info,         inputs, step.input_refs, variables_, options_.checkpoint_reader,
        std::move(outputs), inputs, step.variable};
    st = step.fn(ctx);
    outputs = std::move(ctx.outputs);
  } else {
    st = RunFunctional(node(), inputs, outputs, depth, options);
  }
  for (Tensor& t : inputs) t = Tensor();
  if (!st.ok()) return Annotate(st, node());
  if (static_cast<int>(outputs.size()) < step.num_outputs) {
    return Annotate(InvalidArgument("Node produced " + std::to_string(outputs.size()) +
                                    " outputs, but output " + std::to_string(step.num_outputs - 1) +
                                    " is used"),
                    node());
  }
  return OkStatus();
}

}  // namespace tfsk::serving
