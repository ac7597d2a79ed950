// Case/StatelessCase (tf.switch_case): branch_index picks one of `branches`; an index out of
// range runs the last branch, as TensorFlow's CaseOp does.

#include <doctest/doctest.h>

#include "serving/graph/executor.h"
#include "serving/graph/functional_ops.h"
#include "serving/graph/graph_test_util.h"

namespace tfsk::serving {
using namespace testing;

namespace {

// Three branches on a float: x * 2, x + 1, -x; "broken" names a function the library lacks.
const char* kGraph = R"pb(
  library {
    function {
      signature {
        name: "double_it"
        input_arg { name: "x" type: DT_FLOAT }
        output_arg { name: "y" type: DT_FLOAT }
      }
      node_def { name: "sum" op: "AddV2" input: "x" input: "x" }
      ret { key: "y" value: "sum:z:0" }
    }
    function {
      signature {
        name: "add_one"
        input_arg { name: "x" type: DT_FLOAT }
        output_arg { name: "y" type: DT_FLOAT }
      }
      node_def {
        name: "one"
        op: "Const"
        attr {
          key: "dtype"
          value { type: DT_FLOAT }
        }
        attr {
          key: "value"
          value {
            tensor {
              dtype: DT_FLOAT
              tensor_shape {}
              float_val: 1
            }
          }
        }
      }
      node_def { name: "sum" op: "AddV2" input: "x" input: "one:output:0" }
      ret { key: "y" value: "sum:z:0" }
    }
    function {
      signature {
        name: "negate"
        input_arg { name: "x" type: DT_FLOAT }
        output_arg { name: "y" type: DT_FLOAT }
      }
      node_def { name: "neg" op: "Neg" input: "x" }
      ret { key: "y" value: "neg:y:0" }
    }
  }
  node {
    name: "index"
    op: "Placeholder"
    attr {
      key: "dtype"
      value { type: DT_INT32 }
    }
  }
  node {
    name: "x"
    op: "Placeholder"
    attr {
      key: "dtype"
      value { type: DT_FLOAT }
    }
  }
  node {
    name: "pick"
    op: "Case"
    input: "index"
    input: "x"
    attr {
      key: "Tin"
      value { list { type: DT_FLOAT } }
    }
    attr {
      key: "Tout"
      value { list { type: DT_FLOAT } }
    }
    attr {
      key: "branches"
      value {
        list {
          func { name: "double_it" }
          func { name: "add_one" }
          func { name: "negate" }
        }
      }
    }
  }
  node {
    name: "broken"
    op: "StatelessCase"
    input: "index"
    input: "x"
    attr {
      key: "Tout"
      value { list { type: DT_FLOAT } }
    }
    attr {
      key: "branches"
      value {
        list {
          func { name: "double_it" }
          func { name: "nowhere" }
        }
      }
    }
  }
)pb";

std::unique_ptr<Executor> Make() {
  auto ops = TestOpList();
  ops.MergeFrom(ParseText<tensorflow::OpList>(R"pb(
    op {
      name: "Neg"
      output_arg { name: "y" type_attr: "T" }
    }
    op {
      name: "Case"
      output_arg { name: "output" type_list_attr: "Tout" }
    }
    op {
      name: "StatelessCase"
      output_arg { name: "output" type_list_attr: "Tout" }
    }
  )pb"));
  auto exec = Executor::Create(ParseText<tensorflow::GraphDef>(kGraph), ops);
  REQUIRE_MESSAGE(exec.ok(), exec.status().ToString());
  return std::move(*exec);
}

}  // namespace

TEST_SUITE("executor Case") {
  TEST_CASE("Case runs the indexed branch, the last one for an index out of range") {
    auto exec = Make();
    auto run = [&](std::int32_t index) {
      auto out = exec->Run(
          {{"index", Tensor::Scalar<std::int32_t>(index)}, {"x", Tensor::Scalar<float>(5)}},
          {"pick"});
      REQUIRE_MESSAGE(out.ok(), out.status().ToString());
      return (*out)[0].flat<float>()[0];
    };
    CHECK(run(0) == 10);
    CHECK(run(1) == 6);
    CHECK(run(2) == -5);
    CHECK(run(3) == -5);
    CHECK(run(-1) == -5);
  }

  TEST_CASE("a non-scalar branch_index fails naming the node") {
    auto exec = Make();
    auto out = exec->Run(
        {{"index", *Tensor::FromVector<std::int32_t>({0}, {1})}, {"x", Tensor::Scalar<float>(1)}},
        {"pick"});
    REQUIRE_FALSE(out.ok());
    CHECK(out.status().code() == Code::kInvalidArgument);
    CHECK(out.status().message().find("branch_index must be scalar") == 0);
    CHECK(out.status().message().find("[[{{node pick}}]]") != std::string::npos);
  }

  TEST_CASE("a missing branch function fails the plan and is reported as unsupported") {
    auto exec = Make();
    auto out = exec->Run(
        {{"index", Tensor::Scalar<std::int32_t>(0)}, {"x", Tensor::Scalar<float>(1)}}, {"broken"});
    REQUIRE_FALSE(out.ok());
    CHECK(out.status().message() == "Function 'nowhere' not found in the library (node 'broken')");
    auto unsupported = exec->UnsupportedOps({RunRoots{{"index", "x"}, {"broken"}, {}}});
    REQUIRE(unsupported.ok());
    CHECK(*unsupported == std::vector<std::string>{"StatelessCase of missing function nowhere"});
  }

  TEST_CASE("CaseBranch: int32 scalars only") {
    CHECK(*CaseBranch(Tensor::Scalar<std::int32_t>(1), 3) == 1);
    CHECK(*CaseBranch(Tensor::Scalar<std::int32_t>(7), 3) == 2);
    CHECK(CaseBranch(Tensor::Scalar<std::int64_t>(0), 3).status().message() ==
          "branch_index must be int32, got int64");
  }
}

}  // namespace tfsk::serving
