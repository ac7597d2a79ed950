#include <doctest/doctest.h>

#include "serving/graph/executor.h"
#include "serving/graph/graph_test_util.h"

namespace tfsk::serving {
using namespace testing;

namespace {

// What tf.nondifferentiable_batch_function / TF Serving's in-graph batching export: a
// BatchFunction node whose `f` takes the batched inputs, then the captured tensors.
const char* kGraph = R"pb(
  library {
    function {
      signature {
        name: "scale_add"
        input_arg { name: "x" type: DT_FLOAT }
        input_arg { name: "scale" type: DT_FLOAT }
        output_arg { name: "y" type: DT_FLOAT }
        output_arg { name: "rows" type: DT_INT32 }
      }
      node_def { name: "one" op: "Const" attr { key: "dtype" value { type: DT_FLOAT } }
                 attr { key: "value" value { tensor { dtype: DT_FLOAT tensor_shape {} float_val: 1 } } } }
      node_def { name: "mul" op: "Mul" input: "x" input: "scale" }
      node_def { name: "add" op: "AddV2" input: "mul:z:0" input: "one:output:0" }
      node_def { name: "shape" op: "Shape" input: "x" attr { key: "out_type" value { type: DT_INT32 } } }
      ret { key: "y" value: "add:z:0" }
      ret { key: "rows" value: "shape:output:0" }
    }
  }
  node { name: "x" op: "Placeholder" attr { key: "dtype" value { type: DT_FLOAT } } }
  node { name: "scale" op: "Const" attr { key: "dtype" value { type: DT_FLOAT } }
         attr { key: "value" value { tensor { dtype: DT_FLOAT tensor_shape {} float_val: 3 } } } }
  node { name: "batch" op: "BatchFunction" input: "x" input: "scale"
         attr { key: "f" value { func { name: "scale_add" } } }
         attr { key: "Tin" value { list { type: DT_FLOAT } } }
         attr { key: "Tcaptured" value { list { type: DT_FLOAT } } }
         attr { key: "Tout" value { list { type: DT_FLOAT type: DT_INT32 } } }
         attr { key: "num_batch_threads" value { i: 2 } }
         attr { key: "max_batch_size" value { i: 8 } }
         attr { key: "batch_timeout_micros" value { i: 1000 } }
         attr { key: "allowed_batch_sizes" value { list { i: 4 i: 8 } } } }
)pb";

}  // namespace

TEST_SUITE("executor functions") {
  TEST_CASE("BatchFunction runs f on the request's inputs and the captured tensors") {
    auto exec = Executor::Create(ParseText<tensorflow::GraphDef>(kGraph), TestOpList());
    REQUIRE_MESSAGE(exec.ok(), exec.status().ToString());
    auto out = (*exec)->Run({{"x", *Tensor::FromVector<float>({1, 2, 5}, {3})}},
                            {"batch:0", "batch:1"});
    REQUIRE_MESSAGE(out.ok(), out.status().ToString());
    CHECK((*out)[0].shape() == Shape{3});
    CHECK((*out)[0].flat<float>()[0] == 4);  // 3 * 1 + 1
    CHECK((*out)[0].flat<float>()[2] == 16);
    // f saw this request's 3 rows, not a batch padded to an allowed size.
    CHECK((*out)[1].flat<std::int32_t>()[0] == 3);
  }
}

}  // namespace tfsk::serving
