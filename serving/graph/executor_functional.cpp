// The executor's nodes that run library functions: calls, If/StatelessIf, Case/StatelessCase
// and While/StatelessWhile (TF2's functional control flow). Each runs function bodies through
// Execute, so deadlines, node annotation and variable state work inside them as anywhere else.

#include "lib/base/coarse_clock.h"
#include "serving/graph/executor.h"
#include "serving/graph/functional_ops.h"

namespace tfsk::serving {
namespace {

std::string Quoted(const FunctionBody* fb) { return "'" + fb->name + "'"; }

/// If's and Case's outputs must match the Tout attr (when the node carries it), as TensorFlow
/// checks before handing a branch's results on. `op` names the op family in messages.
Status CheckDeclaredOutputs(const CompiledNode& n, const char* op, const FunctionBody* branch,
                            const std::vector<Tensor>& outputs) {
  auto tout = n.info.GetTypeList("Tout");
  if (!tout.ok()) return OkStatus();
  if (tout->size() != outputs.size()) {
    return Internal(std::string(op) + " branch " + Quoted(branch) + " returned " +
                    std::to_string(outputs.size()) + " tensors, but the node declares " +
                    std::to_string(tout->size()) + " outputs (Tout)");
  }
  for (std::size_t i = 0; i < outputs.size(); ++i) {
    if (outputs[i].valid() && outputs[i].dtype() != (*tout)[i]) {
      return Internal(std::string(op) + " branch " + Quoted(branch) + " output " +
                      std::to_string(i) + " is " + DataTypeName(outputs[i].dtype()) +
                      ", but Tout declares " + DataTypeName((*tout)[i]));
    }
  }
  return OkStatus();
}

}  // namespace

Status RunDeadlineExceeded() { return DeadlineExceeded("Timed out waiting for notification"); }

Status Executor::CallFunction(const FunctionBody* fb, std::span<const Tensor> args,
                              std::vector<Tensor>& rets, int depth, const RunOptions& options,
                              std::span<Tensor> owned_args) const {
  if (depth >= options_.max_call_depth) {
    return ResourceExhausted("Function call depth exceeds " +
                             std::to_string(options_.max_call_depth) + " (calling " + Quoted(fb) +
                             ")");
  }
  if (!fb->error.ok()) return fb->error;
  if (static_cast<int>(args.size()) != fb->num_args) {
    return InvalidArgument("Function " + Quoted(fb) + " takes " + std::to_string(fb->num_args) +
                           " arguments, got " + std::to_string(args.size()));
  }
  return Execute(fb->body, fb->plan, args, rets, depth + 1, options, owned_args);
}

Status Executor::RunFunctional(const CompiledNode& n, std::span<const Tensor> inputs,
                               std::vector<Tensor>& outputs, int depth,
                               const RunOptions& options) const {
  switch (n.kind) {
    case NodeKind::kCall:
      return CallFunction(n.functions[0], inputs, outputs, depth, options);
    case NodeKind::kIf: {
      // Input 0 is the predicate; the rest are the chosen branch's arguments.
      if (inputs.empty()) return InvalidArgument("If needs a predicate input (cond)");
      auto pred = PredicateValue(inputs[0]);
      if (!pred.ok()) return pred.status().WithPrefix("If predicate");
      const FunctionBody* branch = n.functions[*pred ? 0 : 1];
      TFSK_RETURN_IF_ERROR(CallFunction(branch, inputs.subspan(1), outputs, depth, options));
      return CheckDeclaredOutputs(n, "If", branch, outputs);
    }
    case NodeKind::kCase: {
      // Input 0 is the branch index; the rest are the chosen branch's arguments.
      if (inputs.empty()) return InvalidArgument("Case needs a branch_index input");
      auto index = CaseBranch(inputs[0], static_cast<int>(n.functions.size()));
      if (!index.ok()) return index.status();
      const FunctionBody* branch = n.functions[static_cast<std::size_t>(*index)];
      TFSK_RETURN_IF_ERROR(CallFunction(branch, inputs.subspan(1), outputs, depth, options));
      return CheckDeclaredOutputs(n, "Case", branch, outputs);
    }
    case NodeKind::kWhile:
      return RunWhile(n, inputs, outputs, depth, options);
    default:
      return Internal("Node '" + n.info.name + "' does not run a function");
  }
}

Status Executor::RunWhile(const CompiledNode& n, std::span<const Tensor> inputs,
                          std::vector<Tensor>& outputs, int depth,
                          const RunOptions& options) const {
  const FunctionBody* cond = n.functions[0];
  const FunctionBody* body = n.functions[1];
  const bool timed = options.deadline != std::chrono::steady_clock::time_point::max();
  std::vector<Tensor> vars(inputs.begin(), inputs.end());
  std::vector<Tensor> cond_out;
  std::vector<Tensor> next;
  // Only cond ends the loop (there is no iteration cap: a model may legitimately loop long);
  // the deadline is what bounds a runaway loop.
  while (true) {
    if (timed && CoarseSteadyNow() >= options.deadline) return RunDeadlineExceeded();
    TFSK_RETURN_IF_ERROR(CallFunction(cond, vars, cond_out, depth, options));
    if (cond_out.size() != 1) {
      return InvalidArgument("While cond " + Quoted(cond) + " must return a single scalar, got " +
                             std::to_string(cond_out.size()) + " tensors");
    }
    auto go_on = PredicateValue(cond_out[0]);
    if (!go_on.ok()) return go_on.status().WithPrefix("While cond " + Quoted(cond));
    if (!*go_on) break;
    // The body takes the loop variables over (they are replaced by its results below).
    TFSK_RETURN_IF_ERROR(CallFunction(body, vars, next, depth, options, vars));
    if (next.size() != vars.size()) {
      return InvalidArgument("While body " + Quoted(body) + " returned " +
                             std::to_string(next.size()) + " loop variables, expected " +
                             std::to_string(vars.size()));
    }
    vars.swap(next);
  }
  outputs = std::move(vars);
  return OkStatus();
}

}  // namespace tfsk::serving
