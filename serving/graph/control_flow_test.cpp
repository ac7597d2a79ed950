// Functional control flow: If/StatelessIf and While/StatelessWhile with function bodies.

#include <doctest/doctest.h>

#include "serving/graph/executor.h"
#include "serving/graph/functional_ops.h"
#include "serving/graph/graph_test_util.h"
#include "serving/graph/control_flow_test_util.h"

namespace tfsk::serving {
using namespace testing;

namespace {

// Loops and branches written as TensorFlow exports them: function bodies refer to outputs as
// node:output_arg:index, results may be arguments passed straight through.
const char* kGraph = R"pb(
  library {
    function {
      signature {
        name: "countdown_cond"
        input_arg { name: "k" type: DT_INT32 }
        input_arg { name: "acc" type: DT_FLOAT }
        output_arg { name: "k_out" type: DT_INT32 }
      }
      ret { key: "k_out" value: "k" }
    }
    function {
      signature {
        name: "countdown_body"
        input_arg { name: "k" type: DT_INT32 }
        input_arg { name: "acc" type: DT_FLOAT }
        output_arg { name: "k_next" type: DT_INT32 }
        output_arg { name: "acc_next" type: DT_FLOAT }
      }
      node_def {
        name: "minus_one"
        op: "Const"
        attr {
          key: "dtype"
          value { type: DT_INT32 }
        }
        attr {
          key: "value"
          value {
            tensor {
              dtype: DT_INT32
              tensor_shape {}
              int_val: -1
            }
          }
        }
      }
      node_def {
        name: "two"
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
              float_val: 2
            }
          }
        }
      }
      node_def { name: "k_next" op: "AddV2" input: "k" input: "minus_one:output:0" }
      node_def { name: "acc_next" op: "Mul" input: "acc" input: "two:output:0" }
      ret { key: "k_next" value: "k_next:z:0" }
      ret { key: "acc_next" value: "acc_next:z:0" }
    }
    function {
      signature {
        name: "pair_cond"
        input_arg { name: "k" type: DT_INT32 }
        input_arg { name: "acc" type: DT_FLOAT }
        output_arg { name: "a" type: DT_INT32 }
        output_arg { name: "b" type: DT_FLOAT }
      }
      ret { key: "a" value: "k" }
      ret { key: "b" value: "acc" }
    }
    function {
      signature {
        name: "short_body"
        input_arg { name: "k" type: DT_INT32 }
        input_arg { name: "acc" type: DT_FLOAT }
        output_arg { name: "k_next" type: DT_INT32 }
      }
      node_def {
        name: "zero"
        op: "Const"
        attr {
          key: "dtype"
          value { type: DT_INT32 }
        }
        attr {
          key: "value"
          value {
            tensor {
              dtype: DT_INT32
              tensor_shape {}
              int_val: 0
            }
          }
        }
      }
      ret { key: "k_next" value: "zero:output:0" }
    }
    function {
      signature {
        name: "double_it"
        input_arg { name: "x" type: DT_FLOAT }
        output_arg { name: "y" type: DT_FLOAT }
      }
      node_def {
        name: "two"
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
              float_val: 2
            }
          }
        }
      }
      node_def { name: "mul" op: "Mul" input: "x" input: "two:output:0" }
      ret { key: "y" value: "mul:z:0" }
    }
    function {
      signature {
        name: "pass_through"
        input_arg { name: "x" type: DT_FLOAT }
        output_arg { name: "y" type: DT_FLOAT }
      }
      ret { key: "y" value: "x" }
    }
  }
  node {
    name: "k0"
    op: "Placeholder"
    attr {
      key: "dtype"
      value { type: DT_INT32 }
    }
  }
  node {
    name: "acc0"
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
  node {
    name: "countdown"
    op: "StatelessWhile"
    input: "k0"
    input: "acc0"
    attr {
      key: "T"
      value { list { type: DT_INT32 type: DT_FLOAT } }
    }
    attr {
      key: "cond"
      value { func { name: "countdown_cond" } }
    }
    attr {
      key: "body"
      value { func { name: "countdown_body" } }
    }
    attr {
      key: "parallel_iterations"
      value { i: 10 }
    }
  }
  node {
    name: "two_cond_outputs"
    op: "While"
    input: "k0"
    input: "acc0"
    attr {
      key: "T"
      value { list { type: DT_INT32 type: DT_FLOAT } }
    }
    attr {
      key: "cond"
      value { func { name: "pair_cond" } }
    }
    attr {
      key: "body"
      value { func { name: "countdown_body" } }
    }
  }
  node {
    name: "short_loop"
    op: "While"
    input: "k0"
    input: "acc0"
    attr {
      key: "T"
      value { list { type: DT_INT32 type: DT_FLOAT } }
    }
    attr {
      key: "cond"
      value { func { name: "countdown_cond" } }
    }
    attr {
      key: "body"
      value { func { name: "short_body" } }
    }
  }
  node {
    name: "pred"
    op: "Placeholder"
    attr {
      key: "dtype"
      value { type: DT_BOOL }
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
    name: "choose"
    op: "If"
    input: "pred"
    input: "x"
    attr {
      key: "Tcond"
      value { type: DT_BOOL }
    }
    attr {
      key: "Tin"
      value { list { type: DT_FLOAT } }
    }
    attr {
      key: "Tout"
      value { list { type: DT_FLOAT } }
    }
    attr {
      key: "then_branch"
      value { func { name: "double_it" } }
    }
    attr {
      key: "else_branch"
      value { func { name: "pass_through" } }
    }
  }
  node {
    name: "missing_else"
    op: "StatelessIf"
    input: "pred"
    input: "x"
    attr {
      key: "Tout"
      value { list { type: DT_FLOAT } }
    }
    attr {
      key: "then_branch"
      value { func { name: "double_it" } }
    }
    attr {
      key: "else_branch"
      value { func { name: "nowhere" } }
    }
  }
  node {
    name: "wrong_tout"
    op: "If"
    input: "pred"
    input: "x"
    attr {
      key: "Tout"
      value { list { type: DT_INT32 } }
    }
    attr {
      key: "then_branch"
      value { func { name: "double_it" } }
    }
    attr {
      key: "else_branch"
      value { func { name: "pass_through" } }
    }
  }
)pb";

tensorflow::OpList OpList() {
  auto ops = TestOpList();
  ops.MergeFrom(ParseText<tensorflow::OpList>(R"pb(
    op {
      name: "While"
      output_arg { name: "output" type_list_attr: "T" }
    }
    op {
      name: "StatelessWhile"
      output_arg { name: "output" type_list_attr: "T" }
    }
    op {
      name: "If"
      output_arg { name: "output" type_list_attr: "Tout" }
    }
    op {
      name: "StatelessIf"
      output_arg { name: "output" type_list_attr: "Tout" }
    }
  )pb"));
  return ops;
}

std::unique_ptr<Executor> Make() {
  auto exec = Executor::Create(ParseText<tensorflow::GraphDef>(kGraph), OpList());
  REQUIRE_MESSAGE(exec.ok(), exec.status().ToString());
  return std::move(*exec);
}

}  // namespace

TEST_SUITE("executor control flow") {
  TEST_CASE("a While over function bodies sums 1..n, only cond ends the loop") {
    auto exec = ControlFlowExecutor();
    CHECK(SumTo(*exec, 0) == 0);
    CHECK(SumTo(*exec, 1) == 1);
    CHECK(SumTo(*exec, 10) == 55);
    CHECK(SumTo(*exec, -5) == 0);
    CHECK(SumTo(*exec, 20000) == 200010000);  // far beyond any fixed iteration cap
  }

  TEST_CASE("StatelessIf picks relu or negation by its predicate") {
    auto exec = ControlFlowExecutor();
    auto x = *Tensor::FromVector<float>({-1.5F, 2.0F}, {2});
    auto relu = exec->Run({{"x", x}, {"use_relu", Tensor::Scalar<bool>(true)}}, {"y"});
    REQUIRE_MESSAGE(relu.ok(), relu.status().ToString());
    CHECK((*relu)[0].Equals(*Tensor::FromVector<float>({0.0F, 2.0F}, {2})));
    auto neg = exec->Run({{"x", x}, {"use_relu", Tensor::Scalar<bool>(false)}}, {"y"});
    REQUIRE_MESSAGE(neg.ok(), neg.status().ToString());
    CHECK((*neg)[0].Equals(*Tensor::FromVector<float>({1.5F, -2.0F}, {2})));
  }

  TEST_CASE("a While cond may return a number: nonzero continues (countdown doubles acc k times)") {
    auto exec = Make();
    auto out = exec->Run({{"k0", Tensor::Scalar<std::int32_t>(3)}}, {"countdown:0", "countdown:1"});
    REQUIRE_MESSAGE(out.ok(), out.status().ToString());
    CHECK((*out)[0].flat<std::int32_t>()[0] == 0);
    CHECK((*out)[1].flat<float>()[0] == 8);
    auto none = exec->Run({{"k0", Tensor::Scalar<std::int32_t>(0)}}, {"countdown:1"});
    REQUIRE(none.ok());
    CHECK((*none)[0].flat<float>()[0] == 1);  // cond false at once: the inputs pass through
  }

  TEST_CASE("If follows TensorFlow's truth rule: scalars by value, other ranks by emptiness") {
    auto exec = Make();
    auto run = [&](Tensor pred) {
      auto out = exec->Run({{"pred", pred}, {"x", Tensor::Scalar<float>(5)}}, {"choose"});
      REQUIRE_MESSAGE(out.ok(), out.status().ToString());
      return (*out)[0].flat<float>()[0];
    };
    CHECK(run(Tensor::Scalar<bool>(true)) == 10);
    CHECK(run(Tensor::Scalar<bool>(false)) == 5);
    CHECK(run(Tensor::Scalar<float>(0.5F)) == 10);
    CHECK(run(Tensor::Scalar<std::int64_t>(0)) == 5);
    CHECK(run(Tensor::Scalar<std::string>("")) == 5);
    CHECK(run(*Tensor::FromVector<bool>({false}, {1})) ==
          10);  // non-empty: true, whatever it holds
    CHECK(run(Tensor(DataType::kBool, {0})) == 5);
  }

  TEST_CASE("an If predicate of a dtype without a truth value fails naming the node") {
    auto exec = Make();
    auto out = exec->Run({{"pred", Tensor(DataType::kUint32, {})}, {"x", Tensor::Scalar<float>(1)}},
                         {"choose"});
    REQUIRE_FALSE(out.ok());
    CHECK(out.status().code() == Code::kInvalidArgument);
    CHECK(out.status().message().find("If predicate: uint32 cannot be converted to a boolean") ==
          0);
    CHECK(out.status().message().find("[[{{node choose}}]]") != std::string::npos);
  }

  TEST_CASE("a missing branch function fails the plan and is reported as unsupported") {
    auto exec = Make();
    auto out = exec->Run({{"pred", Tensor::Scalar<bool>(true)}, {"x", Tensor::Scalar<float>(1)}},
                         {"missing_else"});
    REQUIRE_FALSE(out.ok());
    CHECK(out.status().code() == Code::kNotFound);
    CHECK(out.status().message() ==
          "Function 'nowhere' not found in the library (node 'missing_else')");
    auto unsupported = exec->UnsupportedOps({RunRoots{{"pred", "x"}, {"missing_else"}, {}}});
    REQUIRE(unsupported.ok());
    CHECK(*unsupported == std::vector<std::string>{"StatelessIf of missing function nowhere"});
    auto fine = exec->UnsupportedOps({RunRoots{{"k0", "pred", "x"}, {"countdown", "choose"}, {}}});
    REQUIRE(fine.ok());
    CHECK(fine->empty());
  }

  TEST_CASE("malformed loops and branches fail with what was expected") {
    auto exec = Make();
    const std::map<std::string, Tensor> k{{"k0", Tensor::Scalar<std::int32_t>(2)}};
    auto pair = exec->Run(k, {"two_cond_outputs:0"});
    REQUIRE_FALSE(pair.ok());
    CHECK(pair.status().message().find(
              "While cond 'pair_cond' must return a single scalar, got 2 tensors") == 0);
    auto short_body = exec->Run(k, {"short_loop:0"});
    REQUIRE_FALSE(short_body.ok());
    CHECK(short_body.status().message().find(
              "While body 'short_body' returned 1 loop variables, expected 2") == 0);
    auto typed = exec->Run({{"pred", Tensor::Scalar<bool>(true)}, {"x", Tensor::Scalar<float>(1)}},
                           {"wrong_tout"});
    REQUIRE_FALSE(typed.ok());
    CHECK(typed.status().code() == Code::kInternal);
    CHECK(typed.status().message().find(
              "If branch 'double_it' output 0 is float, but Tout declares int32") == 0);
  }

  TEST_CASE("PredicateValue rejects dtypes TensorFlow cannot convert") {
    CHECK(PredicateValue(Tensor(DataType::kResource, {})).status().message() ==
          "resource cannot be converted to a boolean");
    CHECK(*PredicateValue(Tensor::Scalar<std::int8_t>(-1)));
    CHECK_FALSE(*PredicateValue(Tensor::Scalar<double>(0.0)));
  }
}

}  // namespace tfsk::serving
