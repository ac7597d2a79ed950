#include "serving/loader/inspect.h"

#include <fmt/format.h>
#include <boost/json.hpp>

#include "serving/graph/executor.h"
#include "serving/loader/run_roots.h"
#include "serving/loader/signature_info.h"
#include "serving/savedmodel/bundle_reader.h"
#include "serving/savedmodel/saved_model_reader.h"

namespace tfsk::serving::loader {
namespace {

std::string ShapeText(const rest::TensorSpec& spec) {
  if (spec.unknown_rank) return "unknown_rank";
  std::string s = "(";
  for (std::size_t i = 0; i < spec.shape.size(); ++i) {
    if (i) s += ", ";
    s += std::to_string(spec.shape[i]);
  }
  if (spec.shape.size() == 1) s += ",";
  return s + ")";
}

void CollectOps(const tensorflow::GraphDef& graph, std::set<std::string>& ops) {
  for (const auto& n : graph.node()) ops.insert(n.op());
  for (const auto& f : graph.library().function()) {
    for (const auto& n : f.node_def()) ops.insert(n.op());
  }
}

boost::json::object TensorSpecJson(const rest::TensorSpec& spec) {
  boost::json::array dims;
  for (auto d : spec.shape) dims.push_back(d);
  return {{"name", spec.tensor_name},
          {"dtype", DataTypeProtoName(spec.dtype)},
          {"shape", spec.unknown_rank ? boost::json::value(nullptr) : boost::json::value(dims)}};
}

std::map<std::string, rest::TensorSpec> DefaultSpecs(const tensorflow::SignatureDef& def) {
  std::map<std::string, rest::TensorSpec> out;
  for (const auto& [alias, value] : def.defaults()) {
    rest::TensorSpec spec;
    spec.dtype = static_cast<int>(value.dtype());
    spec.unknown_rank = value.tensor_shape().unknown_rank();
    for (const auto& d : value.tensor_shape().dim()) spec.shape.push_back(d.size());
    out.emplace(alias, std::move(spec));
  }
  return out;
}

}  // namespace

StatusOr<InspectReport> InspectSavedModel(const std::filesystem::path& export_dir,
                                          const std::set<std::string>& tags) {
  auto start = std::chrono::steady_clock::now();
  TFSK_ASSIGN_OR_RETURN(auto info, savedmodel::ReadSavedModel(export_dir, tags));
  InspectReport r;
  r.export_dir = info.export_dir;
  r.tags = info.tags;
  r.init_op = info.init_op_name;
  if (info.restore) r.restore_op = info.restore->restore_op_name;
  for (const auto& [key, def] : info.signatures) {
    r.signatures.push_back({key, ToSignatureInfo(def), DefaultSpecs(def)});
  }
  if (info.variables_prefix) {
    TFSK_ASSIGN_OR_RETURN(auto bundle, savedmodel::BundleReader::Open(*info.variables_prefix));
    for (const auto& key : bundle.ListKeys()) {
      TFSK_ASSIGN_OR_RETURN(auto spec, bundle.LookupDtypeAndShape(key));
      r.variables.push_back({key, DataTypeProtoName(static_cast<int>(spec.dtype)), spec.shape});
    }
  }
  std::set<std::string> ops;
  CollectOps(info.meta_graph.graph_def(), ops);
  r.op_types.assign(ops.begin(), ops.end());
  const auto& mg = info.meta_graph;
  TFSK_ASSIGN_OR_RETURN(auto executor,
                        Executor::Create(mg.graph_def(), mg.meta_info_def().stripped_op_list()));
  TFSK_ASSIGN_OR_RETURN(r.unsupported_ops, UnsupportedServingOps(info, *executor));
  r.read_time = std::chrono::duration_cast<std::chrono::microseconds>(
      std::chrono::steady_clock::now() - start);
  return r;
}

std::string InspectReportText(const InspectReport& r) {
  std::string out;
  std::string tagset = fmt::format("{}", fmt::join(r.tags, ", "));
  out += fmt::format("MetaGraphDef with tag-set: '{}' contains the following SignatureDefs:\n",
                     tagset);
  for (const auto& sig : r.signatures) {
    out += fmt::format("\nsignature_def['{}']:\n", sig.key);
    auto section = [&out](const char* what, const char* kind,
                          const std::map<std::string, rest::TensorSpec>& m) {
      out +=
          fmt::format("  The given SavedModel SignatureDef contains the following {}(s):\n", what);
      if (m.empty()) out += "    (none)\n";
      for (const auto& [alias, spec] : m) {
        out += fmt::format("    {}['{}'] tensor_info:\n", kind, alias);
        out += fmt::format("        dtype: {}\n", DataTypeProtoName(spec.dtype));
        out += fmt::format("        shape: {}\n", ShapeText(spec));
        out += fmt::format("        name: {}\n", spec.tensor_name);
      }
    };
    section("input", "inputs", sig.info.inputs);
    section("output", "outputs", sig.info.outputs);
    for (const auto& [alias, spec] : sig.defaults) {
      out += fmt::format("  Default for input '{}': {} {}\n", alias, DataTypeProtoName(spec.dtype),
                         ShapeText(spec));
    }
    out += fmt::format("  Method name is: {}\n", sig.info.method_name);
  }
  out += "\nVariables:\n";
  if (r.variables.empty()) out += "  (none)\n";
  for (const auto& v : r.variables) {
    out += fmt::format("  {}: {} {}\n", v.name, v.dtype, ShapeString(v.shape));
  }
  out +=
      fmt::format("\nRestore op: {}\nInit op: {}\n", r.restore_op.empty() ? "(none)" : r.restore_op,
                  r.init_op.empty() ? "(none)" : r.init_op);
  out += fmt::format("\nOp types ({}): {}\n", r.op_types.size(), fmt::join(r.op_types, ", "));
  if (r.unsupported_ops.empty()) {
    out += "Unsupported op types: none\n";
  } else {
    out += fmt::format("Unsupported op types ({}): {}\n", r.unsupported_ops.size(),
                       fmt::join(r.unsupported_ops, ", "));
  }
  return out;
}

std::string InspectReportJson(const InspectReport& r) {
  boost::json::object root;
  root["export_dir"] = r.export_dir.string();
  boost::json::array tags;
  for (const auto& t : r.tags) tags.push_back(boost::json::value(t));
  root["tags"] = tags;
  boost::json::object sigs;
  for (const auto& sig : r.signatures) {
    boost::json::object in, out;
    for (const auto& [alias, spec] : sig.info.inputs) in[alias] = TensorSpecJson(spec);
    for (const auto& [alias, spec] : sig.info.outputs) out[alias] = TensorSpecJson(spec);
    boost::json::object defaults;
    for (const auto& [alias, spec] : sig.defaults) {
      auto d = TensorSpecJson(spec);
      d.erase("name");  // a default is a value, not a graph tensor
      defaults[alias] = std::move(d);
    }
    sigs[sig.key] = {{"method_name", sig.info.method_name},
                     {"inputs", in},
                     {"outputs", out},
                     {"defaults", defaults}};
  }
  root["signatures"] = sigs;
  boost::json::array vars;
  for (const auto& v : r.variables) {
    boost::json::array dims;
    for (auto d : v.shape) dims.push_back(d);
    vars.push_back({{"name", v.name}, {"dtype", v.dtype}, {"shape", dims}});
  }
  root["variables"] = vars;
  boost::json::array ops, unsupported;
  for (const auto& o : r.op_types) ops.push_back(boost::json::value(o));
  for (const auto& o : r.unsupported_ops) unsupported.push_back(boost::json::value(o));
  root["op_types"] = ops;
  root["unsupported_ops"] = unsupported;
  root["restore_op"] = r.restore_op;
  root["init_op"] = r.init_op;
  root["read_time_us"] = r.read_time.count();
  return boost::json::serialize(root) + "\n";
}

}  // namespace tfsk::serving::loader
