#include "serving/graph/plan.h"

#include <algorithm>
#include <functional>
#include <string>
#include <unordered_map>
#include <unordered_set>

#include "serving/graph/dataflow_ops.h"
#include "serving/graph/loop_frames.h"

namespace tfsk::serving {
namespace {

std::uint64_t Key(const Edge& e) {
  return (static_cast<std::uint64_t>(static_cast<std::uint32_t>(e.node)) << 32) |
         static_cast<std::uint32_t>(e.output);
}

}  // namespace

StatusOr<std::vector<int>> NeededNodes(const Body& body, std::span<const Edge> feeds,
                                       std::span<const Edge> fetches,
                                       std::span<const int> targets) {
  std::unordered_map<std::uint64_t, int> fed;
  for (const Edge& f : feeds) fed.emplace(Key(f), 0);
  enum : char { kUnseen, kActive, kDone };
  std::vector<char> state(body.nodes.size(), kUnseen);
  std::vector<int> order;
  // Iterative DFS (post-order) so deep graphs cannot overflow the stack.
  struct Frame {
    int node;
    std::size_t next;  // next dependency to visit: data inputs first, then controls
  };
  std::vector<Frame> stack;
  // NextIteration nodes reached over a back edge: visited after the roots, so the loop body
  // they close comes after the Merge that reads them instead of forming a cycle.
  std::vector<int> back_edge_sources;
  auto push = [&](int node) -> Status {
    const auto u = static_cast<std::size_t>(node);
    if (state[u] == kDone) return OkStatus();
    if (state[u] == kActive) {
      return InvalidArgument("Graph contains a cycle through node '" + body.nodes[u].info.name +
                             "'");
    }
    state[u] = kActive;
    stack.push_back({node, 0});
    return OkStatus();
  };
  auto run = [&](int root) -> Status {
    TFSK_RETURN_IF_ERROR(push(root));
    while (!stack.empty()) {
      Frame& f = stack.back();
      const CompiledNode& n = body.nodes[static_cast<std::size_t>(f.node)];
      const std::size_t total = n.inputs.size() + n.controls.size();
      if (f.next == total) {
        state[static_cast<std::size_t>(f.node)] = kDone;
        order.push_back(f.node);
        stack.pop_back();
        continue;
      }
      const std::size_t i = f.next++;
      int dep;
      if (i < n.inputs.size()) {
        const Edge& e = n.inputs[i];
        if (e.node < 0 || fed.count(Key(e))) continue;
        dep = e.node;
      } else {
        dep = n.controls[i - n.inputs.size()];
      }
      if (body.nodes[static_cast<std::size_t>(dep)].kind == NodeKind::kNextIteration) {
        if (state[static_cast<std::size_t>(dep)] == kUnseen) back_edge_sources.push_back(dep);
        continue;
      }
      TFSK_RETURN_IF_ERROR(push(dep));
    }
    return OkStatus();
  };
  for (const Edge& e : fetches) {
    if (!fed.count(Key(e))) TFSK_RETURN_IF_ERROR(run(e.node));
  }
  for (int t : targets) TFSK_RETURN_IF_ERROR(run(t));
  for (std::size_t i = 0; i < back_edge_sources.size(); ++i) {  // grows while it runs
    const int next = back_edge_sources[i];
    if (state[static_cast<std::size_t>(next)] == kUnseen) TFSK_RETURN_IF_ERROR(run(next));
  }
  return order;
}

namespace {

/// Fills fetch_last_use and each step's last_use by walking the fetches and then the plan
/// backwards: a slot read by nothing later (and not fetched) can be handed to its reader, and a
/// slot's last fetch takes the value itself.
void MarkLastUses(Plan& plan) {
  std::vector<bool> read_later(static_cast<std::size_t>(plan.num_slots), false);
  plan.fetch_last_use.assign(plan.fetch_slots.size(), false);
  for (std::size_t i = plan.fetch_slots.size(); i-- > 0;) {
    const auto s = static_cast<std::size_t>(plan.fetch_slots[i]);
    plan.fetch_last_use[i] = !read_later[s];
    read_later[s] = true;
  }
  plan.last_use.assign(plan.input_slots.size(), 0);
  for (std::size_t k = plan.input_slots.size(); k-- > 0;) {  // steps' inputs, last step first
    const auto s = static_cast<std::size_t>(plan.input_slots[k]);
    plan.last_use[k] = read_later[s] ? 0 : 1;
    read_later[s] = true;
  }
}

}  // namespace

bool IsForwardingIdentity(const CompiledNode& n) {
  return n.kind == NodeKind::kKernel && n.inputs.size() == 1 && n.info.op == "Identity";
}

namespace {

/// Fills plan.dataflow: control inputs as step indices, the loop frames' slots, and which reads
/// may move. A slot may be moved from only by a reader in the frame that wrote it (a frame's
/// steps rewrite their slots every iteration before reading them again); an Enter's output, a
/// loop invariant, and values crossing into or out of a frame are copied.
Status AddDataflow(const Body& body, const FrameLayout& layout, std::span<const Edge> fetches,
                   const std::function<bool(const Edge&)>& is_fed, Plan& plan) {
  DataflowPlan df;
  const auto frame_of = [&](int node) { return layout.frame_of[static_cast<std::size_t>(node)]; };
  for (const Edge& e : fetches) {
    if (is_fed(e)) continue;
    const CompiledNode& n = body.nodes[static_cast<std::size_t>(e.node)];
    int f = frame_of(e.node);
    if (n.kind == NodeKind::kExit) f = layout.frames[static_cast<std::size_t>(f)].parent;
    if (f != 0) {
      return InvalidArgument("Fetch tensor " + n.info.name + ":" + std::to_string(e.output) +
                             " is inside while loop frame '" +
                             layout.frames[static_cast<std::size_t>(f)].name +
                             "'; only tensors outside loops can be fetched");
    }
  }
  std::vector<int> step_of(body.nodes.size(), -1);
  for (std::size_t i = 0; i < plan.steps.size(); ++i) {
    if (plan.steps[i].node >= 0)
      step_of[static_cast<std::size_t>(plan.steps[i].node)] = static_cast<int>(i);
  }
  df.frames.resize(layout.frames.size());
  for (std::size_t f = 0; f < layout.frames.size(); ++f) df.frames[f].name = layout.frames[f].name;
  std::vector<int> slot_frame(static_cast<std::size_t>(plan.num_slots), 0);  // feeds: root
  std::vector<bool> slot_from_enter(static_cast<std::size_t>(plan.num_slots), false);
  df.control_begin.push_back(0);
  for (std::size_t i = 0; i < plan.steps.size(); ++i) {
    const PlanStep& step = plan.steps[i];
    if (step.kind == NodeKind::kFrameBegin)
      df.frames[static_cast<std::size_t>(step.frame)].begin = static_cast<int>(i);
    if (step.node >= 0) {
      const CompiledNode& n = body.nodes[static_cast<std::size_t>(step.node)];
      for (int c : n.controls) {
        if (step_of[static_cast<std::size_t>(c)] >= 0)
          df.controls.push_back(step_of[static_cast<std::size_t>(c)]);
      }
      const int f = frame_of(step.node);
      LoopFrame& frame = df.frames[static_cast<std::size_t>(f)];
      for (int k = 0; k < step.num_outputs; ++k) {
        const auto slot = static_cast<std::size_t>(step.out_base + k);
        slot_frame[slot] = f;
        slot_from_enter[slot] = step.kind == NodeKind::kEnter;
      }
      if (step.num_outputs > 0) {
        if (step.kind == NodeKind::kNextIteration)
          frame.next_iteration_slots.push_back(step.out_base);
        if (step.kind == NodeKind::kExit) frame.exit_slots.push_back(step.out_base);
        if (step.kind == NodeKind::kEnter && !ReadEnterAttrs(n.info)->is_constant) {
          frame.varying_enter_slots.push_back(step.out_base);
        }
      }
    }
    df.control_begin.push_back(static_cast<int>(df.controls.size()));
  }
  for (const PlanStep& step : plan.steps) {
    if (step.node < 0) continue;
    const int f = frame_of(step.node);
    for (int k = 0; k < step.num_inputs; ++k) {
      const auto at = static_cast<std::size_t>(step.first_input + k);
      const auto slot = static_cast<std::size_t>(plan.input_slots[at]);
      if (slot_frame[slot] != f || slot_from_enter[slot]) plan.last_use[at] = 0;
    }
  }
  df.retval_index.resize(fetches.size());
  for (std::size_t i = 0; i < fetches.size(); ++i) df.retval_index[i] = static_cast<int>(i);
  plan.dataflow = std::move(df);
  return OkStatus();
}

}  // namespace

StatusOr<Plan> BuildPlan(const Body& body, std::span<const Edge> feeds,
                         std::span<const Edge> fetches, std::span<const int> targets) {
  TFSK_ASSIGN_OR_RETURN(std::vector<int> order, NeededNodes(body, feeds, fetches, targets));
  Plan plan;
  std::unordered_map<std::uint64_t, int> fed;
  for (const Edge& f : feeds) {
    auto [it, inserted] = fed.emplace(Key(f), plan.num_slots);
    plan.feed_slots.push_back(it->second);
    if (inserted) ++plan.num_slots;
  }
  const std::function<bool(const Edge&)> is_fed = [&fed](const Edge& e) {
    return fed.count(Key(e)) != 0;
  };
  // Dataflow control flow (Switch, Merge, loops) needs the deadness-aware run and a layout by
  // loop frame; any other plan keeps the dependency order and the plain run.
  const bool dataflow = std::any_of(order.begin(), order.end(), [&](int id) {
    return IsDataflowKind(body.nodes[static_cast<std::size_t>(id)].kind);
  });
  FrameLayout layout;
  if (dataflow) {
    TFSK_ASSIGN_OR_RETURN(layout, LayOutFrames(body, order, is_fed));
  } else {
    for (int id : order) layout.items.push_back(LayoutItem{id});
  }
  // How many outputs of each needed node are read (by steps or fetches).
  std::vector<int> width(body.nodes.size(), 0);
  auto use = [&](const Edge& e) {
    if (!fed.count(Key(e))) {
      auto& w = width[static_cast<std::size_t>(e.node)];
      w = std::max(w, e.output + 1);
    }
  };
  for (int id : order) {
    for (const Edge& e : body.nodes[static_cast<std::size_t>(id)].inputs) use(e);
  }
  for (const Edge& e : fetches) use(e);
  std::unordered_set<int> fetched;
  for (const Edge& e : fetches) fetched.insert(e.node);
  std::vector<int> base(body.nodes.size(), -1);
  std::vector<char> elided(body.nodes.size(), 0);
  // The slot holding `e` (a feed, or an output of a node given its slots).
  const auto slot_of = [&](const Edge& e) {
    auto f = fed.find(Key(e));
    return f != fed.end() ? f->second : base[static_cast<std::size_t>(e.node)] + e.output;
  };
  // Pass 1: every node's output slots, before any step reads them (a loop's Merge reads the
  // NextIteration laid out after it).
  for (const LayoutItem& item : layout.items) {
    if (item.node < 0) continue;
    const auto id = static_cast<std::size_t>(item.node);
    const CompiledNode& n = body.nodes[id];
    // An Identity that is not fetched gets no step: its readers read its input's slot. TF1
    // graphs read every variable through one ("v/read") and TF2 functions end in them; each
    // step costs more than the kernel's work. The order of the other nodes is unchanged, so its
    // control inputs still run before its readers. Fetched ones keep their step (and their
    // errors); Executor::Execute names an elided one when its input turns out uninitialized.
    // A dataflow plan keeps them all: deadness also flows along their control inputs.
    if (!dataflow && n.error.ok() && IsForwardingIdentity(n) && !fetched.count(item.node) &&
        width[id] <= 1 && n.inputs[0].node >= 0) {
      base[id] = slot_of(n.inputs[0]);
      elided[id] = 1;
      continue;
    }
    base[id] = plan.num_slots;
    plan.num_slots += width[id];
  }
  // Pass 2: the steps.
  for (const LayoutItem& item : layout.items) {
    if (item.node < 0) {
      PlanStep marker;
      marker.kind = item.marker;
      marker.frame = item.frame;
      marker.first_input = static_cast<int>(plan.input_slots.size());
      plan.steps.push_back(marker);
      continue;
    }
    const int id = item.node;
    const CompiledNode& n = body.nodes[static_cast<std::size_t>(id)];
    const std::string where = " (node '" + n.info.name + "')";
    if (!n.error.ok()) return n.error;
    if (elided[static_cast<std::size_t>(id)]) continue;
    switch (n.kind) {
      case NodeKind::kMissing:
        return Unimplemented("Op type not registered '" + n.info.op + "'" + where);
      case NodeKind::kArg:
        return InvalidArgument("Function argument '" + n.info.name + "' is not fed");
      case NodeKind::kCall:
      case NodeKind::kIf:
      case NodeKind::kWhile:
      case NodeKind::kCase:
        for (std::size_t i = 0; i < n.function_names.size(); ++i) {
          if (n.functions[i] == nullptr) {
            return NotFound("Function '" + n.function_names[i] + "' not found in the library" +
                            where);
          }
        }
        break;
      case NodeKind::kFrameBegin:
      case NodeKind::kFrameEnd:
        return Internal("Plan marker kind on a node" + where);
      default:  // kernels and dataflow control flow
        break;
    }
    PlanStep step;
    step.node = id;
    step.kind = n.kind;
    if (n.kernel != nullptr) {
      step.fn = n.kernel->fn;
      step.ref_input = n.kernel->ref_input;
    }
    step.info = &n.info;
    step.input_refs = n.input_refs;
    step.variable = n.variable.get();
    step.num_outputs = width[static_cast<std::size_t>(id)];
    step.out_base = base[static_cast<std::size_t>(id)];
    step.first_input = static_cast<int>(plan.input_slots.size());
    for (const Edge& e : n.inputs) {
      if (e.node < 0) return Internal("Unresolved input" + where);
      plan.input_slots.push_back(slot_of(e));
    }
    step.num_inputs = static_cast<int>(n.inputs.size());
    plan.max_inputs = std::max(plan.max_inputs, n.inputs.size());
    plan.steps.push_back(step);
  }
  for (const Edge& e : fetches) plan.fetch_slots.push_back(slot_of(e));
  MarkLastUses(plan);
  if (dataflow) TFSK_RETURN_IF_ERROR(AddDataflow(body, layout, fetches, is_fed, plan));
  return plan;
}

}  // namespace tfsk::serving
