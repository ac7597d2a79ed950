#include "serving/graph/body.h"

#include <charconv>

#include "serving/graph/dataflow_ops.h"
#include "serving/graph/functional_ops.h"
#include "serving/graph/proto_convert.h"

namespace tfsk::serving {
namespace {

bool ParseInt(std::string_view s, int& out) {
  if (s.empty()) return false;
  auto [p, ec] = std::from_chars(s.data(), s.data() + s.size(), out);
  return ec == std::errc() && p == s.data() + s.size() && out >= 0;
}

}  // namespace

int Body::Find(std::string_view name) const {
  auto it = by_name.find(std::string(name));
  return it == by_name.end() ? -1 : it->second;
}

StatusOr<Edge> ResolveTensorName(const Body& body, std::string_view name) {
  std::string_view node = name;
  int index = 0;
  if (auto colon = name.rfind(':'); colon != std::string_view::npos) {
    if (ParseInt(name.substr(colon + 1), index))
      node = name.substr(0, colon);
    else
      index = 0;
  }
  const int id = body.Find(node);
  if (id < 0) return NotFound("Tensor " + std::string(name) + " was not found in the graph");
  return Edge{id, index};
}

StatusOr<Edge> ResolveFunctionRef(const Body& body, const OpDefIndex& op_defs,
                                  std::string_view ref) {
  const auto first = ref.find(':');
  if (first == std::string_view::npos) {
    const int id = body.Find(ref);
    if (id < 0 || body.nodes[static_cast<std::size_t>(id)].kind != NodeKind::kArg) {
      return NotFound("Function input '" + std::string(ref) + "' is not an argument");
    }
    return Edge{id, 0};
  }
  const auto second = ref.find(':', first + 1);
  const std::string_view node = ref.substr(0, first);
  const int id = body.Find(node);
  if (id < 0) return NotFound("Function body refers to unknown node '" + std::string(node) + "'");
  const CompiledNode& n = body.nodes[static_cast<std::size_t>(id)];
  if (second == std::string_view::npos) {
    // "node:index" (not emitted by TensorFlow in function bodies, accepted for robustness).
    int index = 0;
    if (!ParseInt(ref.substr(first + 1), index)) {
      return InvalidArgument("Malformed function reference '" + std::string(ref) + "'");
    }
    return Edge{id, index};
  }
  int index = 0;
  if (!ParseInt(ref.substr(second + 1), index)) {
    return InvalidArgument("Malformed function reference '" + std::string(ref) + "'");
  }
  const std::string_view arg = ref.substr(first + 1, second - first - 1);
  // A call through StatefulPartitionedCall has one list output "output"; an op named after a
  // function uses that function's signature (indexed in op_defs too).
  TFSK_ASSIGN_OR_RETURN(int flat, op_defs.FlatOutputIndex(n.info.op, n.info.attrs, arg, index));
  return Edge{id, flat};
}

StatusOr<Body> CompileBody(const google::protobuf::RepeatedPtrField<tensorflow::NodeDef>& nodes,
                           const OpDefIndex& op_defs, bool function_body,
                           const std::vector<std::string>& arg_names,
                           const std::function<bool(std::string_view)>& is_function) {
  Body body;
  body.nodes.reserve(arg_names.size() + static_cast<std::size_t>(nodes.size()));
  for (const auto& arg : arg_names) {
    CompiledNode n;
    n.info.name = arg;
    n.info.op = "_Arg";
    n.kind = NodeKind::kArg;
    body.by_name.emplace(arg, static_cast<int>(body.nodes.size()));
    body.nodes.push_back(std::move(n));
  }
  // Pass 1: nodes, attrs (+ defaults) and kinds, so pass 2 can resolve output-arg names.
  for (const auto& def : nodes) {
    CompiledNode n;
    n.info.name = def.name();
    n.info.op = def.op();
    for (const auto& [name, value] : def.attr()) {
      auto a = AttrFromProto(value);
      if (!a.ok()) {
        n.error = a.status().WithPrefix("attr '" + name + "' of node '" + def.name() + "'");
        continue;
      }
      n.info.attrs.Set(name, std::move(*a));
    }
    if (Status st = op_defs.FillDefaults(def.op(), n.info.attrs); !st.ok() && n.error.ok())
      n.error = st;
    if (const FunctionalOp* fop = FindFunctionalOp(def.op())) {
      n.kind = fop->kind;
      for (std::string_view attr : fop->func_attrs) {
        auto f = n.info.GetFunc(attr);
        if (!f.ok() && n.error.ok()) {
          n.error = f.status().WithPrefix("NodeDef '" + def.name() + "' (op " + def.op() + ")");
        }
        n.function_names.push_back(f.ok() ? f->name : std::string());
      }
      if (!fop->func_list_attr.empty()) {
        auto list = n.info.GetFuncList(fop->func_list_attr);
        if (list.ok() && list->empty()) {
          list = InvalidArgument("attr '" + std::string(fop->func_list_attr) +
                                 "' must name at least one function");
        }
        if (!list.ok() && n.error.ok()) {
          n.error = list.status().WithPrefix("NodeDef '" + def.name() + "' (op " + def.op() + ")");
        }
        if (list.ok()) {
          for (const FuncAttr& f : *list) n.function_names.push_back(f.name);
        }
      }
    } else if (is_function && is_function(def.op())) {
      n.kind = NodeKind::kCall;
      n.function_names = {def.op()};
    } else if (const NodeKind flow = DataflowKind(def.op()); flow != NodeKind::kMissing) {
      n.kind = flow;
      if (flow == NodeKind::kEnter && n.error.ok()) n.error = ReadEnterAttrs(n.info).status();
    } else if (const KernelDef* k = Kernels().Find(def.op())) {
      n.kind = NodeKind::kKernel;
      n.kernel = k;
      for (const auto& attr : k->required_attrs) {
        if (!n.info.HasAttr(attr) && n.error.ok()) {
          n.error = InvalidArgument("NodeDef '" + def.name() + "' (op " + def.op() +
                                    ") is missing attr '" + attr + "'");
        }
      }
    } else {
      n.kind = NodeKind::kMissing;
    }
    if (!body.by_name.emplace(def.name(), static_cast<int>(body.nodes.size())).second) {
      return InvalidArgument("Duplicate node name '" + def.name() + "'");
    }
    body.nodes.push_back(std::move(n));
  }
  // Pass 2: input edges.
  const std::size_t first_node = arg_names.size();
  for (int i = 0; i < nodes.size(); ++i) {
    CompiledNode& n = body.nodes[first_node + static_cast<std::size_t>(i)];
    for (const std::string& in : nodes[i].input()) {
      if (!in.empty() && in[0] == '^') {
        const int c = body.Find(std::string_view(in).substr(1));
        if (c < 0) {
          return InvalidArgument("Node '" + n.info.name + "': unknown control input '" + in + "'");
        }
        n.controls.push_back(c);
        continue;
      }
      auto edge =
          function_body ? ResolveFunctionRef(body, op_defs, in) : ResolveTensorName(body, in);
      if (!edge.ok()) {
        if (edge.status().code() == Code::kNotFound && body.Find(in.substr(0, in.find(':'))) < 0) {
          return InvalidArgument("Node '" + n.info.name + "': input '" + in +
                                 "' names an unknown node");
        }
        if (n.error.ok())
          n.error = edge.status().WithPrefix("input '" + in + "' of node '" + n.info.name + "'");
        // Keep the producer reachable (UnsupportedOps walks it); n.error stops any run.
        n.inputs.push_back(Edge{body.Find(in.substr(0, in.find(':'))), 0});
        continue;
      }
      n.inputs.push_back(*edge);
    }
  }
  // Pass 3 (every edge is resolved now): inputs that are TF1 reference variables, also through
  // the Ref* control-flow ops (a RefSwitch of a variable in a tf.cond branch).
  for (CompiledNode& n : body.nodes) {
    n.input_refs.assign(n.inputs.size(), std::string());
    for (std::size_t k = 0; k < n.inputs.size(); ++k) {
      int src = n.inputs[k].node;
      // Bounded: a RefMerge/RefNextIteration cycle must not spin.
      for (std::size_t hops = 0; src >= 0 && hops < body.nodes.size(); ++hops) {
        const CompiledNode& s = body.nodes[static_cast<std::size_t>(src)];
        if (s.info.op == "VariableV2" || s.info.op == "Variable") {
          n.input_refs[k] = VariableKey(s.info);
          break;
        }
        if (!IsRefForwarding(s.info.op) || s.inputs.empty()) break;
        src = s.inputs[0].node;
      }
    }
  }
  return body;
}

}  // namespace tfsk::serving
