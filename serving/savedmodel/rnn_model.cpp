// RnnModel: the Keras SimpleRNN export layout (see rnn_model.h). Node and argument names follow
// what TensorFlow writes (TensorArrayV2 lists, a While over (time, output list, state, input
// list, ...)), so the executor meets the same references a real export has.
#include "serving/savedmodel/rnn_model.h"

#include <cmath>

#include "serving/savedmodel/function_builder.h"
#include "serving/savedmodel/graph_builder.h"
#include "serving/savedmodel/node_attrs.h"

namespace tfsk::serving::savedmodel {
namespace {

using tensorflow::DT_BOOL;
using tensorflow::DT_FLOAT;
using tensorflow::DT_INT32;
using tensorflow::DT_VARIANT;

/// `out = input[index]` of an int32 vector, as a scalar (StridedSlice with shrink_axis_mask).
void ScalarAt(FunctionBuilder& f, const std::string& out, const std::string& input, int index) {
  f.Const(out + "/begin", Int32Tensor({1}, {index}));
  f.Const(out + "/end", Int32Tensor({1}, {index + 1}));
  f.Const(out + "/strides", Int32Tensor({1}, {1}));
  auto* n = f.Node(
      out, "StridedSlice",
      {input, out + "/begin:output:0", out + "/end:output:0", out + "/strides:output:0"}, DT_INT32);
  SetType(n, "Index", DT_INT32);
  for (const char* mask : {"begin_mask", "end_mask", "ellipsis_mask", "new_axis_mask"}) {
    SetInt(n, mask, 0);
  }
  SetInt(n, "shrink_axis_mask", 1);
}

tensorflow::NodeDef* MatMul(FunctionBuilder& f, const std::string& name, const std::string& a,
                            const std::string& b) {
  auto* n = f.Node(name, "MatMul", {a, b}, DT_FLOAT);
  SetBool(n, "transpose_a", false);
  SetBool(n, "transpose_b", false);
  return n;
}

// The loop variables, in While order.
constexpr std::initializer_list<tensorflow::DataType> kLoopTypes = {
    DT_INT32, DT_VARIANT, DT_FLOAT, DT_VARIANT, DT_INT32, DT_FLOAT, DT_FLOAT, DT_FLOAT};

void AddLoopArgs(FunctionBuilder& f) {
  f.Arg("time", DT_INT32);
  f.Arg("output_ta", DT_VARIANT);
  f.Arg("state", DT_FLOAT);
  f.Arg("input_ta", DT_VARIANT);
  f.Arg("steps", DT_INT32);
  f.Arg("kernel", DT_FLOAT);
  f.Arg("recurrent_kernel", DT_FLOAT);
  f.Arg("bias", DT_FLOAT);
}

void AddCond(tensorflow::FunctionDefLibrary& lib) {
  FunctionBuilder cond(lib.add_function(), "while_cond");
  AddLoopArgs(cond);
  cond.Node("Less", "Less", {"time", "steps"}, DT_INT32);
  cond.Ret("less", DT_BOOL, "Less:z:0");
}

void AddBody(tensorflow::FunctionDefLibrary& lib, const RnnOptions& o) {
  FunctionBuilder body(lib.add_function(), "while_body");
  AddLoopArgs(body);
  body.Const("element_shape", Int32Tensor({2}, {-1, static_cast<std::int32_t>(o.features)}));
  auto* get = body.Node("TensorArrayV2Read/TensorListGetItem", "TensorListGetItem",
                        {"input_ta", "time", "element_shape:output:0"});
  SetType(get, "element_dtype", DT_FLOAT);
  MatMul(body, "MatMul", "TensorArrayV2Read/TensorListGetItem:item:0", "kernel");
  MatMul(body, "MatMul_1", "state", "recurrent_kernel");
  body.Node("add", "AddV2", {"MatMul:product:0", "MatMul_1:product:0"}, DT_FLOAT);
  auto* bias = body.Node("BiasAdd", "BiasAdd", {"add:z:0", "bias"}, DT_FLOAT);
  SetString(bias, "data_format", "NHWC");
  body.Node("Tanh", "Tanh", {"BiasAdd:output:0"}, DT_FLOAT);
  auto* set = body.Node("TensorArrayV2Write/TensorListSetItem", "TensorListSetItem",
                        {"output_ta", "time", "Tanh:y:0"});
  SetType(set, "element_dtype", DT_FLOAT);
  body.Const("add_1/y", Int32Tensor({}, {1}));
  body.Node("add_1", "AddV2", {"time", "add_1/y:output:0"}, DT_INT32);
  body.Ret("time_next", DT_INT32, "add_1:z:0");
  body.Ret("output_ta_next", DT_VARIANT, "TensorArrayV2Write/TensorListSetItem:output_handle:0");
  body.Ret("state_next", DT_FLOAT, "Tanh:y:0");
  body.Ret("input_ta_next", DT_VARIANT, "input_ta");
  body.Ret("steps_next", DT_INT32, "steps");
  body.Ret("kernel_next", DT_FLOAT, "kernel");
  body.Ret("recurrent_kernel_next", DT_FLOAT, "recurrent_kernel");
  body.Ret("bias_next", DT_FLOAT, "bias");
}

/// The layer: x [batch, time, features] and the weights → (last state, all states).
void AddLayer(tensorflow::FunctionDefLibrary& lib, const RnnOptions& o) {
  const auto units = static_cast<std::int32_t>(o.units);
  FunctionBuilder f(lib.add_function(), "simple_rnn_layer");
  f.Arg("inputs", DT_FLOAT);
  f.Arg("kernel", DT_FLOAT);
  f.Arg("recurrent_kernel", DT_FLOAT);
  f.Arg("bias", DT_FLOAT);
  f.Const("transpose/perm", Int32Tensor({3}, {1, 0, 2}));
  auto* t = f.Node("transpose", "Transpose", {"inputs", "transpose/perm:output:0"}, DT_FLOAT);
  SetType(t, "Tperm", DT_INT32);
  auto* shape = f.Node("Shape", "Shape", {"transpose:y:0"}, DT_FLOAT);
  SetType(shape, "out_type", DT_INT32);
  ScalarAt(f, "strided_slice", "Shape:output:0", 0);    // time
  ScalarAt(f, "strided_slice_1", "Shape:output:0", 1);  // batch
  f.Const("zeros/units", Int32Tensor({}, {units}));
  auto* pack = f.Node("zeros/packed", "Pack", {"strided_slice_1:output:0", "zeros/units:output:0"},
                      DT_INT32);
  SetInt(pack, "N", 2);
  SetInt(pack, "axis", 0);
  f.Const("zeros/Const", FloatTensor({}, {0.0F}));
  auto* zeros =
      f.Node("zeros", "Fill", {"zeros/packed:output:0", "zeros/Const:output:0"}, DT_FLOAT);
  SetType(zeros, "index_type", DT_INT32);
  f.Const("TensorArrayV2/element_shape", Int32Tensor({2}, {-1, units}));
  auto* reserve = f.Node("TensorArrayV2", "TensorListReserve",
                         {"TensorArrayV2/element_shape:output:0", "strided_slice:output:0"});
  SetType(reserve, "element_dtype", DT_FLOAT);
  SetType(reserve, "shape_type", DT_INT32);
  f.Const("TensorArrayUnstack/element_shape",
          Int32Tensor({2}, {-1, static_cast<std::int32_t>(o.features)}));
  auto* unstack = f.Node("TensorArrayUnstack/TensorListFromTensor", "TensorListFromTensor",
                         {"transpose:y:0", "TensorArrayUnstack/element_shape:output:0"});
  SetType(unstack, "element_dtype", DT_FLOAT);
  SetType(unstack, "shape_type", DT_INT32);
  f.Const("time", Int32Tensor({}, {0}));
  auto* loop = f.Node("while", "While",
                      {"time:output:0", "TensorArrayV2:handle:0", "zeros:output:0",
                       "TensorArrayUnstack/TensorListFromTensor:output_handle:0",
                       "strided_slice:output:0", "kernel", "recurrent_kernel", "bias"});
  SetTypeList(loop, "T", kLoopTypes);
  SetFunc(loop, "cond", "while_cond");
  SetFunc(loop, "body", "while_body");
  SetInt(loop, "parallel_iterations", 32);
  auto* stack = f.Node("TensorArrayV2Stack/TensorListStack", "TensorListStack",
                       {"while:output:1", "TensorArrayV2/element_shape:output:0"});
  SetType(stack, "element_dtype", DT_FLOAT);
  SetInt(stack, "num_elements", -1);
  auto* back =
      f.Node("transpose_1", "Transpose",
             {"TensorArrayV2Stack/TensorListStack:tensor:0", "transpose/perm:output:0"}, DT_FLOAT);
  SetType(back, "Tperm", DT_INT32);
  f.Ret("last", DT_FLOAT, "while:output:2");
  f.Ret("sequence", DT_FLOAT, "transpose_1:y:0");
}

void AddOpDefs(tensorflow::OpList& ops) {
  AddOutputOpDef(ops, "AddV2", "z", "T");
  AddOutputOpDef(ops, "BiasAdd", "output", "T");
  AddOutputOpDef(ops, "Const", "output", "dtype");
  AddOutputOpDef(ops, "Fill", "output", "T");
  AddOutputOpDef(ops, "Identity", "output", "T");
  AddOutputOpDef(ops, "Less", "z", "T");
  AddOutputOpDef(ops, "MatMul", "product", "T");
  AddOutputOpDef(ops, "Pack", "output", "T");
  AddOutputOpDef(ops, "Shape", "output", "out_type");
  AddOutputOpDef(ops, "StatefulPartitionedCall", "output", "Tout", true);
  AddOutputOpDef(ops, "StridedSlice", "output", "T");
  AddOutputOpDef(ops, "Tanh", "y", "T");
  // The list ops' handles have the fixed type DT_VARIANT; only the names matter here.
  AddOutputOpDef(ops, "TensorListFromTensor", "output_handle", "element_dtype");
  AddOutputOpDef(ops, "TensorListGetItem", "item", "element_dtype");
  AddOutputOpDef(ops, "TensorListReserve", "handle", "element_dtype");
  AddOutputOpDef(ops, "TensorListSetItem", "output_handle", "element_dtype");
  AddOutputOpDef(ops, "TensorListStack", "tensor", "element_dtype");
  AddOutputOpDef(ops, "Transpose", "y", "T");
  AddOutputOpDef(ops, "While", "output", "T", true);
}

std::vector<float> Smooth(std::int64_t n, float a, float b) {
  std::vector<float> v(static_cast<std::size_t>(n));
  for (std::int64_t i = 0; i < n; ++i) {
    v[static_cast<std::size_t>(i)] = 0.6F * std::sin(a * static_cast<float>(i) + b);
  }
  return v;
}

}  // namespace

RnnWeights RnnModelWeights(const RnnOptions& o) {
  return {Smooth(o.features * o.units, 1.3F, 0.2F), Smooth(o.units * o.units, 0.7F, 1.1F),
          Smooth(o.units, 2.1F, -0.4F)};
}

SavedModelToWrite RnnModel(const RnnOptions& o) {
  SavedModelToWrite model;
  model.proto.set_saved_model_schema_version(1);
  tensorflow::MetaGraphDef& mg = *model.proto.add_meta_graphs();
  mg.mutable_meta_info_def()->add_tags("serve");
  mg.mutable_meta_info_def()->set_tensorflow_git_version("tfsk rnn model writer");
  AddOpDefs(*mg.mutable_meta_info_def()->mutable_stripped_op_list());
  tensorflow::GraphDef& graph = *mg.mutable_graph_def();
  graph.mutable_versions()->set_producer(1286);
  AddCond(*graph.mutable_library());
  AddBody(*graph.mutable_library(), o);
  AddLayer(*graph.mutable_library(), o);

  GraphBuilder g(&graph);
  const RnnWeights w = RnnModelWeights(o);
  const std::vector<std::pair<std::string, std::vector<std::int64_t>>> vars = {
      {"simple_rnn/kernel", {o.features, o.units}},
      {"simple_rnn/recurrent_kernel", {o.units, o.units}},
      {"simple_rnn/bias", {o.units}}};
  const std::vector<const std::vector<float>*> values = {&w.kernel, &w.recurrent, &w.bias};
  std::vector<std::string> reads;
  for (std::size_t i = 0; i < vars.size(); ++i) {
    reads.push_back(g.Variable(vars[i].first, vars[i].second, FloatTensor(vars[i].second, {0.0F})));
    model.variables.push_back(
        BundleTensor{vars[i].first, DT_FLOAT, vars[i].second, FloatBytes(*values[i])});
  }
  g.Placeholder("x", DT_FLOAT, {-1, -1, o.features});
  auto* call = g.Add("simple_rnn/PartitionedCall", "StatefulPartitionedCall",
                     {"x", reads[0], reads[1], reads[2]});
  SetTypeList(call, "Tin", {DT_FLOAT, DT_FLOAT, DT_FLOAT, DT_FLOAT});
  SetTypeList(call, "Tout", {DT_FLOAT, DT_FLOAT});
  SetFunc(call, "f", "simple_rnn_layer");
  g.Unary("last", "Identity", "simple_rnn/PartitionedCall:0");
  g.Unary("sequence", "Identity", "simple_rnn/PartitionedCall:1");
  g.Add("group_deps", "NoOp");
  *mg.mutable_saver_def() = g.AddSaver();
  (*mg.mutable_collection_def())["saved_model_main_op"].mutable_node_list()->add_value(
      "group_deps");

  (*mg.mutable_signature_def())["serving_default"] =
      SignatureOf("predict", {{"x", TensorInfoOf("x:0", DT_FLOAT, {-1, -1, o.features})}},
                  {{"last", TensorInfoOf("last:0", DT_FLOAT, {-1, o.units})},
                   {"sequence", TensorInfoOf("sequence:0", DT_FLOAT, {-1, -1, o.units})}});
  return model;
}

}  // namespace tfsk::serving::savedmodel
