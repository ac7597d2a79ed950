// The executor's run loop for plans with TF1 dataflow control flow (Switch/Merge from tf.cond,
// Enter/Exit/NextIteration/LoopCond from tf.while_loop), following TensorFlow's executor:
//
// * A tensor may be dead (carry no value). Switch forwards its data to output 1 when the
//   predicate is true, else to output 0; the other output is dead.
// * A node with a dead data input or a dead control input does not run and its outputs are
//   dead; a dead node's control edges carry deadness on. Merge is the exception: it forwards its
//   first live data input (output 0) and that input's index (output 1, int32), and is dead only
//   when every data input is; its control inputs only order it. ControlTrigger is never dead.
// * A while loop's frame (its steps between kFrameBegin and kFrameEnd) runs once per iteration,
//   in order: Enter values reach iteration 0 (a loop invariant, is_constant, every iteration),
//   each Merge then reads its NextIteration, and the frame repeats while some NextIteration
//   produced a live value. Exit values leave when they are live (the iteration whose LoopCond
//   was false); an Exit that never ran live is dead outside the loop.
// * A fetch that is dead fails the run like TensorFlow's Session: INVALID_ARGUMENT
//   "Retval[N] does not have value".
//
// Plans without these ops never come here (Executor::Execute checks Plan::dataflow once).

#include <algorithm>
#include <cstdint>
#include <string>

#include "lib/base/coarse_clock.h"
#include "serving/graph/executor.h"
#include "serving/graph/executor_internal.h"

