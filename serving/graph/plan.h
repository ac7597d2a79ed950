#pragma once
// A pruned, ordered execution plan for one (feeds, fetches, targets) combination of a Body.
// Built once and cached, so a run does no name lookups: every tensor is a slot index.

#include <span>
#include <vector>

#include "lib/base/status.h"
#include "serving/graph/body.h"

namespace tfsk::serving {

struct PlanStep {
  int node = -1;
  std::vector<int> input_slots;  // one per data input of the node
  /// Parallel to input_slots: true where no later step or fetch reads that slot, so the run
  /// moves the value into the node instead of copying it (the last of repeated uses moves).
  std::vector<bool> last_use;
  int out_base = 0;     // slots [out_base, out_base + num_outputs) receive its outputs
  int num_outputs = 0;  // outputs anyone in the plan reads
};

struct Plan {
  std::vector<PlanStep> steps;  // dependency order
  int num_slots = 0;
  std::vector<int> feed_slots;   // parallel to the feeds
  std::vector<int> fetch_slots;  // parallel to the fetches
  /// Parallel to fetch_slots: true at a slot's last fetch, whose value the run moves out.
  std::vector<bool> fetch_last_use;
  std::size_t max_inputs = 0;  // the most data inputs of any step
};

/// The nodes needed to compute `fetches` and run `targets`, in dependency order. A fed tensor
/// cuts the graph: its producer is only needed when another of its outputs (or a control edge)
/// is. Fails on a dependency cycle.
StatusOr<std::vector<int>> NeededNodes(const Body& body, std::span<const Edge> feeds,
                                       std::span<const Edge> fetches, std::span<const int> targets);

/// Builds the plan. Fails (naming the node) when a needed node has no kernel, a compile error,
/// an unlinked function, or is a function argument that is not fed.
StatusOr<Plan> BuildPlan(const Body& body, std::span<const Edge> feeds,
                         std::span<const Edge> fetches, std::span<const int> targets);

}  // namespace tfsk::serving
