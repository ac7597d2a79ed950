// mlp: x → [MatMul → BiasAdd → Relu] per hidden layer → MatMul → BiasAdd → Softmax, with
// Glorot-uniform weights from a seeded generator of our own (std distributions are not
// reproducible across standard libraries; std::mt19937's raw output is).
#include <cmath>
#include <random>

#include "serving/savedmodel/demo_models.h"
#include "serving/savedmodel/graph_builder.h"

namespace tfsk::serving::savedmodel {
namespace {

using tensorflow::DT_FLOAT;

std::vector<float> Uniform(std::mt19937& gen, std::size_t n, float limit) {
  std::vector<float> out(n);
  for (auto& v : out) {
    const float unit = static_cast<float>(gen() >> 8) / 16777216.0F;  // [0, 1), 24 bits
    v = (2.0F * unit - 1.0F) * limit;
  }
  return out;
}

}  // namespace

SavedModelToWrite Mlp(const MlpOptions& o) {
  SavedModelToWrite model;
  model.proto.set_saved_model_schema_version(1);
  tensorflow::MetaGraphDef& mg = *model.proto.add_meta_graphs();
  mg.mutable_meta_info_def()->add_tags("serve");
  mg.mutable_meta_info_def()->set_tensorflow_git_version("tfsk demo model writer");
  GraphBuilder g(mg.mutable_graph_def());
  mg.mutable_graph_def()->mutable_versions()->set_producer(27);
  std::mt19937 gen(o.seed);

  g.Placeholder("x", DT_FLOAT, {-1, o.inputs});
  std::string prev = "x";
  std::int64_t width = o.inputs;
  std::vector<std::int64_t> layers = o.hidden;
  layers.push_back(o.classes);
  for (std::size_t i = 0; i < layers.size(); ++i) {
    const std::string scope = "dense_" + std::to_string(i);
    const std::int64_t out = layers[i];
    const float limit = std::sqrt(6.0F / static_cast<float>(width + out));
    auto kernel = Uniform(gen, static_cast<std::size_t>(width * out), limit);
    auto bias = Uniform(gen, static_cast<std::size_t>(out), 0.1F);
    // The initializers are zeros (one splatted value keeps saved_model.pb small); the real
    // values live in the checkpoint, which the loader restores.
    const std::string k =
        g.Variable(scope + "/kernel", {width, out}, FloatTensor({width, out}, {0.0F}));
    const std::string b = g.Variable(scope + "/bias", {out}, FloatTensor({out}, {0.0F}));
    model.variables.push_back(
        BundleTensor{scope + "/kernel", DT_FLOAT, {width, out}, FloatBytes(kernel)});
    model.variables.push_back(BundleTensor{scope + "/bias", DT_FLOAT, {out}, FloatBytes(bias)});
    auto* mm = g.Binary(scope + "/MatMul", "MatMul", prev, k);
    (*mm->mutable_attr())["transpose_a"].set_b(false);
    (*mm->mutable_attr())["transpose_b"].set_b(false);
    auto* ba = g.Binary(scope + "/BiasAdd", "BiasAdd", scope + "/MatMul", b);
    (*ba->mutable_attr())["data_format"].set_s("NHWC");
    const bool last = i + 1 == layers.size();
    prev = scope + (last ? "/Softmax" : "/Relu");
    g.Unary(prev, last ? "Softmax" : "Relu", scope + "/BiasAdd");
    width = out;
  }
  g.Unary("probabilities", "Identity", prev);
  g.Add("group_deps", "NoOp");
  *mg.mutable_saver_def() = g.AddSaver();
  (*mg.mutable_collection_def())["saved_model_main_op"].mutable_node_list()->add_value(
      "group_deps");

  tensorflow::SignatureDef sig;
  (*sig.mutable_inputs())["x"] = TensorInfoOf("x:0", DT_FLOAT, {-1, o.inputs});
  (*sig.mutable_outputs())["probabilities"] =
      TensorInfoOf("probabilities:0", DT_FLOAT, {-1, o.classes});
  sig.set_method_name("tensorflow/serving/predict");
  (*mg.mutable_signature_def())["serving_default"] = sig;
  return model;
}

}  // namespace tfsk::serving::savedmodel
