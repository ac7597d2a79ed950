#pragma once
// A pruned, ordered execution plan for one (feeds, fetches, targets) combination of a Body.
// Built once and cached, so a run does no name lookups: every tensor is a slot index.

#include <cstdint>
#include <span>
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
  const NodeInfo* info = nullptr;
  std::span<const std::string> input_refs;  // CompiledNode::input_refs
  Variable* variable = nullptr;             // CompiledNode::variable
  int first_input = 0;  // this step's inputs are Plan::input_slots[first_input, +num_inputs)
  int num_inputs = 0;
  int out_base = 0;     // slots [out_base, out_base + num_outputs) receive its outputs
  int num_outputs = 0;  // outputs anyone in the plan reads
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
/// is. Fails on a dependency cycle.
StatusOr<std::vector<int>> NeededNodes(const Body& body, std::span<const Edge> feeds,
                                       std::span<const Edge> fetches, std::span<const int> targets);

/// An Identity node with one data input: BuildPlan gives it no step unless it is fetched (its
/// readers read its input's slot).
bool IsForwardingIdentity(const CompiledNode& n);

/// Builds the plan. Fails (naming the node) when a needed node has no kernel, a compile error,
/// an unlinked function, or is a function argument that is not fed.
StatusOr<Plan> BuildPlan(const Body& body, std::span<const Edge> feeds,
                         std::span<const Edge> fetches, std::span<const int> targets);

}  // namespace tfsk::serving
