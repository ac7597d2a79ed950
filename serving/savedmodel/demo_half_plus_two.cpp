// half_plus_two, built node by node like tf.compat.v1 export of TensorFlow Serving's
// saved_model_half_plus_two.py: variables a, b, c (and a2, c2 for the x2 path), a ParseExample
// front end for the classify/regress signatures, and a Saver.
#include "serving/savedmodel/demo_models.h"
#include "serving/savedmodel/graph_builder.h"

namespace tfsk::serving::savedmodel {
namespace {

using tensorflow::DT_FLOAT;
using tensorflow::DT_STRING;

// ParseExample over `tf_example` with dense keys x (required) and x2 (default 0), as
// tf.io.parse_example writes it; outputs 0 and 1 are [batch, 1] floats.
void AddParser(GraphBuilder& g) {
  g.Placeholder("tf_example", DT_STRING, {}, /*unknown_rank=*/true);
  g.Const("ParseExample/Const", FloatTensor({0}, {}));  // empty default: x is required
  g.Const("ParseExample/key_x2", FloatTensor({}, {0.0F}));
  g.Const("ParseExample/Reshape/shape", Int32Tensor({1}, {1}));
  auto* reshape = g.Binary("ParseExample/Reshape", "Reshape", "ParseExample/key_x2",
                           "ParseExample/Reshape/shape");
  (*reshape->mutable_attr())["Tshape"].set_type(tensorflow::DT_INT32);
  g.Const("ParseExample/ParseExample/names", StringTensor({0}, {}));
  g.Const("ParseExample/ParseExample/dense_keys_0", StringTensor({}, {"x"}));
  g.Const("ParseExample/ParseExample/dense_keys_1", StringTensor({}, {"x2"}));
  auto* parse = g.Add(
      "ParseExample/ParseExample", "ParseExample",
      {"tf_example", "ParseExample/ParseExample/names", "ParseExample/ParseExample/dense_keys_0",
       "ParseExample/ParseExample/dense_keys_1", "ParseExample/Const", "ParseExample/Reshape"});
  auto& attrs = *parse->mutable_attr();
  attrs["Nsparse"].set_i(0);
  attrs["Ndense"].set_i(2);
  attrs["Tdense"].mutable_list()->add_type(DT_FLOAT);
  attrs["Tdense"].mutable_list()->add_type(DT_FLOAT);
  *attrs["dense_shapes"].mutable_list()->add_shape() = ShapeOf({1});
  *attrs["dense_shapes"].mutable_list()->add_shape() = ShapeOf({1});
  attrs["sparse_types"].mutable_list();
}

tensorflow::SignatureDef Signature(const std::string& method, SignatureEntry input,
                                   SignatureEntry output) {
  return SignatureOf(method, {std::move(input)}, {std::move(output)});
}

}  // namespace

SavedModelToWrite HalfPlusTwo() {
  SavedModelToWrite model;
  model.proto.set_saved_model_schema_version(1);
  tensorflow::MetaGraphDef& mg = *model.proto.add_meta_graphs();
  mg.mutable_meta_info_def()->add_tags("serve");
  mg.mutable_meta_info_def()->set_tensorflow_git_version("tfsk demo model writer");
  GraphBuilder g(mg.mutable_graph_def());
  mg.mutable_graph_def()->mutable_versions()->set_producer(27);

  const std::string a = g.Variable("a", {}, FloatTensor({}, {0.5F}));
  const std::string b = g.Variable("b", {}, FloatTensor({}, {2.0F}));
  const std::string c = g.Variable("c", {}, FloatTensor({}, {3.0F}));
  AddParser(g);
  g.Unary("x", "Identity", "ParseExample/ParseExample");
  g.Binary("Mul", "Mul", a, "x");
  g.Binary("Add", "Add", "Mul", b);
  g.Unary("y", "Identity", "Add");
  g.Binary("Mul_1", "Mul", a, "x");
  g.Binary("Add_1", "Add", "Mul_1", c);
  g.Unary("y2", "Identity", "Add_1");
  g.Unary("x2", "Identity", "ParseExample/ParseExample:1");
  const std::string a2 = g.Variable("a2", {}, FloatTensor({}, {0.5F}));
  const std::string c2 = g.Variable("c2", {}, FloatTensor({}, {3.0F}));
  g.Binary("Mul_2", "Mul", a2, "x2");
  g.Binary("Add_2", "Add", "Mul_2", c2);
  g.Unary("y3", "Identity", "Add_2");
  g.Add("init", "NoOp", {"^a/Assign", "^a2/Assign", "^b/Assign", "^c/Assign", "^c2/Assign"});
  // The init op the loader runs after the restore. Nothing to do: the values come from the
  // checkpoint (the fixture's only assigns an asset path, which this model does not have).
  g.Add("group_deps", "NoOp");
  *mg.mutable_saver_def() = g.AddSaver();
  (*mg.mutable_collection_def())["saved_model_main_op"].mutable_node_list()->add_value(
      "group_deps");

  const std::vector<std::int64_t> batch1{-1, 1};
  auto& sigs = *mg.mutable_signature_def();
  const auto example =
      std::make_pair(std::string("inputs"), TensorInfoOf("tf_example:0", DT_STRING, {}, true));
  sigs["serving_default"] = Signature("predict", {"x", TensorInfoOf("x:0", DT_FLOAT, batch1)},
                                      {"y", TensorInfoOf("y:0", DT_FLOAT, batch1)});
  sigs["classify_x_to_y"] =
      Signature("classify", example, {"scores", TensorInfoOf("y:0", DT_FLOAT, batch1)});
  sigs["regress_x_to_y"] =
      Signature("regress", example, {"outputs", TensorInfoOf("y:0", DT_FLOAT, batch1)});
  sigs["regress_x_to_y2"] =
      Signature("regress", example, {"outputs", TensorInfoOf("y2:0", DT_FLOAT, batch1)});
  sigs["regress_x2_to_y3"] =
      Signature("regress", {"inputs", TensorInfoOf("x2:0", DT_FLOAT, batch1)},
                {"outputs", TensorInfoOf("y3:0", DT_FLOAT, batch1)});

  for (const auto& [name, value] : std::vector<std::pair<std::string, float>>{
           {"a", 0.5F}, {"a2", 0.5F}, {"b", 2.0F}, {"c", 3.0F}, {"c2", 3.0F}}) {
    model.variables.push_back(BundleTensor{name, DT_FLOAT, {}, FloatBytes({value})});
  }
  return model;
}

}  // namespace tfsk::serving::savedmodel
