#include "serving/graph/executor.h"

#include <algorithm>
#include <unordered_set>

#include "lib/base/coarse_clock.h"
#include "serving/graph/dataflow_ops.h"
#include "serving/graph/executor_internal.h"
#include "serving/graph/functional_ops.h"

namespace tfsk::serving {

// TensorFlow names the failing node after the message; keep only the innermost one. A deadline
// is the run's, not a node's fault: its text stays exactly TensorFlow's.
Status Annotate(const Status& st, const CompiledNode& n) {
  if (st.code() == Code::kDeadlineExceeded) return st;
  if (st.message().find("[[{{node ") != std::string::npos) return st;
  return Status(st.code(), st.message() + "\n\t [[{{node " + n.info.name + "}}]]");
}

// Input k of `n` holds no value. The first reader raises it: an Identity without a step (see
// BuildPlan) before `n` would have, naming its own source, as TensorFlow does.
Status UninitializedInput(const Body& body, const CompiledNode& n, std::size_t k) {
  const CompiledNode* reader = &n;
  const CompiledNode* source = &body.nodes[static_cast<std::size_t>(n.inputs[k].node)];
  while (IsForwardingIdentity(*source)) {
    reader = source;
    source = &body.nodes[static_cast<std::size_t>(source->inputs[0].node)];
  }
  return Annotate(FailedPrecondition("Attempting to use uninitialized value " + source->info.name),
                  *reader);
}

namespace {

/// Bounded plan cache: distinct combinations come from request shapes (output filters), so a
/// hostile client could otherwise grow it without limit.
constexpr std::size_t kMaxCachedPlans = 1024;

std::string CacheKey(const std::map<std::string, Tensor>& feeds,
                     const std::vector<std::string>& fetches,
                     const std::vector<std::string>& targets) {
  std::string key;
  for (const auto& [name, t] : feeds) (key += name) += '\x01';
  key += '\x02';
  for (const auto& f : fetches) (key += f) += '\x01';
  key += '\x02';
  for (const auto& t : targets) (key += t) += '\x01';
  return key;
}

}  // namespace

StatusOr<std::unique_ptr<Executor>> Executor::Create(const tensorflow::GraphDef& graph,
                                                     const tensorflow::OpList& op_list,
                                                     ExecutorOptions options) {
  std::unique_ptr<Executor> exec(new Executor());
  exec->options_ = std::move(options);
  exec->op_defs_ = OpDefIndex(op_list, graph.library());
  std::unordered_set<std::string> functions;
  for (const auto& f : graph.library().function()) functions.insert(f.signature().name());
  auto is_function = [&functions](std::string_view op) {
    return functions.count(std::string(op)) != 0;
  };
  TFSK_ASSIGN_OR_RETURN(exec->graph_, CompileBody(graph.node(), exec->op_defs_,
                                                  /*function_body=*/false, {}, is_function));
  TFSK_ASSIGN_OR_RETURN(exec->library_,
                        FunctionLibrary::Build(graph.library(), exec->op_defs_, exec->graph_));
  for (CompiledNode& n : exec->graph_.nodes) {
    if (n.info.op == "VariableV2" || n.info.op == "Variable") {
      n.variable = exec->variables_.GetOrCreate(VariableKey(n.info));
    }
  }
  return exec;
}

StatusOr<std::shared_ptr<const PreparedRun>> Executor::Prepare(
    const std::vector<std::string>& feed_names, const std::vector<std::string>& fetches,
    const std::vector<std::string>& targets) const {
  std::vector<Edge> feed_edges, fetch_edges;
  std::vector<int> target_nodes;
  for (const auto& f : feed_names) {
    auto e = ResolveTensorName(graph_, f);
    if (!e.ok()) return NotFound("Feed tensor " + f + " was not found in the graph");
    feed_edges.push_back(*e);
  }
  for (const auto& f : fetches) {
    auto e = ResolveTensorName(graph_, f);
    if (!e.ok()) return NotFound("Fetch tensor " + f + " was not found in the graph");
    fetch_edges.push_back(*e);
  }
  for (const auto& t : targets) {
    std::string_view name = t;
    if (!name.empty() && name[0] == '^') name.remove_prefix(1);
    const int id = graph_.Find(name);
    if (id < 0) return NotFound("Target node " + t + " was not found in the graph");
    target_nodes.push_back(id);
  }
  TFSK_ASSIGN_OR_RETURN(Plan plan, BuildPlan(graph_, feed_edges, fetch_edges, target_nodes));
  if (plan.dataflow) {
    // A Session numbers its Retvals (the dead-fetch error names one) by the sorted fetch names.
    std::vector<std::string> sorted = fetches;
    std::sort(sorted.begin(), sorted.end());
    sorted.erase(std::unique(sorted.begin(), sorted.end()), sorted.end());
    for (std::size_t i = 0; i < fetches.size(); ++i) {
      plan.dataflow->retval_index[i] = static_cast<int>(
          std::lower_bound(sorted.begin(), sorted.end(), fetches[i]) - sorted.begin());
    }
  }
  auto run = std::make_shared<PreparedRun>();
  run->feed_names = feed_names;
  run->fetch_names = fetches;
  run->plan = std::move(plan);
  return std::shared_ptr<const PreparedRun>(std::move(run));
}

StatusOr<std::shared_ptr<const PreparedRun>> Executor::CachedPrepare(
    const std::string& key, const std::vector<std::string>& feed_names,
    const std::vector<std::string>& fetches, const std::vector<std::string>& targets) const {
  {
    std::shared_lock lock(cache_mu_);
    auto it = cache_.find(key);
    if (it != cache_.end()) return it->second;
  }
  TFSK_ASSIGN_OR_RETURN(auto run, Prepare(feed_names, fetches, targets));
  std::unique_lock lock(cache_mu_);
  if (cache_.size() >= kMaxCachedPlans) cache_.clear();
  cache_.emplace(key, run);
  return run;
}

StatusOr<std::vector<Tensor>> Executor::Run(const std::map<std::string, Tensor>& feeds,
                                            const std::vector<std::string>& fetches,
                                            const std::vector<std::string>& targets,
                                            const RunOptions& options) const {
  const std::string key = CacheKey(feeds, fetches, targets);
  std::shared_ptr<const PreparedRun> run;
  {
    std::shared_lock lock(cache_mu_);
    auto it = cache_.find(key);
    if (it != cache_.end()) run = it->second;
  }
  std::vector<Tensor> values;
  values.reserve(feeds.size());
  for (const auto& [name, t] : feeds) values.push_back(t);
  if (!run) {
    std::vector<std::string> names;
    for (const auto& [name, t] : feeds) names.push_back(name);
    TFSK_ASSIGN_OR_RETURN(run, CachedPrepare(key, names, fetches, targets));
  }
  return RunPrepared(*run, std::move(values), options);
}

StatusOr<std::vector<Tensor>> Executor::RunPrepared(const PreparedRun& run,
                                                    std::span<const Tensor> feed_values,
                                                    const RunOptions& options) const {
  return RunPrepared(run, feed_values, {}, options);
}

StatusOr<std::vector<Tensor>> Executor::RunPrepared(const PreparedRun& run,
                                                    std::vector<Tensor>&& feed_values,
                                                    const RunOptions& options) const {
  return RunPrepared(run, feed_values, feed_values, options);
}

StatusOr<std::vector<Tensor>> Executor::RunPrepared(const PreparedRun& run,
                                                    std::span<const Tensor> feed_values,
                                                    std::span<Tensor> owned_feeds,
                                                    const RunOptions& options) const {
  if (feed_values.size() != run.feed_names.size()) {
    return InvalidArgument("Expected " + std::to_string(run.feed_names.size()) +
                           " feed values, got " + std::to_string(feed_values.size()));
  }
  std::vector<Tensor> fetched;
  TFSK_RETURN_IF_ERROR(Execute(graph_, run.plan, feed_values, fetched, 0, options, owned_feeds));
  for (std::size_t i = 0; i < fetched.size(); ++i) {
    if (!fetched[i].valid()) {
      return FailedPrecondition("Attempting to use uninitialized value " + run.fetch_names[i]);
    }
  }
  return fetched;
}

Status Executor::Execute(const Body& body, const Plan& plan, std::span<const Tensor> feeds,
                         std::vector<Tensor>& fetched, int depth, const RunOptions& options,
                         std::span<Tensor> owned_feeds) const {
  // Checked once per run: plans without Switch/Merge/loops never pay for deadness.
  if (plan.dataflow) {
    return ExecuteDataflow(body, plan, feeds, fetched, depth, options, owned_feeds);
  }
  // Checked with the coarse clock (a few ns, at most one tick late): a precise read costs
  // ~30 ns under kvm-clock, a sizable share of a small graph's run. Runs without a deadline skip
  // even that.
  const bool timed = options.deadline != std::chrono::steady_clock::time_point::max();
  // One allocation: the plan's slots, then room for the widest step's inputs.
  std::vector<Tensor> slots(static_cast<std::size_t>(plan.num_slots) + plan.max_inputs);
  Tensor* const input_area = slots.data() + plan.num_slots;
  for (std::size_t i = 0; i < plan.feed_slots.size(); ++i) {
    Tensor& slot = slots[static_cast<std::size_t>(plan.feed_slots[i])];
    slot = owned_feeds.empty() ? feeds[i] : std::move(owned_feeds[i]);
  }
  std::vector<Tensor> outputs;
  const int* input_slot = plan.input_slots.data();
  const std::uint8_t* last_use = plan.last_use.data();
  for (const PlanStep& step : plan.steps) {
    if (timed && CoarseSteadyNow() >= options.deadline) return RunDeadlineExceeded();
    const auto num_inputs = static_cast<std::size_t>(step.num_inputs);
    for (std::size_t k = 0; k < num_inputs; ++k) {
      Tensor& slot = slots[static_cast<std::size_t>(input_slot[k])];
      if (last_use[k] != 0) {
        input_area[k] = std::move(slot);
      } else {
        input_area[k] = slot;
      }
      if (!input_area[k].valid() && static_cast<int>(k) != step.ref_input) {
        return UninitializedInput(body, body.nodes[static_cast<std::size_t>(step.node)], k);
      }
    }
    input_slot += num_inputs;
    last_use += num_inputs;
    TFSK_RETURN_IF_ERROR(RunNodeStep(body, step, std::span<Tensor>(input_area, num_inputs), outputs,
                                     depth, options));
    for (int i = 0; i < step.num_outputs; ++i) {
      slots[static_cast<std::size_t>(step.out_base + i)] =
          std::move(outputs[static_cast<std::size_t>(i)]);
    }
  }
  TakeFetches(plan, slots, fetched);
  return OkStatus();
}

void TakeFetches(const Plan& plan, std::vector<Tensor>& slots, std::vector<Tensor>& fetched) {
  fetched.clear();
  fetched.reserve(plan.fetch_slots.size());
  for (std::size_t i = 0; i < plan.fetch_slots.size(); ++i) {
    Tensor& value = slots[static_cast<std::size_t>(plan.fetch_slots[i])];
    fetched.push_back(plan.fetch_last_use[i] ? std::move(value) : value);
  }
}

StatusOr<std::vector<std::string>> Executor::UnsupportedOps(
    const std::vector<RunRoots>& runs) const {
  std::set<std::string> missing;
  std::unordered_set<const FunctionBody*> visited;
  // Walks the needed nodes of a body, descending into called functions once each.
  std::function<Status(const Body&, std::span<const Edge>, std::span<const Edge>,
                       std::span<const int>)>
      walk = [&](const Body& body, std::span<const Edge> feeds, std::span<const Edge> fetches,
                 std::span<const int> targets) -> Status {
    TFSK_ASSIGN_OR_RETURN(std::vector<int> order, NeededNodes(body, feeds, fetches, targets));
    for (int id : order) {
      const CompiledNode& n = body.nodes[static_cast<std::size_t>(id)];
      if (n.kind == NodeKind::kMissing) missing.insert(n.info.op);
      for (std::size_t i = 0; i < n.functions.size(); ++i) {
        const FunctionBody* fb = n.functions[i];
        if (fb == nullptr) {
          missing.insert(n.info.op + " of missing function " + n.function_names[i]);
          continue;
        }
        if (!visited.insert(fb).second) continue;
        std::vector<Edge> args;
        for (int a = 0; a < fb->num_args; ++a) args.push_back(Edge{a, 0});
        TFSK_RETURN_IF_ERROR(walk(fb->body, args, fb->rets, fb->control_rets));
      }
    }
    return OkStatus();
  };
  for (const RunRoots& r : runs) {
    std::vector<Edge> feeds, fetches;
    std::vector<int> targets;
    for (const auto& f : r.feeds) {
      TFSK_ASSIGN_OR_RETURN(Edge e, ResolveTensorName(graph_, f));
      feeds.push_back(e);
    }
    for (const auto& f : r.fetches) {
      TFSK_ASSIGN_OR_RETURN(Edge e, ResolveTensorName(graph_, f));
      fetches.push_back(e);
    }
    for (const auto& t : r.targets) {
      const int id = graph_.Find(!t.empty() && t[0] == '^' ? std::string_view(t).substr(1)
                                                           : std::string_view(t));
      if (id < 0) return NotFound("Target node " + t + " was not found in the graph");
      targets.push_back(id);
    }
    TFSK_RETURN_IF_ERROR(walk(graph_, feeds, fetches, targets));
  }
  return std::vector<std::string>(missing.begin(), missing.end());
}

std::vector<std::string> AllUnsupportedOps(const tensorflow::GraphDef& graph) {
  std::unordered_set<std::string> functions;
  for (const auto& f : graph.library().function()) functions.insert(f.signature().name());
  std::set<std::string> missing;
  auto check = [&](const tensorflow::NodeDef& n) {
    if (FindFunctionalOp(n.op()) || functions.count(n.op()) || Kernels().Find(n.op()) ||
        DataflowKind(n.op()) != NodeKind::kMissing) {
      return;
    }
    missing.insert(n.op());
  };
  for (const auto& n : graph.node()) check(n);
  for (const auto& f : graph.library().function()) {
    for (const auto& n : f.node_def()) check(n);
  }
  return std::vector<std::string>(missing.begin(), missing.end());
}

}  // namespace tfsk::serving
