#include "serving/graph/function_library.h"

#include <set>

namespace tfsk::serving {
namespace {

/// Links the nodes of `body` that run functions to them; a missing one stays null (plan error).
void Link(Body& body, const FunctionLibrary& lib) {
  for (CompiledNode& n : body.nodes) {
    n.functions.clear();
    for (const std::string& name : n.function_names) n.functions.push_back(lib.Find(name));
  }
}

void Compile(const tensorflow::FunctionDef& def, const OpDefIndex& op_defs,
             const std::function<bool(std::string_view)>& is_function, FunctionBody& fb) {
  fb.name = def.signature().name();
  std::vector<std::string> args;
  for (const auto& a : def.signature().input_arg()) {
    if (!a.number_attr().empty() || !a.type_list_attr().empty()) {
      fb.error = Unimplemented("Function '" + fb.name + "': list-valued argument '" + a.name() +
                               "' is not supported");
      return;
    }
    args.push_back(a.name());
  }
  fb.num_args = static_cast<int>(args.size());
  auto body = CompileBody(def.node_def(), op_defs, /*function_body=*/true, args, is_function);
  if (!body.ok()) {
    fb.error = body.status().WithPrefix("Function '" + fb.name + "'");
    return;
  }
  fb.body = std::move(*body);
  for (const auto& out : def.signature().output_arg()) {
    auto it = def.ret().find(out.name());
    if (it == def.ret().end()) {
      fb.error =
          InvalidArgument("Function '" + fb.name + "' has no ret for output '" + out.name() + "'");
      return;
    }
    auto edge = ResolveFunctionRef(fb.body, op_defs, it->second);
    if (!edge.ok()) {
      if (fb.error.ok()) {
        fb.error = edge.status().WithPrefix("Function '" + fb.name + "' ret '" + out.name() + "'");
      }
      // Keep the producer reachable for UnsupportedOps; fb.error stops any call.
      const int id = fb.body.Find(std::string_view(it->second).substr(0, it->second.find(':')));
      if (id >= 0) fb.rets.push_back(Edge{id, 0});
      continue;
    }
    fb.rets.push_back(*edge);
  }
  // control_ret maps control-output names to node names; every one must run.
  std::set<std::string> controls;
  for (const auto& [name, node] : def.control_ret()) controls.insert(node);
  for (const auto& node : controls) {
    const int id = fb.body.Find(node);
    if (id < 0) {
      fb.error = InvalidArgument("Function '" + fb.name + "' control_ret names unknown node '" +
                                 node + "'");
      return;
    }
    fb.control_rets.push_back(id);
  }
}

}  // namespace

StatusOr<std::unique_ptr<FunctionLibrary>> FunctionLibrary::Build(
    const tensorflow::FunctionDefLibrary& library, const OpDefIndex& op_defs, Body& graph_body) {
  auto lib = std::make_unique<FunctionLibrary>();
  for (const auto& def : library.function()) {
    if (!lib->functions_.emplace(def.signature().name(), std::make_unique<FunctionBody>()).second) {
      return InvalidArgument("Duplicate function '" + def.signature().name() + "' in the library");
    }
  }
  auto is_function = [&lib](std::string_view name) { return lib->Contains(name); };
  for (const auto& def : library.function()) {
    Compile(def, op_defs, is_function, *lib->functions_.at(def.signature().name()));
  }
  for (auto& [name, fb] : lib->functions_) {
    Link(fb->body, *lib);
  }
  Link(graph_body, *lib);
  // Plans last: they check that every needed call node found its callee.
  for (auto& [name, fb] : lib->functions_) {
    if (!fb->error.ok()) continue;
    std::vector<Edge> args;
    for (int i = 0; i < fb->num_args; ++i) args.push_back(Edge{i, 0});
    auto plan = BuildPlan(fb->body, args, fb->rets, fb->control_rets);
    if (!plan.ok()) {
      fb->error = plan.status().WithPrefix("Function '" + name + "'");
    } else {
      fb->plan = std::move(*plan);
    }
  }
  return lib;
}

const FunctionBody* FunctionLibrary::Find(const std::string& name) const {
  auto it = functions_.find(name);
  return it == functions_.end() ? nullptr : it->second.get();
}

bool FunctionLibrary::Contains(std::string_view name) const {
  return functions_.count(std::string(name)) != 0;
}

}  // namespace tfsk::serving
