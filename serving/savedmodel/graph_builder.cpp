#include "serving/savedmodel/graph_builder.h"

#include "serving/savedmodel/node_attrs.h"

#include <algorithm>

namespace tfsk::serving::savedmodel {
namespace {

using tensorflow::DataType;

tensorflow::TensorProto Shaped(DataType dtype, const std::vector<std::int64_t>& dims) {
  tensorflow::TensorProto t;
  t.set_dtype(dtype);
  *t.mutable_tensor_shape() = ShapeOf(dims);
  return t;
}

}  // namespace

tensorflow::TensorShapeProto ShapeOf(const std::vector<std::int64_t>& dims) {
  tensorflow::TensorShapeProto shape;
  for (auto d : dims) shape.add_dim()->set_size(d);
  return shape;
}

tensorflow::TensorProto FloatTensor(const std::vector<std::int64_t>& dims,
                                    const std::vector<float>& values) {
  auto t = Shaped(tensorflow::DT_FLOAT, dims);
  for (float v : values) t.add_float_val(v);
  return t;
}

tensorflow::TensorProto StringTensor(const std::vector<std::int64_t>& dims,
                                     const std::vector<std::string>& values) {
  auto t = Shaped(tensorflow::DT_STRING, dims);
  for (const auto& v : values) t.add_string_val(v);
  return t;
}

tensorflow::TensorProto Int32Tensor(const std::vector<std::int64_t>& dims,
                                    const std::vector<std::int32_t>& values) {
  auto t = Shaped(tensorflow::DT_INT32, dims);
  for (auto v : values) t.add_int_val(v);
  return t;
}

tensorflow::TensorInfo TensorInfoOf(const std::string& tensor, DataType dtype,
                                    const std::vector<std::int64_t>& dims, bool unknown_rank) {
  tensorflow::TensorInfo info;
  info.set_name(tensor);
  info.set_dtype(dtype);
  if (unknown_rank) {
    info.mutable_tensor_shape()->set_unknown_rank(true);
  } else {
    *info.mutable_tensor_shape() = ShapeOf(dims);
  }
  return info;
}

tensorflow::SignatureDef SignatureOf(const std::string& method,
                                     const std::vector<SignatureEntry>& inputs,
                                     const std::vector<SignatureEntry>& outputs) {
  tensorflow::SignatureDef sig;
  for (const auto& [alias, info] : inputs) (*sig.mutable_inputs())[alias] = info;
  for (const auto& [alias, info] : outputs) (*sig.mutable_outputs())[alias] = info;
  sig.set_method_name("tensorflow/serving/" + method);
  return sig;
}

tensorflow::NodeDef* GraphBuilder::Add(const std::string& name, const std::string& op,
                                       const std::vector<std::string>& inputs) {
  tensorflow::NodeDef* node = graph_->add_node();
  node->set_name(name);
  node->set_op(op);
  for (const auto& in : inputs) node->add_input(in);
  return node;
}

tensorflow::NodeDef* GraphBuilder::Const(const std::string& name,
                                         const tensorflow::TensorProto& value) {
  auto* node = Add(name, "Const");
  SetType(node, "dtype", value.dtype());
  *(*node->mutable_attr())["value"].mutable_tensor() = value;
  return node;
}

tensorflow::NodeDef* GraphBuilder::Placeholder(const std::string& name, DataType dtype,
                                               const std::vector<std::int64_t>& dims,
                                               bool unknown_rank) {
  auto* node = Add(name, "Placeholder");
  SetType(node, "dtype", dtype);
  auto* shape = (*node->mutable_attr())["shape"].mutable_shape();
  if (unknown_rank) {
    shape->set_unknown_rank(true);
  } else {
    *shape = ShapeOf(dims);
  }
  return node;
}

tensorflow::NodeDef* GraphBuilder::Unary(const std::string& name, const std::string& op,
                                         const std::string& input, DataType t) {
  auto* node = Add(name, op, {input});
  SetType(node, "T", t);
  return node;
}

tensorflow::NodeDef* GraphBuilder::Binary(const std::string& name, const std::string& op,
                                          const std::string& a, const std::string& b, DataType t) {
  auto* node = Add(name, op, {a, b});
  SetType(node, "T", t);
  return node;
}

std::string GraphBuilder::Variable(const std::string& name, const std::vector<std::int64_t>& dims,
                                   const tensorflow::TensorProto& initial_value) {
  Const(name + "/initial_value", initial_value);
  auto* var = Add(name, "VariableV2");
  SetType(var, "dtype", tensorflow::DT_FLOAT);
  *(*var->mutable_attr())["shape"].mutable_shape() = ShapeOf(dims);
  SetString(var, "container", "");
  SetString(var, "shared_name", "");
  auto* assign = Binary(name + "/Assign", "Assign", name, name + "/initial_value");
  SetBool(assign, "use_locking", true);
  SetBool(assign, "validate_shape", true);
  Unary(name + "/read", "Identity", name);
  variables_.push_back(Var{name, dims});
  return name + "/read";
}

tensorflow::SaverDef GraphBuilder::AddSaver() {
  std::vector<Var> vars = variables_;
  // TensorFlow's Saver lists variables sorted by name, matching the bundle's key order.
  std::sort(vars.begin(), vars.end(), [](const Var& a, const Var& b) { return a.name < b.name; });
  std::vector<std::string> names;
  for (const auto& v : vars) names.push_back(v.name);
  const std::vector<std::int64_t> n{static_cast<std::int64_t>(vars.size())};

  Const("save/filename/input", StringTensor({}, {"model"}));
  auto* filename = Add("save/filename", "PlaceholderWithDefault", {"save/filename/input"});
  SetType(filename, "dtype", tensorflow::DT_STRING);
  (*filename->mutable_attr())["shape"].mutable_shape();
  auto* prefix = Add("save/Const", "PlaceholderWithDefault", {"save/filename"});
  SetType(prefix, "dtype", tensorflow::DT_STRING);
  (*prefix->mutable_attr())["shape"].mutable_shape();

  auto dtypes = [&](tensorflow::NodeDef* node) {
    auto* list = (*node->mutable_attr())["dtypes"].mutable_list();
    for (std::size_t i = 0; i < vars.size(); ++i) list->add_type(tensorflow::DT_FLOAT);
  };
  Const("save/SaveV2/tensor_names", StringTensor(n, names));
  Const("save/SaveV2/shape_and_slices", StringTensor(n, std::vector<std::string>(vars.size())));
  std::vector<std::string> save_inputs{"save/Const", "save/SaveV2/tensor_names",
                                       "save/SaveV2/shape_and_slices"};
  save_inputs.insert(save_inputs.end(), names.begin(), names.end());
  dtypes(Add("save/SaveV2", "SaveV2", save_inputs));
  SetType(Add("save/Identity", "Identity", {"save/Const", "^save/SaveV2"}), "T",
          tensorflow::DT_STRING);

  Const("save/RestoreV2/tensor_names", StringTensor(n, names));
  Const("save/RestoreV2/shape_and_slices", StringTensor(n, std::vector<std::string>(vars.size())));
  dtypes(Add("save/RestoreV2", "RestoreV2",
             {"save/Const", "save/RestoreV2/tensor_names", "save/RestoreV2/shape_and_slices"}));
  std::vector<std::string> assigns;
  for (std::size_t i = 0; i < vars.size(); ++i) {
    const std::string assign = i == 0 ? "save/Assign" : "save/Assign_" + std::to_string(i);
    const std::string value = i == 0 ? "save/RestoreV2" : "save/RestoreV2:" + std::to_string(i);
    auto* node = Binary(assign, "Assign", vars[i].name, value);
    SetBool(node, "use_locking", true);
    SetBool(node, "validate_shape", true);
    assigns.push_back("^" + assign);
  }
  Add("save/restore_all", "NoOp", assigns);

  tensorflow::SaverDef saver;
  saver.set_filename_tensor_name("save/Const:0");
  saver.set_save_tensor_name("save/Identity:0");
  saver.set_restore_op_name("save/restore_all");
  saver.set_max_to_keep(5);
  saver.set_sharded(false);
  saver.set_keep_checkpoint_every_n_hours(10000);
  saver.set_version(tensorflow::SaverDef::V2);
  return saver;
}

}  // namespace tfsk::serving::savedmodel
