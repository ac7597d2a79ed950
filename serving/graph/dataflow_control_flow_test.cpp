// TF1 dataflow control flow: Switch/Merge conditionals (tf.cond, Keras' learning phase),
// deadness through data and control edges, ControlTrigger, and Enter/Exit/NextIteration while
// loops (tf.while_loop), written the way TF1 exports them.

#include <doctest/doctest.h>

#include <chrono>
#include <cstdint>
#include <string>

#include "serving/graph/executor.h"
#include "serving/graph/graph_test_util.h"

namespace tfsk::serving {
using namespace testing;

namespace {

// Text-proto pieces for the graphs below.
std::string Const(const std::string& name, const std::string& dtype, const std::string& value,
                  const std::string& control = "") {
  const std::string field = dtype == "DT_FLOAT"  ? "float_val"
                            : dtype == "DT_BOOL" ? "bool_val"
                                                 : "int_val";
  return "node { name: '" + name + "' op: 'Const' " +
         (control.empty() ? "" : "input: '^" + control + "' ") +
         "attr { key: 'dtype' value { type: " + dtype +
         " } } attr { key: 'value' value { tensor { dtype: " + dtype + " tensor_shape {} " + field +
         ": " + value + " } } } }\n";
}
std::string Placeholder(const std::string& name, const std::string& dtype) {
  return "node { name: '" + name +
         "' op: 'Placeholder' attr { key: 'dtype' value { type: " + dtype + " } } }\n";
}
std::string Op(const std::string& name, const std::string& op,
               std::initializer_list<std::string> inputs) {
  std::string s = "node { name: '" + name + "' op: '" + op + "'";
  for (const auto& in : inputs) s += " input: '" + in + "'";
  return s + " }\n";
}
std::string Enter(const std::string& name, const std::string& input, const std::string& frame,
                  bool constant = false) {
  return "node { name: '" + name + "' op: 'Enter' input: '" + input +
         "' attr { key: 'frame_name' value { s: '" + frame + "' } }" +
         (constant ? " attr { key: 'is_constant' value { b: true } }" : "") + " }\n";
}

// tf.cond(pred, lambda: x * 2, lambda: -x) as TF1 builds it: the predicate switched on itself
// gives the branch pivots (switch_t/switch_f), x enters each branch through a Switch on
// pred_id, branch constants hang on the pivot by a control edge, and a Merge joins.
std::string CondGraph() {
  return Placeholder("x", "DT_FLOAT") + Placeholder("pred", "DT_BOOL") +
         Op("cond/Switch", "Switch", {"pred", "pred"}) +
         Op("cond/switch_t", "Identity", {"cond/Switch:1"}) +
         Op("cond/switch_f", "Identity", {"cond/Switch"}) +
         Op("cond/pred_id", "Identity", {"pred"}) +
         Op("cond/Switch_1", "Switch", {"x", "cond/pred_id"}) +
         Const("cond/two", "DT_FLOAT", "2", "cond/switch_t") +
         Op("cond/mul", "Mul", {"cond/Switch_1:1", "cond/two"}) +
         Op("cond/neg", "Neg", {"cond/Switch_1"}) +
         Op("cond/Merge", "Merge", {"cond/neg", "cond/mul"}) + Const("one", "DT_FLOAT", "1") +
         Op("out", "AddV2", {"cond/Merge", "one"}) +
         // Runs only in the true branch: its one input is live, its control input is not.
         Op("cond/side", "Identity", {"x", "^cond/switch_t"}) +
         // After both branches: a NoOp dies with the untaken one, a ControlTrigger never does.
         Op("noop", "NoOp", {"^cond/mul", "^cond/neg"}) +
         Op("after_noop", "Identity", {"x", "^noop"}) +
         Op("trigger", "ControlTrigger", {"^cond/mul", "^cond/neg"}) +
         Op("after_trigger", "Identity", {"x", "^trigger"});
}

// The outer cond's true branch holds another cond: outer true -> (inner true ? 3x : -x),
// outer false -> x. The inner predicate enters the outer branch through a Switch too.
std::string NestedCondGraph() {
  return Placeholder("x", "DT_FLOAT") + Placeholder("p", "DT_BOOL") + Placeholder("q", "DT_BOOL") +
         Op("outer/Switch", "Switch", {"p", "p"}) +
         Op("outer/switch_t", "Identity", {"outer/Switch:1"}) +
         Op("outer/pred_id", "Identity", {"p"}) +
         Op("outer/Switch_x", "Switch", {"x", "outer/pred_id"}) +
         Op("outer/Switch_q", "Switch", {"q", "outer/pred_id"}) +
         Op("inner/Switch", "Switch", {"outer/Switch_q:1", "outer/Switch_q:1"}) +
         Op("inner/switch_t", "Identity", {"inner/Switch:1"}) +
         Op("inner/pred_id", "Identity", {"outer/Switch_q:1"}) +
         Op("inner/Switch_x", "Switch", {"outer/Switch_x:1", "inner/pred_id"}) +
         Const("inner/three", "DT_FLOAT", "3", "inner/switch_t") +
         Op("inner/t", "Mul", {"inner/Switch_x:1", "inner/three"}) +
         Op("inner/f", "Neg", {"inner/Switch_x"}) +
         Op("inner/Merge", "Merge", {"inner/f", "inner/t"}) +
         Op("outer/f", "Identity", {"outer/Switch_x"}) +
         Op("outer/Merge", "Merge", {"outer/f", "inner/Merge"});
}

// A TF1 Keras model's Dropout: keras_learning_phase (PlaceholderWithDefault false) picks the
// training branch (x scaled by 1/keep_prob, here 2 with a mask of ones) or the identity.
std::string LearningPhaseGraph() {
  return Const("keras_learning_phase/input", "DT_BOOL", "false") +
         "node { name: 'keras_learning_phase' op: 'PlaceholderWithDefault' input: "
         "'keras_learning_phase/input' attr { key: 'dtype' value { type: DT_BOOL } } attr { "
         "key: 'shape' value { shape {} } } }\n" +
         Placeholder("x", "DT_FLOAT") +
         Op("dropout/cond/Switch", "Switch", {"keras_learning_phase", "keras_learning_phase"}) +
         Op("dropout/cond/switch_t", "Identity", {"dropout/cond/Switch:1"}) +
         Op("dropout/cond/pred_id", "Identity", {"keras_learning_phase"}) +
         Op("dropout/cond/mul/Switch", "Switch", {"x", "dropout/cond/pred_id"}) +
         Const("dropout/cond/mul/y", "DT_FLOAT", "2", "dropout/cond/switch_t") +
         Op("dropout/cond/mul", "Mul", {"dropout/cond/mul/Switch:1", "dropout/cond/mul/y"}) +
         Op("dropout/cond/Identity/Switch", "Switch", {"x", "dropout/cond/pred_id"}) +
         Op("dropout/cond/Identity", "Identity", {"dropout/cond/Identity/Switch"}) +
         Op("dropout/cond/Merge", "Merge", {"dropout/cond/Identity", "dropout/cond/mul"}) +
         Const("dense/w", "DT_FLOAT", "10") +
         Op("dense/MatMul", "Mul", {"dropout/cond/Merge", "dense/w"});
}

// tf.while_loop(lambda i, acc: i < n, lambda i, acc: (i + 1, acc * factor), (0, x)) as TF1
// builds it; n and factor are loop invariants (Enter is_constant).
std::string CounterLoopGraph(const std::string& start = "zero") {
  const std::string f = "while/while_context";
  return Placeholder("n", "DT_INT32") + Placeholder("x", "DT_FLOAT") +
         Placeholder("factor", "DT_FLOAT") + Const("zero", "DT_INT32", "0") +
         Enter("while/Enter", start, f) + Enter("while/Enter_1", "x", f) +
         Op("while/Merge", "Merge", {"while/Enter", "while/NextIteration"}) +
         Op("while/Merge_1", "Merge", {"while/Enter_1", "while/NextIteration_1"}) +
         Enter("while/Less/Enter", "n", f, true) +
         Op("while/Less", "Less", {"while/Merge", "while/Less/Enter"}) +
         Op("while/LoopCond", "LoopCond", {"while/Less"}) +
         Op("while/Switch", "Switch", {"while/Merge", "while/LoopCond"}) +
         Op("while/Switch_1", "Switch", {"while/Merge_1", "while/LoopCond"}) +
         Op("while/Identity", "Identity", {"while/Switch:1"}) +
         Op("while/Identity_1", "Identity", {"while/Switch_1:1"}) +
         Const("while/add/y", "DT_INT32", "1", "while/Identity") +
         Op("while/add", "AddV2", {"while/Identity", "while/add/y"}) +
         Enter("while/mul/Enter", "factor", f, true) +
         Op("while/mul", "Mul", {"while/Identity_1", "while/mul/Enter"}) +
         Op("while/NextIteration", "NextIteration", {"while/add"}) +
         Op("while/NextIteration_1", "NextIteration", {"while/mul"}) +
         Op("while/Exit", "Exit", {"while/Switch"}) +
         Op("while/Exit_1", "Exit", {"while/Switch_1"});
}

// for i in range(n): for j in range(i): total += 1 — a while loop nested in another, the inner
// one entered afresh in every outer iteration (total = n(n-1)/2).
std::string NestedLoopGraph() {
  const std::string o = "outer";
  const std::string in = "outer/inner";
  return Placeholder("n", "DT_INT32") + Const("zero", "DT_INT32", "0") +
         Enter("o/Enter_i", "zero", o) + Enter("o/Enter_t", "zero", o) +
         Enter("o/n", "n", o, true) + Op("o/Merge_i", "Merge", {"o/Enter_i", "o/Next_i"}) +
         Op("o/Merge_t", "Merge", {"o/Enter_t", "o/Next_t"}) +
         Op("o/Less", "Less", {"o/Merge_i", "o/n"}) + Op("o/LoopCond", "LoopCond", {"o/Less"}) +
         Op("o/Switch_i", "Switch", {"o/Merge_i", "o/LoopCond"}) +
         Op("o/Switch_t", "Switch", {"o/Merge_t", "o/LoopCond"}) +
         Op("o/Id_i", "Identity", {"o/Switch_i:1"}) + Op("o/Id_t", "Identity", {"o/Switch_t:1"}) +
         Const("o/zero_j", "DT_INT32", "0", "o/Id_i") + Enter("i/Enter_j", "o/zero_j", in) +
         Enter("i/Enter_t", "o/Id_t", in) + Enter("i/limit", "o/Id_i", in, true) +
         Op("i/Merge_j", "Merge", {"i/Enter_j", "i/Next_j"}) +
         Op("i/Merge_t", "Merge", {"i/Enter_t", "i/Next_t"}) +
         Op("i/Less", "Less", {"i/Merge_j", "i/limit"}) + Op("i/LoopCond", "LoopCond", {"i/Less"}) +
         Op("i/Switch_j", "Switch", {"i/Merge_j", "i/LoopCond"}) +
         Op("i/Switch_t", "Switch", {"i/Merge_t", "i/LoopCond"}) +
         Op("i/Id_j", "Identity", {"i/Switch_j:1"}) + Op("i/Id_t", "Identity", {"i/Switch_t:1"}) +
         Const("i/one", "DT_INT32", "1", "i/Id_j") + Op("i/j1", "AddV2", {"i/Id_j", "i/one"}) +
         Op("i/t1", "AddV2", {"i/Id_t", "i/one"}) + Op("i/Next_j", "NextIteration", {"i/j1"}) +
         Op("i/Next_t", "NextIteration", {"i/t1"}) + Op("i/Exit_j", "Exit", {"i/Switch_j"}) +
         Op("i/Exit_t", "Exit", {"i/Switch_t"}) + Const("o/one", "DT_INT32", "1", "o/Id_i") +
         Op("o/i1", "AddV2", {"o/Id_i", "o/one"}) + Op("o/Next_i", "NextIteration", {"o/i1"}) +
         Op("o/Next_t", "NextIteration", {"i/Exit_t"}) + Op("o/Exit_i", "Exit", {"o/Switch_i"}) +
         Op("o/Exit_t", "Exit", {"o/Switch_t"});
}

tensorflow::OpList OpList() {
  auto ops = TestOpList();
  ops.MergeFrom(ParseText<tensorflow::OpList>(R"pb(
    op {
      name: "Switch"
      output_arg { name: "output_false" type_attr: "T" }
      output_arg { name: "output_true" type_attr: "T" }
    }
    op {
      name: "Merge"
      output_arg { name: "output" type_attr: "T" }
      output_arg { name: "value_index" type: DT_INT32 }
    }
    op {
      name: "Enter"
      output_arg { name: "output" type_attr: "T" }
      attr {
        name: "is_constant"
        type: "bool"
        default_value { b: false }
      }
      attr {
        name: "parallel_iterations"
        type: "int"
        default_value { i: 10 }
      }
    }
  )pb"));
  return ops;
}

std::unique_ptr<Executor> Make(const std::string& graph) {
  auto exec = Executor::Create(ParseText<tensorflow::GraphDef>(graph), OpList());
  REQUIRE_MESSAGE(exec.ok(), exec.status().ToString());
  return std::move(*exec);
}

float RunFloat(const Executor& exec, const std::map<std::string, Tensor>& feeds,
               const std::string& fetch) {
  auto out = exec.Run(feeds, {fetch});
  REQUIRE_MESSAGE(out.ok(), out.status().ToString());
  return (*out)[0].flat<float>()[0];
}

std::map<std::string, Tensor> CondFeeds(float x, bool pred) {
  return {{"x", Tensor::Scalar<float>(x)}, {"pred", Tensor::Scalar<bool>(pred)}};
}

std::map<std::string, Tensor> LoopFeeds(std::int32_t n, float x = 1, float factor = 2) {
  return {{"n", Tensor::Scalar<std::int32_t>(n)},
          {"x", Tensor::Scalar<float>(x)},
          {"factor", Tensor::Scalar<float>(factor)}};
}

}  // namespace

TEST_SUITE("executor dataflow control flow") {
  TEST_CASE("a TF1 cond runs the taken branch: Merge forwards it and its index") {
    auto exec = Make(CondGraph());
    CHECK(RunFloat(*exec, CondFeeds(3, true), "cond/Merge") == 6);
    CHECK(RunFloat(*exec, CondFeeds(3, false), "cond/Merge") == -3);
    CHECK(RunFloat(*exec, CondFeeds(3, true), "out") == 7);  // after the Merge: live again
    auto index = exec->Run(CondFeeds(3, true), {"cond/Merge:1"});
    REQUIRE_MESSAGE(index.ok(), index.status().ToString());
    CHECK((*index)[0].dtype() == DataType::kInt32);
    CHECK((*index)[0].flat<std::int32_t>()[0] == 1);
    auto other = exec->Run(CondFeeds(3, false), {"cond/Merge:1"});
    REQUIRE(other.ok());
    CHECK((*other)[0].flat<std::int32_t>()[0] == 0);
    auto none = exec->UnsupportedOps({RunRoots{{"x", "pred"}, {"out", "after_trigger"}, {}}});
    REQUIRE(none.ok());
    CHECK(none->empty());
    CHECK(AllUnsupportedOps(ParseText<tensorflow::GraphDef>(CondGraph())).empty());
  }

  TEST_CASE("fetching a dead tensor fails like a Session: Retval numbered by sorted fetch name") {
    auto exec = Make(CondGraph());
    auto dead = exec->Run(CondFeeds(3, false), {"cond/mul"});
    REQUIRE_FALSE(dead.ok());
    CHECK(dead.status().code() == Code::kInvalidArgument);
    CHECK(dead.status().message() == "Retval[0] does not have value");
    // "cond/mul" < "cond/neg" < "out": with pred true the dead one is cond/neg, Retval[1].
    auto second = exec->Run(CondFeeds(3, true), {"out", "cond/neg", "cond/mul"});
    REQUIRE_FALSE(second.ok());
    CHECK(second.status().message() == "Retval[1] does not have value");
    // A dead Switch output itself, fetched directly.
    auto port = exec->Run(CondFeeds(3, true), {"cond/Switch_1:0"});
    REQUIRE_FALSE(port.ok());
    CHECK(port.status().message() == "Retval[0] does not have value");
    auto live = exec->Run(CondFeeds(3, true), {"cond/Switch_1:1", "cond/mul"});
    REQUIRE_MESSAGE(live.ok(), live.status().ToString());
    CHECK((*live)[0].flat<float>()[0] == 3);
    CHECK((*live)[1].flat<float>()[0] == 6);
  }

  TEST_CASE("a dead control input makes a node dead, a ControlTrigger runs regardless") {
    auto exec = Make(CondGraph());
    CHECK(RunFloat(*exec, CondFeeds(5, true), "cond/side") == 5);
    auto side = exec->Run(CondFeeds(5, false), {"cond/side"});
    REQUIRE_FALSE(side.ok());
    CHECK(side.status().message() == "Retval[0] does not have value");
    // One branch is always dead, so the NoOp waiting on both is too, and so is its reader.
    for (bool pred : {true, false}) {
      CAPTURE(pred);
      auto after = exec->Run(CondFeeds(5, pred), {"after_noop"});
      REQUIRE_FALSE(after.ok());
      CHECK(after.status().message() == "Retval[0] does not have value");
      CHECK(RunFloat(*exec, CondFeeds(5, pred), "after_trigger") == 5);
    }
  }

  TEST_CASE("nested conds: the inner one inside the outer's true branch") {
    auto exec = Make(NestedCondGraph());
    auto run = [&](bool p, bool q) {
      return RunFloat(*exec,
                      {{"x", Tensor::Scalar<float>(2)},
                       {"p", Tensor::Scalar<bool>(p)},
                       {"q", Tensor::Scalar<bool>(q)}},
                      "outer/Merge");
    };
    CHECK(run(true, true) == 6);
    CHECK(run(true, false) == -2);
    CHECK(run(false, true) == 2);  // the whole inner cond is dead, its Merge too
    CHECK(run(false, false) == 2);
  }

  TEST_CASE("a Keras TF1 learning phase: inference by default, the training branch when fed") {
    auto exec = Make(LearningPhaseGraph());
    const Tensor x = *Tensor::FromVector<float>({1, -2, 3}, {3});
    auto inference = exec->Run({{"x", x}}, {"dense/MatMul"});
    REQUIRE_MESSAGE(inference.ok(), inference.status().ToString());
    CHECK((*inference)[0].Equals(*Tensor::FromVector<float>({10, -20, 30}, {3})));
    auto training = exec->Run({{"x", x}, {"keras_learning_phase", Tensor::Scalar<bool>(true)}},
                              {"dense/MatMul"});
    REQUIRE_MESSAGE(training.ok(), training.status().ToString());
    CHECK((*training)[0].Equals(*Tensor::FromVector<float>({20, -40, 60}, {3})));
    auto fed_false = exec->Run({{"x", x}, {"keras_learning_phase", Tensor::Scalar<bool>(false)}},
                               {"dense/MatMul"});
    REQUIRE(fed_false.ok());
    CHECK((*fed_false)[0].Equals((*inference)[0]));
  }

  TEST_CASE("Switch wants a bool scalar predicate") {
    auto exec = Make(CondGraph());
    auto vec = exec->Run(
        {{"x", Tensor::Scalar<float>(1)}, {"pred", *Tensor::FromVector<bool>({true, false}, {2})}},
        {"out"});
    REQUIRE_FALSE(vec.ok());
    CHECK(vec.status().code() == Code::kInvalidArgument);
    CHECK(vec.status().message().find("The second input must be a scalar, but it has shape [2]") ==
          0);
    CHECK_MESSAGE(vec.status().message().find("[[{{node cond/Switch") != std::string::npos,
                  vec.status().message());
  }

  TEST_CASE("a counter loop with loop invariants (Enter is_constant) runs n iterations") {
    auto exec = Make(CounterLoopGraph());
    auto out = exec->Run(LoopFeeds(5, 1.5F, 2), {"while/Exit", "while/Exit_1"});
    REQUIRE_MESSAGE(out.ok(), out.status().ToString());
    CHECK((*out)[0].flat<std::int32_t>()[0] == 5);
    CHECK((*out)[1].flat<float>()[0] == 48);  // 1.5 * 2^5
    auto zero = exec->Run(LoopFeeds(0, 1.5F), {"while/Exit", "while/Exit_1"});
    REQUIRE(zero.ok());
    CHECK((*zero)[0].flat<std::int32_t>()[0] == 0);  // cond false at once: the inputs pass
    CHECK((*zero)[1].flat<float>()[0] == 1.5F);
    auto negative = exec->Run(LoopFeeds(-3), {"while/Exit"});
    REQUIRE(negative.ok());
    CHECK((*negative)[0].flat<std::int32_t>()[0] == 0);
    auto many = exec->Run(LoopFeeds(20000), {"while/Exit"});  // no iteration cap
    REQUIRE(many.ok());
    CHECK((*many)[0].flat<std::int32_t>()[0] == 20000);
    auto none = exec->UnsupportedOps({RunRoots{{"n", "x", "factor"}, {"while/Exit_1"}, {}}});
    REQUIRE(none.ok());
    CHECK(none->empty());
  }

  TEST_CASE("nested while loops: the inner loop runs afresh in every outer iteration") {
    auto exec = Make(NestedLoopGraph());
    for (std::int32_t n : {0, 1, 4, 7}) {
      CAPTURE(n);
      auto out = exec->Run({{"n", Tensor::Scalar<std::int32_t>(n)}}, {"o/Exit_t", "o/Exit_i"});
      REQUIRE_MESSAGE(out.ok(), out.status().ToString());
      CHECK((*out)[0].flat<std::int32_t>()[0] == n * (n - 1) / 2);
      CHECK((*out)[1].flat<std::int32_t>()[0] == n);
    }
  }

  TEST_CASE("a loop in an untaken branch is dead: its Enters, Exits and everything after") {
    // The loop's start value comes from a Switch; pred false kills it and the loop with it.
    const std::string graph = CounterLoopGraph("gate:1") + Placeholder("pred", "DT_BOOL") +
                              Op("gate", "Switch", {"zero", "pred"}) +
                              Op("joined", "Merge", {"gate", "while/Exit"});
    auto exec = Make(graph);
    auto feeds = LoopFeeds(4);
    feeds["pred"] = Tensor::Scalar<bool>(true);
    auto taken = exec->Run(feeds, {"joined", "joined:1"});
    REQUIRE_MESSAGE(taken.ok(), taken.status().ToString());
    CHECK((*taken)[0].flat<std::int32_t>()[0] == 4);
    CHECK((*taken)[1].flat<std::int32_t>()[0] == 1);
    feeds["pred"] = Tensor::Scalar<bool>(false);
    auto skipped = exec->Run(feeds, {"joined", "joined:1"});
    REQUIRE_MESSAGE(skipped.ok(), skipped.status().ToString());
    CHECK((*skipped)[0].flat<std::int32_t>()[0] == 0);
    CHECK((*skipped)[1].flat<std::int32_t>()[0] == 0);
    auto exit = exec->Run(feeds, {"while/Exit"});
    REQUIRE_FALSE(exit.ok());
    CHECK(exit.status().message() == "Retval[0] does not have value");
  }

  TEST_CASE("a runaway loop stops at the run deadline, checked every iteration") {
    auto exec = Make(CounterLoopGraph());
    const RunOptions soon{std::chrono::steady_clock::now() + std::chrono::milliseconds(50)};
    auto out = exec->Run(LoopFeeds(2147483647), {"while/Exit"}, {}, soon);
    REQUIRE_FALSE(out.ok());
    CHECK(out.status().code() == Code::kDeadlineExceeded);
    CHECK(out.status().message() == "Timed out waiting for notification");
    auto after = exec->Run(LoopFeeds(3), {"while/Exit"});  // the executor stays usable
    REQUIRE(after.ok());
    CHECK((*after)[0].flat<std::int32_t>()[0] == 3);
  }

  TEST_CASE("malformed frames fail the plan, naming what is wrong") {
    auto exec = Make(CounterLoopGraph() + Op("stray_exit", "Exit", {"x"}) +
                     Op("mixed", "AddV2", {"while/Identity", "zero"}));
    auto stray = exec->Run(LoopFeeds(1), {"stray_exit"});
    REQUIRE_FALSE(stray.ok());
    CHECK(stray.status().message() ==
          "Exit node 'stray_exit' is not inside a while loop frame (no Enter leads to it)");
    auto mixed = exec->Run(LoopFeeds(1), {"mixed"});
    REQUIRE_FALSE(mixed.ok());
    CHECK(mixed.status().message() ==
          "The node 'mixed' has inputs from different frames. The input 'while/Identity' is in "
          "frame 'while/while_context'. The input 'zero' is in frame ''.");
    auto inside = exec->Run(LoopFeeds(1), {"while/add"});
    REQUIRE_FALSE(inside.ok());
    CHECK(inside.status().message() ==
          "Fetch tensor while/add:0 is inside while loop frame 'while/while_context'; only "
          "tensors outside loops can be fetched");
    auto no_frame = Executor::Create(
        ParseText<tensorflow::GraphDef>(Placeholder("x", "DT_FLOAT") + Op("e", "Enter", {"x"})),
        OpList());
    REQUIRE(no_frame.ok());
    auto unnamed = (*no_frame)->Run({{"x", Tensor::Scalar<float>(1)}}, {"e"});
    REQUIRE_FALSE(unnamed.ok());
    CHECK(unnamed.status().message() == "NodeDef 'e' (op Enter) is missing attr 'frame_name'");
  }

  TEST_CASE("an Assign through a RefSwitch in a taken branch updates the variable") {
    const std::string graph =
        "node { name: 'v' op: 'VariableV2' attr { key: 'dtype' value { type: DT_FLOAT } } attr "
        "{ key: 'shape' value { shape {} } } }\n" +
        Placeholder("pred", "DT_BOOL") + Const("seven", "DT_FLOAT", "7") +
        Const("init_value", "DT_FLOAT", "1") + Op("init", "Assign", {"v", "init_value"}) +
        Op("cond/RefSwitch", "RefSwitch", {"v", "pred"}) +
        Op("cond/assign", "Assign", {"cond/RefSwitch:1", "seven"}) + Op("read", "Identity", {"v"});
    auto exec = Make(graph);
    REQUIRE(exec->Run({}, {}, {"init"}).ok());
    REQUIRE(exec->Run({{"pred", Tensor::Scalar<bool>(false)}}, {}, {"cond/assign"}).ok());
    CHECK(RunFloat(*exec, {}, "read") == 1);  // untaken: the Assign never ran
    REQUIRE(exec->Run({{"pred", Tensor::Scalar<bool>(true)}}, {}, {"cond/assign"}).ok());
    CHECK(RunFloat(*exec, {}, "read") == 7);
  }
}

}  // namespace tfsk::serving
