// TF1's tf.map_fn / dynamic_rnn layout: a while loop (Enter/Merge/Switch/NextIteration/Exit)
// that reads step i of one TensorArray and writes step i of another, the handles entering the
// loop as invariants and the flows as loop variables. The TensorArray kernels and the dataflow
// executor together.

#include <doctest/doctest.h>

#include <string>

#include "serving/graph/executor.h"
#include "serving/graph/graph_test_util.h"

namespace tfsk::serving {
using namespace testing;

namespace {

std::string Node(const std::string& name, const std::string& op,
                 std::initializer_list<std::string> inputs, const std::string& attrs = "") {
  std::string s = "node { name: '" + name + "' op: '" + op + "'";
  for (const auto& in : inputs) s += " input: '" + in + "'";
  return s + " " + attrs + " }\n";
}
std::string Type(const std::string& key, const std::string& t) {
  return "attr { key: '" + key + "' value { type: " + t + " } }";
}
std::string Enter(const std::string& name, const std::string& input, bool constant) {
  return Node(name, "Enter", {input},
              "attr { key: 'frame_name' value { s: 'map/while/while_context' } } "
              "attr { key: 'is_constant' value { b: " +
                  std::string(constant ? "true" : "false") + " } }");
}
std::string IntConst(const std::string& name, int v, const std::string& control = "") {
  return "node { name: '" + name + "' op: 'Const'" +
         (control.empty() ? "" : " input: '^" + control + "'") + " " + Type("dtype", "DT_INT32") +
         " attr { key: 'value' value { tensor { dtype: DT_INT32 tensor_shape {} int_val: " +
         std::to_string(v) + " } } } }\n";
}

// y = map_fn(lambda v: v * v, x) for x of shape [n, 2], as TF1 writes it.
std::string MapSquareGraph() {
  const std::string f32 = Type("dtype", "DT_FLOAT");
  return Node("x", "Placeholder", {}, f32) +
         Node("n", "Placeholder", {}, Type("dtype", "DT_INT32")) + IntConst("zero", 0) +
         IntConst("one", 1) +
         Node("range", "Range", {"zero", "n", "one"}, Type("Tidx", "DT_INT32")) +
         Node("in_ta", "TensorArrayV3", {"n"}, f32) +
         Node("in_ta/scatter", "TensorArrayScatterV3", {"in_ta", "range", "x", "in_ta:1"},
              Type("T", "DT_FLOAT")) +
         Node("out_ta", "TensorArrayV3", {"n"}, f32) + Enter("map/while/Enter", "zero", false) +
         Enter("map/while/Enter_1", "out_ta:1", false) +
         Enter("map/while/Enter_in", "in_ta", true) +
         Enter("map/while/Enter_in_flow", "in_ta/scatter", true) +
         Enter("map/while/Enter_out", "out_ta", true) + Enter("map/while/Enter_n", "n", true) +
         Node("map/while/Merge", "Merge", {"map/while/Enter", "map/while/NextIteration"}) +
         Node("map/while/Merge_1", "Merge", {"map/while/Enter_1", "map/while/NextIteration_1"}) +
         Node("map/while/Less", "Less", {"map/while/Merge", "map/while/Enter_n"}) +
         Node("map/while/LoopCond", "LoopCond", {"map/while/Less"}) +
         Node("map/while/Switch", "Switch", {"map/while/Merge", "map/while/LoopCond"}) +
         Node("map/while/Switch_1", "Switch", {"map/while/Merge_1", "map/while/LoopCond"}) +
         Node("map/while/Identity", "Identity", {"map/while/Switch:1"}) +
         Node("map/while/Identity_1", "Identity", {"map/while/Switch_1:1"}) +
         Node("map/while/read", "TensorArrayReadV3",
              {"map/while/Enter_in", "map/while/Identity", "map/while/Enter_in_flow"}, f32) +
         Node("map/while/square", "Mul", {"map/while/read", "map/while/read"}) +
         Node("map/while/write", "TensorArrayWriteV3",
              {"map/while/Enter_out", "map/while/Identity", "map/while/square",
               "map/while/Identity_1"},
              Type("T", "DT_FLOAT")) +
         IntConst("map/while/add/y", 1, "map/while/Identity") +
         Node("map/while/add", "AddV2", {"map/while/Identity", "map/while/add/y"}) +
         Node("map/while/NextIteration", "NextIteration", {"map/while/add"}) +
         Node("map/while/NextIteration_1", "NextIteration", {"map/while/write"}) +
         Node("map/while/Exit", "Exit", {"map/while/Switch"}) +
         Node("map/while/Exit_1", "Exit", {"map/while/Switch_1"}) +
         Node("size", "TensorArraySizeV3", {"out_ta", "map/while/Exit_1"}) +
         Node("gather_range", "Range", {"zero", "size", "one"}, Type("Tidx", "DT_INT32")) +
         Node("y", "TensorArrayGatherV3", {"out_ta", "gather_range", "map/while/Exit_1"},
              f32 + " attr { key: 'element_shape' value { shape { dim { size: 2 } } } }");
}

}  // namespace

TEST_SUITE("TensorArray in a TF1 while loop") {
  TEST_CASE("map_fn squares every row, for any number of rows, and nothing is unsupported") {
    auto exec = Executor::Create(ParseText<tensorflow::GraphDef>(MapSquareGraph()), {});
    REQUIRE_MESSAGE(exec.ok(), exec.status().ToString());
    for (std::int32_t n : {1, 3, 50}) {
      CAPTURE(n);
      std::vector<float> x;
      for (std::int32_t i = 0; i < 2 * n; ++i) x.push_back(0.5F * static_cast<float>(i) - 3.0F);
      auto out = (*exec)->Run({{"x", Tensor::FromVector<float>(x, {n, 2}).value()},
                               {"n", Tensor::Scalar<std::int32_t>(n)}},
                              {"y"});
      REQUIRE_MESSAGE(out.ok(), out.status().ToString());
      const Tensor& y = (*out)[0];
      REQUIRE(y.shape() == Shape{n, 2});
      for (std::size_t i = 0; i < x.size(); ++i) CHECK(y.flat<float>()[i] == x[i] * x[i]);
    }
    auto none = (*exec)->UnsupportedOps({RunRoots{{"x", "n"}, {"y"}, {}}});
    REQUIRE(none.ok());
    CHECK(none->empty());
  }

  TEST_CASE("a run's arrays are its own: a bad row count fails that run only") {
    auto exec = Executor::Create(ParseText<tensorflow::GraphDef>(MapSquareGraph()), {});
    REQUIRE(exec.ok());
    // n says 3 rows but x has 2: the scatter refuses, naming TensorFlow's check.
    auto bad = (*exec)->Run({{"x", Tensor::FromVector<float>({1, 2, 3, 4}, {2, 2}).value()},
                             {"n", Tensor::Scalar<std::int32_t>(3)}},
                            {"y"});
    REQUIRE_FALSE(bad.ok());
    CHECK_MESSAGE(bad.status().message().starts_with(
                      "Expected len(indices) == values.shape[0], but saw: 3 vs. 2"),
                  bad.status().message());
    auto good = (*exec)->Run({{"x", Tensor::FromVector<float>({1, 2, 3, 4}, {2, 2}).value()},
                              {"n", Tensor::Scalar<std::int32_t>(2)}},
                             {"y"});
    REQUIRE_MESSAGE(good.ok(), good.status().ToString());
    CHECK(good->at(0).flat<float>()[3] == 16);
  }
}

}  // namespace tfsk::serving
