#include "serving/graph/plan.h"

#include <algorithm>
#include <unordered_map>
#include <unordered_set>

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
      TFSK_RETURN_IF_ERROR(push(dep));
    }
    return OkStatus();
  };
  for (const Edge& e : fetches) {
    if (!fed.count(Key(e))) TFSK_RETURN_IF_ERROR(run(e.node));
  }
  for (int t : targets) TFSK_RETURN_IF_ERROR(run(t));
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
  // The slot holding `e` (a feed, or an output of a node placed earlier in the order).
  const auto slot_of = [&](const Edge& e) {
    auto f = fed.find(Key(e));
    return f != fed.end() ? f->second : base[static_cast<std::size_t>(e.node)] + e.output;
  };
  for (int id : order) {
    const CompiledNode& n = body.nodes[static_cast<std::size_t>(id)];
    const std::string where = " (node '" + n.info.name + "')";
    if (!n.error.ok()) return n.error;
    // An Identity that is not fetched gets no step: its readers read its input's slot. TF1
    // graphs read every variable through one ("v/read") and TF2 functions end in them; each
    // step costs more than the kernel's work. The order of the other nodes is unchanged, so its
    // control inputs still run before its readers. Fetched ones keep their step (and their
    // errors); Executor::Execute names an elided one when its input turns out uninitialized.
    if (IsForwardingIdentity(n) && !fetched.count(id) && width[static_cast<std::size_t>(id)] <= 1) {
      if (n.inputs[0].node < 0) return Internal("Unresolved input" + where);
      base[static_cast<std::size_t>(id)] = slot_of(n.inputs[0]);
      continue;
    }
    switch (n.kind) {
      case NodeKind::kMissing:
        return Unimplemented("Op type not registered '" + n.info.op + "'" + where);
      case NodeKind::kArg:
        return InvalidArgument("Function argument '" + n.info.name + "' is not fed");
      case NodeKind::kCall:
      case NodeKind::kIf:
      case NodeKind::kWhile:
        for (std::size_t i = 0; i < n.function_names.size(); ++i) {
          if (n.functions[i] == nullptr) {
            return NotFound("Function '" + n.function_names[i] + "' not found in the library" +
                            where);
          }
        }
        break;
      case NodeKind::kKernel:
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
    step.out_base = plan.num_slots;
    base[static_cast<std::size_t>(id)] = step.out_base;
    plan.num_slots += step.num_outputs;
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
  return plan;
}

}  // namespace tfsk::serving