namespace tfsk::serving {
namespace {

/// A loop frame being run: which iteration, and whether a NextIteration of it produced a value
/// (so another iteration follows).
struct FrameRun {
  int frame = 0;
  std::int64_t iteration = 0;
  bool next = false;
};

/// Switch's predicate: a bool scalar, as TensorFlow's SwitchOp requires.
StatusOr<bool> SwitchPredicate(const Tensor& pred) {
  if (!pred.valid()) return FailedPrecondition("Switch predicate holds no value");
  if (pred.rank() != 0) {
    return InvalidArgument("The second input must be a scalar, but it has shape " +
                           ShapeString(pred.shape()));
  }
  if (pred.dtype() != DataType::kBool) {
    return InvalidArgument("The second input of Switch must be bool, got " +
                           DataTypeName(pred.dtype()));
  }
  return pred.flat<bool>()[0];
}

}  // namespace

Status Executor::ExecuteDataflow(const Body& body, const Plan& plan, std::span<const Tensor> feeds,
                                 std::vector<Tensor>& fetched, int depth, const RunOptions& options,
                                 std::span<Tensor> owned_feeds) const {
  const DataflowPlan& flow = *plan.dataflow;
  const bool timed = options.deadline != std::chrono::steady_clock::time_point::max();
  const auto num_slots = static_cast<std::size_t>(plan.num_slots);
  std::vector<Tensor> slots(num_slots + plan.max_inputs);
  Tensor* const input_area = slots.data() + num_slots;
  std::vector<std::uint8_t> dead(num_slots, 0);               // per slot
  std::vector<std::uint8_t> step_dead(plan.steps.size(), 0);  // per step, for control edges
  for (std::size_t i = 0; i < plan.feed_slots.size(); ++i) {
    Tensor& slot = slots[static_cast<std::size_t>(plan.feed_slots[i])];
    slot = owned_feeds.empty() ? feeds[i] : std::move(owned_feeds[i]);
  }
  const auto kill = [&](int slot) {
    slots[static_cast<std::size_t>(slot)] = Tensor();
    dead[static_cast<std::size_t>(slot)] = 1;
  };
  const auto store = [&](int slot, Tensor value) {
    slots[static_cast<std::size_t>(slot)] = std::move(value);
    dead[static_cast<std::size_t>(slot)] = 0;
  };
  std::vector<FrameRun> frames;  // the loop frames entered, innermost last
  std::vector<Tensor> outputs;
  for (std::size_t pc = 0; pc < plan.steps.size(); ++pc) {
    // Every step, and so every loop iteration, checks the deadline: it bounds a runaway loop.
    if (timed && CoarseSteadyNow() >= options.deadline) return RunDeadlineExceeded();
    const PlanStep& step = plan.steps[pc];
    if (step.kind == NodeKind::kFrameBegin) {
      const LoopFrame& lf = flow.frames[static_cast<std::size_t>(step.frame)];
      for (int s : lf.next_iteration_slots) kill(s);
      for (int s : lf.exit_slots) kill(s);
      frames.push_back(FrameRun{step.frame});
      continue;
    }
    if (step.kind == NodeKind::kFrameEnd) {
      FrameRun& run = frames.back();
      if (!run.next) {
        frames.pop_back();
        continue;
      }
      const LoopFrame& lf = flow.frames[static_cast<std::size_t>(run.frame)];
      if (run.iteration == 0) {
        for (int s : lf.varying_enter_slots) kill(s);
      }
      ++run.iteration;
      run.next = false;
      pc = static_cast<std::size_t>(lf.begin);  // ++pc: the frame's first step
      continue;
    }
    // An Enter's value reaches iteration 0; a loop invariant keeps its slot for the others.
    if (step.kind == NodeKind::kEnter && !frames.empty() && frames.back().iteration > 0) continue;

    const std::span<const int> in = plan.InputSlots(step);
    const std::span<const std::uint8_t> last_use = plan.LastUse(step);
    // Input k as this step's own value: moved when nothing later reads the slot.
    const auto take = [&](std::size_t k) -> Tensor {
      Tensor& slot = slots[static_cast<std::size_t>(in[k])];
      return last_use[k] != 0 ? std::move(slot) : slot;
    };
    bool is_dead = false;
    int live = -1;  // Merge: the input it forwards
    if (step.kind == NodeKind::kMerge) {
      for (std::size_t k = 0; k < in.size() && live < 0; ++k) {
        if (dead[static_cast<std::size_t>(in[k])] == 0) live = static_cast<int>(k);
      }
      is_dead = live < 0;
    } else if (step.kind != NodeKind::kControlTrigger) {
      for (int c : flow.Controls(pc)) is_dead = is_dead || step_dead[static_cast<std::size_t>(c)];
      for (int s : in) is_dead = is_dead || dead[static_cast<std::size_t>(s)];
    }
    step_dead[pc] = is_dead ? 1 : 0;
    if (is_dead) {
      // A dead Exit leaves nothing behind: its frame's Exit slots start dead, and a live
      // value from an earlier iteration stays.
      if (step.kind != NodeKind::kExit) {
        for (int i = 0; i < step.num_outputs; ++i) kill(step.out_base + i);
      }
      continue;
    }
    const CompiledNode& n = body.nodes[static_cast<std::size_t>(step.node)];
    switch (step.kind) {
      case NodeKind::kSwitch: {
        if (in.size() != 2) {
          return Annotate(InvalidArgument("Switch takes 2 inputs (data, pred), got " +
                                          std::to_string(in.size())),
                          n);
        }
        auto pred = SwitchPredicate(slots[static_cast<std::size_t>(in[1])]);
        if (!pred.ok()) return Annotate(pred.status(), n);
        const int taken = *pred ? 1 : 0;
        for (int i = 0; i < step.num_outputs; ++i) {
          if (i == taken) {
            store(step.out_base + i, take(0));
          } else {
            kill(step.out_base + i);
          }
        }
        continue;
      }
      case NodeKind::kMerge:
        if (step.num_outputs > 0) store(step.out_base, take(static_cast<std::size_t>(live)));
        if (step.num_outputs > 1) store(step.out_base + 1, Tensor::Scalar<std::int32_t>(live));
        continue;
      case NodeKind::kEnter:
      case NodeKind::kExit:
      case NodeKind::kNextIteration:
      case NodeKind::kLoopCond:
        if (in.empty()) return Annotate(InvalidArgument(n.info.op + " takes 1 input, got 0"), n);
        if (step.kind == NodeKind::kNextIteration && !frames.empty()) frames.back().next = true;
        if (step.num_outputs > 0) store(step.out_base, take(0));
        continue;
      case NodeKind::kControlTrigger:
        continue;
      default:
        break;
    }
    for (std::size_t k = 0; k < in.size(); ++k) {
      input_area[k] = take(k);
      if (!input_area[k].valid() && static_cast<int>(k) != step.ref_input) {
        return UninitializedInput(body, n, k);
      }
    }
    TFSK_RETURN_IF_ERROR(
        RunNodeStep(body, step, std::span<Tensor>(input_area, in.size()), outputs, depth, options));
    for (int i = 0; i < step.num_outputs; ++i) {
      store(step.out_base + i, std::move(outputs[static_cast<std::size_t>(i)]));
    }
  }
  // TensorFlow reports the dead fetch that comes first in its own (sorted) numbering.
  int dead_retval = -1;
  for (std::size_t i = 0; i < plan.fetch_slots.size(); ++i) {
    if (dead[static_cast<std::size_t>(plan.fetch_slots[i])] == 0) continue;
    const int r = flow.retval_index[i];
    if (dead_retval < 0 || r < dead_retval) dead_retval = r;
  }
  if (dead_retval >= 0) {
    return InvalidArgument("Retval[" + std::to_string(dead_retval) + "] does not have value");
  }
  TakeFetches(plan, slots, fetched);
  return OkStatus();
}

}  // namespace tfsk::serving
