// ControlFlowModel: the top-level graph holds placeholders, a While and a StatelessIf; the
// loop and branch bodies are FunctionDefs referring to outputs as node:output_arg:index, and
// the stripped_op_list carries the OpDefs those references are resolved with — the layout
// TensorFlow 2 writes.
#include "serving/savedmodel/control_flow_model.h"

#include "serving/savedmodel/function_builder.h"
#include "serving/savedmodel/graph_builder.h"
#include "serving/savedmodel/node_attrs.h"

namespace tfsk::serving::savedmodel {
namespace {

using tensorflow::DT_BOOL;
using tensorflow::DT_FLOAT;
using tensorflow::DT_INT64;

tensorflow::TensorProto Int64Scalar(std::int64_t v) {
  tensorflow::TensorProto t;
  t.set_dtype(DT_INT64);
  t.mutable_tensor_shape();
  t.add_int64_val(v);
  return t;
}

void AddLoopFunctions(tensorflow::FunctionDefLibrary& lib) {
  FunctionBuilder cond(lib.add_function(), "sum_cond");
  cond.Arg("i", DT_INT64);
  cond.Arg("acc", DT_INT64);
  cond.Arg("n", DT_INT64);
  cond.Node("keep_going", "LessEqual", {"i", "n"}, DT_INT64);
  cond.Ret("keep_going", DT_BOOL, "keep_going:z:0");

  FunctionBuilder body(lib.add_function(), "sum_body");
  body.Arg("i", DT_INT64);
  body.Arg("acc", DT_INT64);
  body.Arg("n", DT_INT64);
  body.Const("one", Int64Scalar(1));
  body.Node("acc_next", "AddV2", {"acc", "i"}, DT_INT64);
  body.Node("i_next", "AddV2", {"i", "one:output:0"}, DT_INT64);
  body.Node("n_same", "Identity", {"n"}, DT_INT64);
  body.Ret("i_next", DT_INT64, "i_next:z:0");
  body.Ret("acc_next", DT_INT64, "acc_next:z:0");
  body.Ret("n_same", DT_INT64, "n_same:output:0");
}

void AddBranchFunctions(tensorflow::FunctionDefLibrary& lib) {
  FunctionBuilder relu(lib.add_function(), "relu_branch");
  relu.Arg("x", DT_FLOAT);
  relu.Node("relu", "Relu", {"x"}, DT_FLOAT);
  relu.Ret("y", DT_FLOAT, "relu:activations:0");

  FunctionBuilder negate(lib.add_function(), "negate_branch");
  negate.Arg("x", DT_FLOAT);
  negate.Node("negate", "Neg", {"x"}, DT_FLOAT);
  negate.Ret("y", DT_FLOAT, "negate:y:0");
}

/// OpDefs with just what resolving `node:output_arg:index` needs, as a stripped_op_list
/// carries them.
void AddOpDefs(tensorflow::OpList& ops) {
  AddOutputOpDef(ops, "AddV2", "z", "T");
  AddOutputOpDef(ops, "Const", "output", "dtype");
  AddOutputOpDef(ops, "Identity", "output", "T");
  AddOutputOpDef(ops, "LessEqual", "z", "T");  // the output is bool; only the name matters here
  AddOutputOpDef(ops, "Neg", "y", "T");
  AddOutputOpDef(ops, "Placeholder", "output", "dtype");
  AddOutputOpDef(ops, "Relu", "activations", "T");
  AddOutputOpDef(ops, "StatelessIf", "output", "Tout", true);
  AddOutputOpDef(ops, "While", "output", "T", true);
}

}  // namespace

SavedModelToWrite ControlFlowModel() {
  SavedModelToWrite model;
  model.proto.set_saved_model_schema_version(1);
  tensorflow::MetaGraphDef& mg = *model.proto.add_meta_graphs();
  mg.mutable_meta_info_def()->add_tags("serve");
  mg.mutable_meta_info_def()->set_tensorflow_git_version("tfsk control-flow model writer");
  AddOpDefs(*mg.mutable_meta_info_def()->mutable_stripped_op_list());
  tensorflow::GraphDef& graph = *mg.mutable_graph_def();
  graph.mutable_versions()->set_producer(1286);
  AddLoopFunctions(*graph.mutable_library());
  AddBranchFunctions(*graph.mutable_library());

  GraphBuilder g(&graph);
  g.Placeholder("n", DT_INT64, {});
  g.Const("start", Int64Scalar(1));
  g.Const("zero", Int64Scalar(0));
  auto* loop = g.Add("sum_loop", "While", {"start", "zero", "n"});
  SetTypeList(loop, "T", {DT_INT64, DT_INT64, DT_INT64});
  SetFunc(loop, "cond", "sum_cond");
  SetFunc(loop, "body", "sum_body");
  SetInt(loop, "parallel_iterations", 10);
  g.Unary("sum", "Identity", "sum_loop:1", DT_INT64);

  g.Placeholder("x", DT_FLOAT, {-1});
  g.Placeholder("use_relu", DT_BOOL, {});
  auto* branch = g.Add("branch", "StatelessIf", {"use_relu", "x"});
  SetType(branch, "Tcond", DT_BOOL);
  SetTypeList(branch, "Tin", {DT_FLOAT});
  SetTypeList(branch, "Tout", {DT_FLOAT});
  SetFunc(branch, "then_branch", "relu_branch");
  SetFunc(branch, "else_branch", "negate_branch");
  g.Unary("y", "Identity", "branch");

  auto& sigs = *mg.mutable_signature_def();
  sigs["serving_default"] = SignatureOf("predict", {{"n", TensorInfoOf("n:0", DT_INT64, {})}},
                                        {{"sum", TensorInfoOf("sum:0", DT_INT64, {})}});
  sigs["relu_or_negate"] = SignatureOf("predict",
                                       {{"x", TensorInfoOf("x:0", DT_FLOAT, {-1})},
                                        {"use_relu", TensorInfoOf("use_relu:0", DT_BOOL, {})}},
                                       {{"y", TensorInfoOf("y:0", DT_FLOAT, {-1})}});
  return model;
}

}  // namespace tfsk::serving::savedmodel
