// Tf1ControlFlowModel: node names and wiring follow what tf.compat.v1 writes — a cond's
// predicate switched on itself gives the branch pivots, captured tensors enter a branch through
// a Switch on pred_id, branch and loop-body constants hang on a pivot by a control edge, and a
// while loop's variables pass Enter → Merge → Switch(LoopCond) → Identity → … → NextIteration,
// leaving through Exit.
#include "serving/savedmodel/tf1_control_flow_model.h"

#include "serving/savedmodel/graph_builder.h"
#include "serving/savedmodel/node_attrs.h"

namespace tfsk::serving::savedmodel {
namespace {

using tensorflow::DT_BOOL;
using tensorflow::DT_FLOAT;
using tensorflow::DT_INT32;

constexpr float kKernel = 3.0F;

tensorflow::TensorProto BoolScalar(bool v) {
  tensorflow::TensorProto t;
  t.set_dtype(DT_BOOL);
  t.mutable_tensor_shape();
  t.add_bool_val(v);
  return t;
}

/// keras_learning_phase → dropout/cond → dense/mul → y.
void AddDropoutDense(GraphBuilder& g, const std::string& kernel) {
  g.Const("keras_learning_phase/input", BoolScalar(false));
  auto* phase =
      g.Add("keras_learning_phase", "PlaceholderWithDefault", {"keras_learning_phase/input"});
  SetType(phase, "dtype", DT_BOOL);
  *(*phase->mutable_attr())["shape"].mutable_shape() = ShapeOf({});
  g.Placeholder("x", DT_FLOAT, {-1});
  const std::string c = "dropout/cond/";
  SetType(g.Add(c + "Switch", "Switch", {"keras_learning_phase", "keras_learning_phase"}), "T",
          DT_BOOL);
  g.Unary(c + "switch_t", "Identity", c + "Switch:1", DT_BOOL);
  g.Unary(c + "switch_f", "Identity", c + "Switch", DT_BOOL);
  g.Unary(c + "pred_id", "Identity", "keras_learning_phase", DT_BOOL);
  SetType(g.Add(c + "mul/Switch", "Switch", {"x", c + "pred_id"}), "T", DT_FLOAT);
  // A branch constant carries the branch pivot as a control input.
  g.Const(c + "mul/y", FloatTensor({}, {2.0F}))->add_input("^" + c + "switch_t");
  g.Binary(c + "mul", "Mul", c + "mul/Switch:1", c + "mul/y");
  SetType(g.Add(c + "Identity/Switch", "Switch", {"x", c + "pred_id"}), "T", DT_FLOAT);
  g.Unary(c + "Identity", "Identity", c + "Identity/Switch");
  SetType(g.Add(c + "Merge", "Merge", {c + "Identity", c + "mul"}), "T", DT_FLOAT);
  g.Binary("dense/mul", "Mul", c + "Merge", kernel);
  g.Unary("y", "Identity", "dense/mul");
}

tensorflow::NodeDef* Enter(GraphBuilder& g, const std::string& name, const std::string& input,
                           tensorflow::DataType t, bool constant) {
  auto* n = g.Add(name, "Enter", {input});
  SetType(n, "T", t);
  (*n->mutable_attr())["frame_name"].set_s("while/while_context");
  (*n->mutable_attr())["is_constant"].set_b(constant);
  (*n->mutable_attr())["parallel_iterations"].set_i(10);
  return n;
}

/// total = 1 + … + n as tf.while_loop(lambda i, acc: i <= n, lambda i, acc: (i + 1, acc + i),
/// (1, 0)).
void AddSumLoop(GraphBuilder& g) {
  g.Placeholder("n", DT_INT32, {});
  g.Const("while/start", Int32Tensor({}, {1}));
  g.Const("while/zero", Int32Tensor({}, {0}));
  const std::string w = "while/";
  Enter(g, w + "Enter", w + "start", DT_INT32, false);
  Enter(g, w + "Enter_1", w + "zero", DT_INT32, false);
  Enter(g, w + "LessEqual/Enter", "n", DT_INT32, true);
  for (const char* k : {"", "_1"}) {
    SetType(g.Add(w + "Merge" + k, "Merge", {w + "Enter" + k, w + "NextIteration" + k}), "T",
            DT_INT32);
  }
  g.Binary(w + "LessEqual", "LessEqual", w + "Merge", w + "LessEqual/Enter", DT_INT32);
  g.Add(w + "LoopCond", "LoopCond", {w + "LessEqual"});
  for (const char* k : {"", "_1"}) {
    SetType(g.Add(w + "Switch" + k, "Switch", {w + "Merge" + k, w + "LoopCond"}), "T", DT_INT32);
    g.Unary(w + "Identity" + k, "Identity", w + "Switch" + k + ":1", DT_INT32);
    SetType(g.Add(w + "Exit" + k, "Exit", {w + "Switch" + k}), "T", DT_INT32);
  }
  g.Const(w + "add/y", Int32Tensor({}, {1}))->add_input("^" + w + "Identity");
  g.Binary(w + "add", "AddV2", w + "Identity", w + "add/y", DT_INT32);
  g.Binary(w + "add_1", "AddV2", w + "Identity_1", w + "Identity", DT_INT32);
  SetType(g.Add(w + "NextIteration", "NextIteration", {w + "add"}), "T", DT_INT32);
  SetType(g.Add(w + "NextIteration_1", "NextIteration", {w + "add_1"}), "T", DT_INT32);
  g.Unary("total", "Identity", w + "Exit_1", DT_INT32);
}

}  // namespace

SavedModelToWrite Tf1ControlFlowModel() {
  SavedModelToWrite model;
  model.proto.set_saved_model_schema_version(1);
  tensorflow::MetaGraphDef& mg = *model.proto.add_meta_graphs();
  mg.mutable_meta_info_def()->add_tags("serve");
  mg.mutable_meta_info_def()->set_tensorflow_git_version("tfsk TF1 control-flow model writer");
  GraphBuilder g(mg.mutable_graph_def());
  mg.mutable_graph_def()->mutable_versions()->set_producer(27);
  const std::string kernel = g.Variable("dense/kernel", {}, FloatTensor({}, {kKernel}));
  AddDropoutDense(g, kernel);
  AddSumLoop(g);
  g.Add("init", "NoOp", {"^dense/kernel/Assign"});
  g.Add("group_deps", "NoOp");
  *mg.mutable_saver_def() = g.AddSaver();
  (*mg.mutable_collection_def())["saved_model_main_op"].mutable_node_list()->add_value(
      "group_deps");

  auto& sigs = *mg.mutable_signature_def();
  const auto x = std::make_pair(std::string("x"), TensorInfoOf("x:0", DT_FLOAT, {-1}));
  const auto y = std::make_pair(std::string("y"), TensorInfoOf("y:0", DT_FLOAT, {-1}));
  sigs["serving_default"] = SignatureOf("predict", {x}, {y});
  sigs["training"] = SignatureOf(
      "predict", {x, {"keras_learning_phase", TensorInfoOf("keras_learning_phase:0", DT_BOOL, {})}},
      {y});
  sigs["sum"] = SignatureOf("predict", {{"n", TensorInfoOf("n:0", DT_INT32, {})}},
                            {{"total", TensorInfoOf("total:0", DT_INT32, {})}});
  model.variables.push_back(BundleTensor{"dense/kernel", DT_FLOAT, {}, FloatBytes({kKernel})});
  return model;
}

}  // namespace tfsk::serving::savedmodel
