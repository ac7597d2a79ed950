#pragma once
// A pruned, ordered execution plan for one (feeds, fetches, targets) combination of a Body.
// Built once and cached, so a run does no name lookups: every tensor is a slot index.

#include <cstdint>
#include <optional>
#include <span>
#include <string>
#include <vector>

#include "lib/base/status.h"
#include "serving/graph/body.h"

namespace tfsk::serving {

/// One node of a plan, with everything the run loop reads copied out of the CompiledNode (which
/// is large and spread over several cache lines): the loop touches only this and the slots.
struct PlanStep {
  int node = -1;  // index into Body::nodes (error messages, functional ops)
  NodeKind kind = NodeKind::kMissing;
  KernelFn fn = nullptr;  // kKernel
  int ref_input = -1;     // KernelDef::ref_input: the one input that may be uninitialized
  int frame = -1;         // kFrameBegin/kFrameEnd: index into DataflowPlan::frames
  const NodeInfo* info = nullptr;
  std::span<const std::string> input_refs;  // CompiledNode::input_refs
  Variable* variable = nullptr;             // CompiledNode::variable
  int first_input = 0;  // this step's inputs are Plan::input_slots[first_input, +num_inputs)
  int num_inputs = 0;
  int out_base = 0;     // slots [out_base, out_base + num_outputs) receive its outputs
  int num_outputs = 0;  // outputs anyone in the plan reads
};

/// One while-loop frame of a dataflow plan: its steps lie between a kFrameBegin and a kFrameEnd
/// step, and the run repeats them once per iteration.
struct LoopFrame {
  std::string name;  // Enter's frame_name
  int begin = 0;     // index of its kFrameBegin step
  /// NextIteration outputs: dead when an iteration starts that they did not feed (iteration 0).
  std::vector<int> next_iteration_slots;
  /// Outputs of Enters that are not loop invariants: their value reaches iteration 0 only.
  std::vector<int> varying_enter_slots;
  /// Exit outputs: dead until an Exit runs live (the last iteration, normally).
  std::vector<int> exit_slots;
};

/// What a plan with TF1 dataflow control flow needs beyond the steps: which steps are control
/// inputs of which (a dead control input makes a node dead) and the loop frames.
struct DataflowPlan {
  /// Steps' control inputs (step indices), one run after another: step i's are
  /// controls[control_begin[i], control_begin[i + 1]).
  std::vector<int> controls;
  std::vector<int> control_begin;
  std::vector<LoopFrame> frames;
  /// Per fetch: the number TensorFlow's Session gives it in "Retval[N] does not have value"
  /// (its place among the sorted fetch names); the fetch's position unless Prepare sets it.
  std::vector<int> retval_index;

  std::span<const int> Controls(std::size_t step) const {
    return std::span<const int>(controls).subspan(
        static_cast<std::size_t>(control_begin[step]),
        static_cast<std::size_t>(control_begin[step + 1] - control_begin[step]));
  }
};

/// Points into the Body it was built from, which must outlive it unchanged.
struct Plan {
  std::vector<PlanStep> steps;  // dependency order
  int num_slots = 0;
  /// Every step's input slots, one run after another (one array: the loop streams through it).
  std::vector<int> input_slots;
  /// Parallel to input_slots: 1 where no later step or fetch reads that slot, so the run moves
  /// the value into the node instead of copying it (the last of repeated uses moves).
  std::vector<std::uint8_t> last_use;
  std::vector<int> feed_slots;   // parallel to the feeds
  std::vector<int> fetch_slots;  // parallel to the fetches
  /// Parallel to fetch_slots: true at a slot's last fetch, whose value the run moves out.
  std::vector<bool> fetch_last_use;
  std::size_t max_inputs = 0;  // the most data inputs of any step
  /// Set when a needed node is a dataflow control-flow op (Switch, Merge, Enter, …): the run
  /// then tracks dead tensors (Executor::ExecuteDataflow). Unset, the plain run loop runs the
  /// plan and pays nothing for deadness.
  std::optional<DataflowPlan> dataflow;

  std::span<const int> InputSlots(const PlanStep& step) const {
    return std::span<const int>(input_slots)
        .subspan(static_cast<std::size_t>(step.first_input),
                 static_cast<std::size_t>(step.num_inputs));
  }
  std::span<const std::uint8_t> LastUse(const PlanStep& step) const {
    return std::span<const std::uint8_t>(last_use).subspan(
        static_cast<std::size_t>(step.first_input), static_cast<std::size_t>(step.num_inputs));
  }
};

/// The nodes needed to compute `fetches` and run `targets`, in dependency order. A fed tensor
/// cuts the graph: its producer is only needed when another of its outputs (or a control edge)
/// is. Edges out of a NextIteration node are a while loop's back edges: they make it needed
/// but do not order it (it comes after its consumers). Fails on any other dependency cycle.
StatusOr<std::vector<int>> NeededNodes(const Body& body, std::span<const Edge> feeds,
                                       std::span<const Edge> fetches, std::span<const int> targets);

/// An Identity node with one data input: BuildPlan gives it no step unless it is fetched (its
/// readers read its input's slot).
bool IsForwardingIdentity(const CompiledNode& n);

/// Builds the plan. Fails (naming the node) when a needed node has no kernel, a compile error,
/// an unlinked function, or is a function argument that is not fed. With dataflow control flow
/// it also fails when the loop frames are malformed (see LayOutFrames) or a fetch lies inside
/// a loop.
StatusOr<Plan> BuildPlan(const Body& body, std::span<const Edge> feeds,
                         std::span<const Edge> fetches, std::span<const int> targets);

}  // namespace tfsk::serving
