#include "serving/savedmodel/function_builder.h"

namespace tfsk::serving::savedmodel {

void AddOutputOpDef(tensorflow::OpList& ops, const std::string& op, const std::string& output,
                    const std::string& type_attr, bool list) {
  auto* def = ops.add_op();
  def->set_name(op);
  auto* arg = def->add_output_arg();
  arg->set_name(output);
  if (list) {
    arg->set_type_list_attr(type_attr);
  } else {
    arg->set_type_attr(type_attr);
  }
}

FunctionBuilder::FunctionBuilder(tensorflow::FunctionDef* f, const std::string& name) : f_(f) {
  f_->mutable_signature()->set_name(name);
}

void FunctionBuilder::Arg(const std::string& name, tensorflow::DataType t) {
  auto* a = f_->mutable_signature()->add_input_arg();
  a->set_name(name);
  a->set_type(t);
}

void FunctionBuilder::Ret(const std::string& name, tensorflow::DataType t, const std::string& ref) {
  auto* a = f_->mutable_signature()->add_output_arg();
  a->set_name(name);
  a->set_type(t);
  (*f_->mutable_ret())[name] = ref;
}

tensorflow::NodeDef* FunctionBuilder::Node(const std::string& name, const std::string& op,
                                           std::initializer_list<std::string> inputs,
                                           tensorflow::DataType t) {
  auto* n = f_->add_node_def();
  n->set_name(name);
  n->set_op(op);
  for (const auto& in : inputs) n->add_input(in);
  if (t != tensorflow::DT_INVALID) (*n->mutable_attr())["T"].set_type(t);
  return n;
}

tensorflow::NodeDef* FunctionBuilder::Const(const std::string& name,
                                            const tensorflow::TensorProto& value) {
  auto* n = Node(name, "Const", {});
  (*n->mutable_attr())["dtype"].set_type(value.dtype());
  *(*n->mutable_attr())["value"].mutable_tensor() = value;
  return n;
}

}  // namespace tfsk::serving::savedmodel
