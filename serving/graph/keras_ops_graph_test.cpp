// Kernels added for Keras exports, run through the executor: a multi-output op fetched by
// index, with attrs left out as `stripped_default_attrs` exports leave them.

#include <doctest/doctest.h>

#include <cmath>

#include "serving/graph/executor.h"
#include "serving/graph/graph_test_util.h"

namespace tfsk::serving {
using namespace testing;

namespace {

// TensorFlow's OpDef defaults for the attrs the graph below leaves out.
// clang-format off
tensorflow::OpList KerasOpList() {
  tensorflow::OpList ops = TestOpList();
  ops.MergeFrom(ParseText<tensorflow::OpList>(R"pb(
    op { name: "FusedBatchNormV3"
         output_arg { name: "y" type_attr: "T" }
         output_arg { name: "batch_mean" type_attr: "U" }
         output_arg { name: "batch_variance" type_attr: "U" }
         output_arg { name: "reserve_space_1" type_attr: "U" }
         output_arg { name: "reserve_space_2" type_attr: "U" }
         output_arg { name: "reserve_space_3" type_attr: "U" }
         attr { name: "epsilon" type: "float" default_value { f: 0.0001 } }
         attr { name: "data_format" type: "string" default_value { s: "NHWC" } }
         attr { name: "is_training" type: "bool" default_value { b: true } } }
    op { name: "DepthwiseConv2dNative" output_arg { name: "output" type_attr: "T" }
         attr { name: "data_format" type: "string" default_value { s: "NHWC" } }
         attr { name: "dilations" type: "list(int)" default_value { list { i: 1 i: 1 i: 1 i: 1 } } } }
  )pb"));
  return ops;
}

// x -> depthwise 1x1 (channel weights 2, 3) -> inference batch norm (epsilon left out) -> Relu.
const char* kBlock = R"pb(
  node { name: "x" op: "Placeholder" attr { key: "dtype" value { type: DT_FLOAT } } }
  node { name: "w" op: "Const" attr { key: "dtype" value { type: DT_FLOAT } }
         attr { key: "value" value { tensor { dtype: DT_FLOAT
                tensor_shape { dim { size: 1 } dim { size: 1 } dim { size: 2 } dim { size: 1 } }
                float_val: 2 float_val: 3 } } } }
  node { name: "dw" op: "DepthwiseConv2dNative" input: "x" input: "w"
         attr { key: "T" value { type: DT_FLOAT } }
         attr { key: "strides" value { list { i: 1 i: 1 i: 1 i: 1 } } }
         attr { key: "padding" value { s: "VALID" } } }
  node { name: "scale" op: "Const" attr { key: "dtype" value { type: DT_FLOAT } }
         attr { key: "value" value { tensor { dtype: DT_FLOAT tensor_shape { dim { size: 2 } }
                float_val: 1 float_val: 1 } } } }
  node { name: "offset" op: "Const" attr { key: "dtype" value { type: DT_FLOAT } }
         attr { key: "value" value { tensor { dtype: DT_FLOAT tensor_shape { dim { size: 2 } }
                float_val: 0 float_val: 0 } } } }
  node { name: "mean" op: "Const" attr { key: "dtype" value { type: DT_FLOAT } }
         attr { key: "value" value { tensor { dtype: DT_FLOAT tensor_shape { dim { size: 2 } }
                float_val: 0 float_val: 1 } } } }
  node { name: "var" op: "Const" attr { key: "dtype" value { type: DT_FLOAT } }
         attr { key: "value" value { tensor { dtype: DT_FLOAT tensor_shape { dim { size: 2 } }
                float_val: 1 float_val: 4 } } } }
  node { name: "bn" op: "FusedBatchNormV3" input: "dw" input: "scale" input: "offset"
         input: "mean" input: "var"
         attr { key: "T" value { type: DT_FLOAT } } attr { key: "U" value { type: DT_FLOAT } }
         attr { key: "is_training" value { b: false } } }
  node { name: "relu" op: "Relu" input: "bn" attr { key: "T" value { type: DT_FLOAT } } }
)pb";
// clang-format on

}  // namespace

TEST_SUITE("keras ops graph") {
  TEST_CASE("depthwise conv -> fused batch norm -> relu, fetching a secondary batch-norm output") {
    auto exec = Executor::Create(ParseText<tensorflow::GraphDef>(kBlock), KerasOpList());
    REQUIRE_MESSAGE(exec.ok(), exec.status().ToString());
    auto out = (*exec)->Run({{"x:0", *Tensor::FromVector<float>({1, 2}, {1, 1, 1, 2})}},
                            {"relu:0", "bn:2"});
    REQUIRE_MESSAGE(out.ok(), out.status().ToString());
    CHECK((*out)[0].shape() == Shape{1, 1, 1, 2});
    // (2*1 - 0) / sqrt(1 + 1e-4) and (3*2 - 1) / sqrt(4 + 1e-4): epsilon at its default.
    CHECK((*out)[0].flat<float>()[0] == doctest::Approx(2 / std::sqrt(1.0001)).epsilon(1e-6));
    CHECK((*out)[0].flat<float>()[1] == doctest::Approx(5 / std::sqrt(4.0001)).epsilon(1e-6));
    CHECK(std::vector<float>((*out)[1].flat<float>().begin(), (*out)[1].flat<float>().end()) ==
          std::vector<float>{1, 4});
  }
}

}  // namespace tfsk::serving
