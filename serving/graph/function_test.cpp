#include <doctest/doctest.h>

#include "serving/graph/executor.h"
#include "serving/graph/graph_test_util.h"

namespace tfsk::serving {
using namespace testing;

namespace {

// A TF2-style graph: resource variable `a` passed to a call chain outer -> inner whose body
// refers to outputs as node:output_arg:index (list outputs included); `bump` only has a
// control_ret; `split` is called by using its name as the op type; `batch` is what
// tf.nondifferentiable_batch_function exports: a BatchFunction whose `f` takes the batched
// inputs, then the captured tensors.
const char* kGraph = R"pb(
  library {
    function {
      signature {
        name: "inner"
        input_arg { name: "x" type: DT_FLOAT }
        input_arg { name: "v" type: DT_RESOURCE }
        output_arg { name: "y" type: DT_FLOAT }
      }
      node_def { name: "read" op: "ReadVariableOp" input: "v" attr { key: "dtype" value { type: DT_FLOAT } } }
      node_def { name: "two" op: "Const" attr { key: "dtype" value { type: DT_FLOAT } }
                 attr { key: "value" value { tensor { dtype: DT_FLOAT tensor_shape {} float_val: 2 } } } }
      node_def { name: "pair" op: "IdentityN" input: "x" input: "two:output:0"
                 attr { key: "T" value { list { type: DT_FLOAT type: DT_FLOAT } } } }
      node_def { name: "mul" op: "Mul" input: "read:value:0" input: "pair:output:1" }
      node_def { name: "add" op: "AddV2" input: "mul:z:0" input: "pair:output:0" }
      node_def { name: "unused" op: "SaveV2" input: "x" }
      ret { key: "y" value: "add:z:0" }
    }
    function {
      signature {
        name: "outer"
        input_arg { name: "x" type: DT_FLOAT }
        input_arg { name: "v" type: DT_RESOURCE }
        output_arg { name: "out" type: DT_FLOAT }
      }
      node_def { name: "call" op: "StatefulPartitionedCall" input: "x" input: "v"
                 attr { key: "f" value { func { name: "inner" } } }
                 attr { key: "Tout" value { list { type: DT_FLOAT } } } }
      node_def { name: "id" op: "Identity" input: "call:output:0" }
      ret { key: "out" value: "id:output:0" }
    }
    function {
      signature { name: "bump" input_arg { name: "v" type: DT_RESOURCE } control_output: "assign" }
      node_def { name: "one" op: "Const" attr { key: "dtype" value { type: DT_FLOAT } }
                 attr { key: "value" value { tensor { dtype: DT_FLOAT tensor_shape {} float_val: 1 } } } }
      node_def { name: "assign" op: "AssignAddVariableOp" input: "v" input: "one:output:0" }
      control_ret { key: "assign" value: "assign" }
    }
    function {
      signature {
        name: "split"
        input_arg { name: "x" type: DT_FLOAT }
        output_arg { name: "second" type: DT_FLOAT }
      }
      node_def { name: "parts" op: "Unpack" input: "x"
                 attr { key: "num" value { i: 3 } } attr { key: "T" value { type: DT_FLOAT } } }
      ret { key: "second" value: "parts:output:1" }
    }
    function {
      signature { name: "broken" input_arg { name: "x" type: DT_FLOAT } output_arg { name: "y" type: DT_FLOAT } }
      node_def { name: "f" op: "FancyOp" input: "x" }
      ret { key: "y" value: "f:y:0" }
    }
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
  node { name: "a" op: "VarHandleOp" attr { key: "shared_name" value { s: "a" } }
         attr { key: "dtype" value { type: DT_FLOAT } } }
  node { name: "init_value" op: "Const" attr { key: "dtype" value { type: DT_FLOAT } }
         attr { key: "value" value { tensor { dtype: DT_FLOAT tensor_shape {} float_val: 0.5 } } } }
  node { name: "init" op: "AssignVariableOp" input: "a" input: "init_value" }
  node { name: "x" op: "Placeholder" attr { key: "dtype" value { type: DT_FLOAT } } }
  node { name: "call" op: "StatefulPartitionedCall" input: "x" input: "a"
         attr { key: "f" value { func { name: "outer" } } }
         attr { key: "Tout" value { list { type: DT_FLOAT } } } }
  node { name: "bump_call" op: "StatefulPartitionedCall" input: "a"
         attr { key: "f" value { func { name: "bump" } } } attr { key: "Tout" value { list {} } } }
  node { name: "read" op: "ReadVariableOp" input: "a" attr { key: "dtype" value { type: DT_FLOAT } } }
  node { name: "vec" op: "Placeholder" attr { key: "dtype" value { type: DT_FLOAT } } }
  node { name: "direct" op: "split" input: "vec" }
  node { name: "bad_call" op: "PartitionedCall" input: "x"
         attr { key: "f" value { func { name: "broken" } } } attr { key: "Tout" value { list { type: DT_FLOAT } } } }
  node { name: "missing_call" op: "PartitionedCall" input: "x"
         attr { key: "f" value { func { name: "nowhere" } } } attr { key: "Tout" value { list { type: DT_FLOAT } } } }
  node { name: "scale" op: "Const" attr { key: "dtype" value { type: DT_FLOAT } }
         attr { key: "value" value { tensor { dtype: DT_FLOAT tensor_shape {} float_val: 3 } } } }
  node { name: "batch" op: "BatchFunction" input: "vec" input: "scale"
         attr { key: "f" value { func { name: "scale_add" } } }
         attr { key: "Tin" value { list { type: DT_FLOAT } } }
         attr { key: "Tcaptured" value { list { type: DT_FLOAT } } }
         attr { key: "Tout" value { list { type: DT_FLOAT type: DT_INT32 } } }
         attr { key: "num_batch_threads" value { i: 2 } } attr { key: "max_batch_size" value { i: 8 } }
         attr { key: "batch_timeout_micros" value { i: 1000 } }
         attr { key: "allowed_batch_sizes" value { list { i: 4 i: 8 } } } }
)pb";

std::unique_ptr<Executor> Make() {
  auto exec = Executor::Create(ParseText<tensorflow::GraphDef>(kGraph), TestOpList());
  REQUIRE_MESSAGE(exec.ok(), exec.status().ToString());
  return std::move(*exec);
}

}  // namespace

TEST_SUITE("executor functions") {
  TEST_CASE("nested StatefulPartitionedCall with a resource argument and node:arg:index refs") {
    auto exec = Make();
    REQUIRE(exec->Run({}, {}, {"init"}).ok());
    auto out = exec->Run({{"x", *Tensor::FromVector<float>({1, 3}, {2})}}, {"call:0"});
    REQUIRE_MESSAGE(out.ok(), out.status().ToString());
    CHECK((*out)[0].flat<float>()[0] == 2);  // 0.5 * 2 + 1
    CHECK((*out)[0].flat<float>()[1] == 4);
  }

  TEST_CASE("control_ret nodes run even without outputs") {
    auto exec = Make();
    REQUIRE(exec->Run({}, {}, {"init"}).ok());
    REQUIRE(exec->Run({}, {}, {"bump_call"}).ok());
    REQUIRE(exec->Run({}, {}, {"bump_call"}).ok());
    auto a = exec->Run({}, {"read"});
    REQUIRE(a.ok());
    CHECK((*a)[0].flat<float>()[0] == 2.5f);
  }

  TEST_CASE("number_attr list outputs resolve, a function name works as an op type") {
    auto exec = Make();
    auto out = exec->Run({{"vec", *Tensor::FromVector<float>({1, 2, 3}, {3})}}, {"direct"});
    REQUIRE_MESSAGE(out.ok(), out.status().ToString());
    CHECK((*out)[0].flat<float>()[0] == 2);
  }

  TEST_CASE("BatchFunction runs f on the request's inputs and the captured tensors") {
    auto exec = Make();
    auto out = exec->Run({{"vec", *Tensor::FromVector<float>({1, 2, 5}, {3})}},
                         {"batch:0", "batch:1"});
    REQUIRE_MESSAGE(out.ok(), out.status().ToString());
    CHECK((*out)[0].shape() == Shape{3});
    CHECK((*out)[0].flat<float>()[0] == 4);  // 3 * 1 + 1
    CHECK((*out)[0].flat<float>()[2] == 16);
    // f saw this request's 3 rows, not a batch padded to an allowed size.
    CHECK((*out)[1].flat<std::int32_t>()[0] == 3);
  }

  TEST_CASE("reading an uninitialized resource variable inside a function fails") {
    auto exec = Make();
    auto out = exec->Run({{"x", Tensor::Scalar<float>(1)}}, {"call:0"});
    REQUIRE_FALSE(out.ok());
    CHECK(out.status().code() == Code::kFailedPrecondition);
    CHECK(out.status().message().find("[[{{node read}}]]") != std::string::npos);
  }

  TEST_CASE("calling a function with an unsupported op or a missing function fails") {
    auto exec = Make();
    auto bad = exec->Run({{"x", Tensor::Scalar<float>(1)}}, {"bad_call:0"});
    REQUIRE_FALSE(bad.ok());
    CHECK(bad.status().message().find("FancyOp") != std::string::npos);
    auto missing = exec->Run({{"x", Tensor::Scalar<float>(1)}}, {"missing_call:0"});
    REQUIRE_FALSE(missing.ok());
    CHECK(missing.status().code() == Code::kNotFound);
  }

  TEST_CASE("UnsupportedOps follows calls but skips function nodes no output needs") {
    auto exec = Make();
    auto ok = exec->UnsupportedOps({RunRoots{{"x:0"}, {"call:0"}, {"init", "bump_call"}}});
    REQUIRE(ok.ok());
    CHECK(ok->empty());  // inner's SaveV2 feeds nothing
    auto bad = exec->UnsupportedOps({RunRoots{{"x:0"}, {"bad_call:0"}, {}}});
    REQUIRE(bad.ok());
    CHECK(*bad == std::vector<std::string>{"FancyOp"});
  }
}

}  // namespace tfsk::serving
