#include "serving/graph/executor.h"

#include <doctest/doctest.h>

#include <algorithm>
#include <thread>

#include "serving/graph/graph_test_util.h"

namespace tfsk::serving {
using namespace testing;

namespace {

std::unique_ptr<Executor> Make(const std::string& graph_text, ExecutorOptions opts = {}) {
  auto exec = Executor::Create(ParseText<tensorflow::GraphDef>(graph_text), TestOpList(), std::move(opts));
  REQUIRE_MESSAGE(exec.ok(), exec.status().ToString());
  return std::move(*exec);
}

Tensor Floats(std::vector<float> v, Shape s) { return *Tensor::FromVector<float>(v, std::move(s)); }

// y = a * x + b over a parser-fed x, like the half_plus_two fixtures (x is an Identity).
const char* kHalfPlusTwo = R"pb(
  node { name: "tf_example" op: "Placeholder" attr { key: "dtype" value { type: DT_STRING } } }
  node { name: "parse" op: "Identity" input: "tf_example" }
  node { name: "x" op: "Identity" input: "parse" }
  node { name: "a" op: "Const" attr { key: "dtype" value { type: DT_FLOAT } }
         attr { key: "value" value { tensor { dtype: DT_FLOAT tensor_shape {} float_val: 0.5 } } } }
  node { name: "b" op: "Const" attr { key: "dtype" value { type: DT_FLOAT } }
         attr { key: "value" value { tensor { dtype: DT_FLOAT tensor_shape {} float_val: 2 } } } }
  node { name: "mul" op: "Mul" input: "a" input: "x" device: "/device:GPU:0" }
  node { name: "y" op: "Add" input: "mul" input: "b" }
  node { name: "other_input" op: "Placeholder" attr { key: "dtype" value { type: DT_FLOAT } } }
  node { name: "other" op: "Mul" input: "other_input" input: "a" }
)pb";

}  // namespace

TEST_SUITE("executor") {
  TEST_CASE("feeding an Identity output cuts the graph above it") {
    auto exec = Make(kHalfPlusTwo);
    auto out = exec->Run({{"x:0", Floats({1, 2, 5}, {3, 1})}}, {"y:0"});
    REQUIRE_MESSAGE(out.ok(), out.status().ToString());
    CHECK((*out)[0].shape() == Shape{3, 1});
    CHECK((*out)[0].flat<float>()[2] == 4.5f);
  }

  TEST_CASE("unneeded Placeholders are pruned, a needed unfed one fails naming the node") {
    auto exec = Make(kHalfPlusTwo);
    CHECK(exec->Run({{"x", Floats({1}, {1})}}, {"y"}).ok());  // other_input is never needed
    auto out = exec->Run({}, {"y:0"});
    REQUIRE_FALSE(out.ok());
    CHECK(out.status().code() == Code::kInvalidArgument);
    CHECK(out.status().message() ==
          "You must feed a value for placeholder tensor 'tf_example' with dtype string\n\t "
          "[[{{node tf_example}}]]");
  }

  TEST_CASE("fetching a fed tensor returns the feed, unknown names are NotFound") {
    auto exec = Make(kHalfPlusTwo);
    auto same = exec->Run({{"x:0", Floats({9}, {})}}, {"x:0", "a"});
    REQUIRE(same.ok());
    CHECK((*same)[0].flat<float>()[0] == 9);
    CHECK((*same)[1].flat<float>()[0] == 0.5f);
    CHECK(exec->Run({}, {"nope:0"}).status().code() == Code::kNotFound);
    CHECK(exec->Run({{"nope:0", Floats({1}, {})}}, {"y"}).status().code() == Code::kNotFound);
    CHECK(exec->Run({}, {}, {"nope"}).status().code() == Code::kNotFound);
  }

  TEST_CASE("repeated runs reuse the cached plan and stay correct, prepared runs match") {
    auto exec = Make(kHalfPlusTwo);
    for (int i = 0; i < 3; ++i) {
      auto out = exec->Run({{"x:0", Floats({static_cast<float>(i)}, {1})}}, {"y:0"});
      REQUIRE(out.ok());
      CHECK((*out)[0].flat<float>()[0] == 0.5f * static_cast<float>(i) + 2);
    }
    auto prepared = exec->Prepare({"x:0"}, {"y:0", "mul:0"}, {});
    REQUIRE(prepared.ok());
    Tensor x = Floats({4}, {1});
    auto out = exec->RunPrepared(**prepared, std::span<const Tensor>(&x, 1));
    REQUIRE(out.ok());
    CHECK((*out)[0].flat<float>()[0] == 4);
    CHECK((*out)[1].flat<float>()[0] == 2);
  }

  TEST_CASE("a value moves to its last reader only, repeated, later and fetched reads see it") {
    auto exec = Make(R"pb(
      node { name: "x" op: "Placeholder" attr { key: "dtype" value { type: DT_FLOAT } } }
      node { name: "sq" op: "Mul" input: "x" input: "x" }
      node { name: "twice" op: "Add" input: "sq" input: "sq" }
      node { name: "id" op: "Identity" input: "x" }
      node { name: "sum" op: "Add" input: "twice" input: "id" }
    )pb");
    // "id" is fetched twice and read by "sum": every copy must still hold x.
    auto run = exec->Prepare({"x"}, {"sum", "sq", "id", "id"}, {});
    REQUIRE_MESSAGE(run.ok(), run.status().ToString());
    const Plan& plan = (*run)->plan;
    REQUIRE(plan.steps.size() == 4);
    CHECK(plan.max_inputs == 2);
    CHECK(plan.fetch_last_use == std::vector<bool>{true, true, false, true});  // "id" twice
    for (const PlanStep& step : plan.steps) {
      const std::string& name = exec->graph().nodes[static_cast<std::size_t>(step.node)].info.name;
      CAPTURE(name);
      const auto uses = plan.LastUse(step);
      const std::vector<int> last(uses.begin(), uses.end());
      CHECK(step.info == &exec->graph().nodes[static_cast<std::size_t>(step.node)].info);
      if (name == "sq") CHECK(last == std::vector<int>{0, 0});     // x: id reads it
      if (name == "twice") CHECK(last == std::vector<int>{0, 0});  // sq: fetched
      if (name == "id") CHECK(last == std::vector<int>{1});
      if (name == "sum") CHECK(last == std::vector<int>{1, 0});  // id: fetched
    }
    const Tensor x = Floats({3}, {1});
    for (int i = 0; i < 2; ++i) {  // the cached plan gives the same answer again
      auto out = exec->RunPrepared(**run, std::vector<Tensor>{x});
      REQUIRE_MESSAGE(out.ok(), out.status().ToString());
      REQUIRE(out->size() == 4);
      CHECK((*out)[0].flat<float>()[0] == 21.0f);  // 2 * 3 * 3 + 3
      CHECK((*out)[1].flat<float>()[0] == 9.0f);
      CHECK((*out)[2].flat<float>()[0] == 3.0f);
      CHECK((*out)[3].flat<float>()[0] == 3.0f);
    }
    CHECK(x.flat<float>()[0] == 3.0f);  // the caller's feed is untouched
  }

  TEST_CASE("an elementwise node writes into a handed-over feed, never into a shared buffer") {
    auto exec = Make(R"pb(
      node { name: "x" op: "Placeholder" attr { key: "dtype" value { type: DT_FLOAT } } }
      node { name: "two" op: "Const" attr { key: "dtype" value { type: DT_FLOAT } }
             attr { key: "value" value { tensor { dtype: DT_FLOAT tensor_shape {} float_val: 2 } } } }
      node { name: "v" op: "VariableV2" attr { key: "dtype" value { type: DT_FLOAT } }
             attr { key: "shape" value { shape { dim { size: 3 } } } } }
      node { name: "init" op: "Assign" input: "v" input: "x" }
      node { name: "read" op: "Identity" input: "v" }
      node { name: "twice" op: "Mul" input: "x" input: "two" }
      node { name: "twice_v" op: "Mul" input: "read" input: "two" }
    )pb");
    auto run = exec->Prepare({"x"}, {"twice"}, {});
    REQUIRE_MESSAGE(run.ok(), run.status().ToString());
    // Handed over and unshared: the result lands in the feed's own buffer.
    std::vector<Tensor> feeds{Floats({1, 2, 3}, {3})};
    const float* buffer = feeds[0].flat<float>().data();
    auto out = exec->RunPrepared(**run, std::move(feeds));
    REQUIRE_MESSAGE(out.ok(), out.status().ToString());
    CHECK((*out)[0].flat<float>().data() == buffer);
    CHECK(std::vector<float>((*out)[0].flat<float>().begin(), (*out)[0].flat<float>().end()) ==
          std::vector<float>{2, 4, 6});
    // Handed over but still shared with the caller's copy: a new buffer, the copy unchanged.
    const Tensor kept = Floats({1, 2, 3}, {3});
    out = exec->RunPrepared(**run, std::vector<Tensor>{kept});
    REQUIRE(out.ok());
    CHECK((*out)[0].flat<float>().data() != kept.flat<float>().data());
    CHECK(kept.flat<float>()[2] == 3.0f);
    // A variable's value is shared with the store: reading it twice gives the same answer.
    REQUIRE(exec->Run({{"x", Floats({1, 2, 3}, {3})}}, {}, {"init"}).ok());
    for (int i = 0; i < 2; ++i) {
      auto v = exec->Run({}, {"twice_v"});
      REQUIRE_MESSAGE(v.ok(), v.status().ToString());
      CHECK((*v)[0].flat<float>()[2] == 6.0f);
    }
  }

  TEST_CASE("control inputs order side effects: init, then increment") {
    auto exec = Make(R"pb(
      node { name: "v" op: "VariableV2" attr { key: "dtype" value { type: DT_FLOAT } }
             attr { key: "shape" value { shape {} } } }
      node { name: "one" op: "Const" attr { key: "dtype" value { type: DT_FLOAT } }
             attr { key: "value" value { tensor { dtype: DT_FLOAT tensor_shape {} float_val: 1 } } } }
      node { name: "init" op: "Assign" input: "v" input: "one" }
      node { name: "inc" op: "AssignAdd" input: "v" input: "one" input: "^init" }
      node { name: "group" op: "NoOp" input: "^inc" }
      node { name: "read" op: "Identity" input: "v" }
    )pb");
    auto early = exec->Run({}, {"read:0"});
    REQUIRE_FALSE(early.ok());
    CHECK(early.status().code() == Code::kFailedPrecondition);
    CHECK(early.status().message().find("Attempting to use uninitialized value v") == 0);
    REQUIRE(exec->Run({}, {}, {"group"}).ok());
    auto after = exec->Run({}, {"read:0", "v:0"});
    REQUIRE(after.ok());
    CHECK((*after)[0].flat<float>()[0] == 2);  // init (1) then inc (+1)
    CHECK((*after)[1].flat<float>()[0] == 2);
  }

  TEST_CASE("an unfetched Identity gets no step, and errors still name it and its source") {
    auto exec = Make(R"pb(
      node { name: "v" op: "VariableV2" attr { key: "dtype" value { type: DT_FLOAT } }
             attr { key: "shape" value { shape {} } } }
      node { name: "one" op: "Const" attr { key: "dtype" value { type: DT_FLOAT } }
             attr { key: "value" value { tensor { dtype: DT_FLOAT tensor_shape {} float_val: 1 } } } }
      node { name: "init" op: "Assign" input: "v" input: "one" }
      node { name: "inc" op: "AssignAdd" input: "v" input: "one" }
      node { name: "read" op: "Identity" input: "v" }
      node { name: "again" op: "Identity" input: "read" }
      node { name: "gated" op: "Identity" input: "one" input: "^inc" }
      node { name: "y" op: "Add" input: "again" input: "gated" }
    )pb");
    REQUIRE(exec->Run({}, {}, {"init"}).ok());
    auto run = exec->Prepare({}, {"y", "again"}, {});
    REQUIRE_MESSAGE(run.ok(), run.status().ToString());
    std::vector<std::string> steps;
    for (const PlanStep& step : (*run)->plan.steps) steps.push_back(step.info->name);
    // "read" and "gated" have no step; "again" is fetched, so it keeps its own. The control
    // input of "gated" still runs.
    CHECK(std::count(steps.begin(), steps.end(), "read") == 0);
    CHECK(std::count(steps.begin(), steps.end(), "gated") == 0);
    CHECK(std::count(steps.begin(), steps.end(), "again") == 1);
    CHECK(std::count(steps.begin(), steps.end(), "inc") == 1);
    auto out = exec->RunPrepared(**run, std::span<const Tensor>());
    REQUIRE_MESSAGE(out.ok(), out.status().ToString());
    const float v = (*out)[1].flat<float>()[0];  // 1, or 2 when inc ran before v was read
    CHECK((*out)[0].flat<float>()[0] == v + 1);
    CHECK((*exec->Run({}, {"v"}))[0].flat<float>()[0] == 2);  // inc ran once
    // Uninitialized: the elided Identity is still the node that reports it, naming v.
    auto fresh = Make(R"pb(
      node { name: "v" op: "VariableV2" attr { key: "dtype" value { type: DT_FLOAT } }
             attr { key: "shape" value { shape {} } } }
      node { name: "read" op: "Identity" input: "v" }
      node { name: "y" op: "Neg" input: "read" }
    )pb");
    auto bad = fresh->Run({}, {"y"});
    REQUIRE_FALSE(bad.ok());
    CHECK(bad.status().code() == Code::kFailedPrecondition);
    CHECK(bad.status().message() == "Attempting to use uninitialized value v\n\t [[{{node read}}]]");
  }

  TEST_CASE("concurrent AssignAdd from several threads gives the exact total") {
    auto exec = Make(R"pb(
      node { name: "counter" op: "VariableV2" attr { key: "dtype" value { type: DT_FLOAT } } }
      node { name: "zero" op: "Const" attr { key: "dtype" value { type: DT_FLOAT } }
             attr { key: "value" value { tensor { dtype: DT_FLOAT tensor_shape {} float_val: 0 } } } }
      node { name: "one" op: "Const" attr { key: "dtype" value { type: DT_FLOAT } }
             attr { key: "value" value { tensor { dtype: DT_FLOAT tensor_shape {} float_val: 1 } } } }
      node { name: "reset" op: "Assign" input: "counter" input: "zero" }
      node { name: "incr" op: "AssignAdd" input: "counter" input: "one" }
    )pb");
    REQUIRE(exec->Run({}, {}, {"reset"}).ok());
    constexpr int kThreads = 6, kPerThread = 500;
    std::vector<std::thread> threads;
    std::atomic<int> failures{0};
    for (int t = 0; t < kThreads; ++t) {
      threads.emplace_back([&] {
        for (int i = 0; i < kPerThread; ++i) {
          if (!exec->Run({}, {"incr:0"}).ok()) ++failures;
        }
      });
    }
    for (auto& t : threads) t.join();
    CHECK(failures == 0);
    auto total = exec->Run({}, {"counter:0"});
    REQUIRE(total.ok());
    CHECK((*total)[0].flat<float>()[0] == static_cast<float>(kThreads * kPerThread));
  }

  TEST_CASE("a dependency cycle is reported") {
    auto exec = Make(R"pb(
      node { name: "a" op: "Identity" input: "b" }
      node { name: "b" op: "Identity" input: "a" }
    )pb");
    auto out = exec->Run({}, {"a"});
    REQUIRE_FALSE(out.ok());
    CHECK(out.status().message().find("cycle") != std::string::npos);
  }

  TEST_CASE("RestoreV2 reads through the reader injected in the options") {
    ExecutorOptions opts;
    opts.checkpoint_reader = [](const std::string& prefix, const std::string& name) -> StatusOr<Tensor> {
      if (prefix != "/ckpt/variables") return NotFound("bad prefix " + prefix);
      return Tensor::Scalar<float>(name == "a" ? 0.5f : -1.0f);
    };
    auto exec = Make(R"pb(
      node { name: "prefix" op: "Const" attr { key: "dtype" value { type: DT_STRING } }
             attr { key: "value" value { tensor { dtype: DT_STRING tensor_shape {} string_val: "unused" } } } }
      node { name: "names" op: "Const" attr { key: "dtype" value { type: DT_STRING } }
             attr { key: "value" value { tensor { dtype: DT_STRING tensor_shape { dim { size: 1 } } string_val: "a" } } } }
      node { name: "slices" op: "Const" attr { key: "dtype" value { type: DT_STRING } }
             attr { key: "value" value { tensor { dtype: DT_STRING tensor_shape { dim { size: 1 } } string_val: "" } } } }
      node { name: "a" op: "VariableV2" attr { key: "dtype" value { type: DT_FLOAT } } }
      node { name: "restore" op: "RestoreV2" input: "prefix" input: "names" input: "slices"
             attr { key: "dtypes" value { list { type: DT_FLOAT } } } }
      node { name: "assign" op: "Assign" input: "a" input: "restore" }
      node { name: "restore_all" op: "NoOp" input: "^assign" }
    )pb", std::move(opts));
    Tensor prefix(DataType::kString, {});
    prefix.flat<std::string>()[0] = "/ckpt/variables";
    REQUIRE(exec->Run({{"prefix:0", prefix}}, {}, {"restore_all"}).ok());
    auto a = exec->Run({}, {"a:0"});
    REQUIRE(a.ok());
    CHECK((*a)[0].flat<float>()[0] == 0.5f);
  }

  TEST_CASE("attrs missing from a node are filled from its OpDef's defaults") {
    auto exec = Make(R"pb(
      node { name: "x" op: "Placeholder" attr { key: "dtype" value { type: DT_FLOAT } } }
      node { name: "s" op: "Shape" input: "x" }
    )pb");
    auto out = exec->Run({{"x", Floats({1, 2}, {2})}}, {"s"});
    REQUIRE(out.ok());
    CHECK((*out)[0].dtype() == DataType::kInt64);  // TestOpList's default out_type
  }
}

TEST_SUITE("executor unsupported ops") {
  const char* kGraph = R"pb(
    node { name: "x" op: "Placeholder" attr { key: "dtype" value { type: DT_FLOAT } } }
    node { name: "fancy" op: "FancyOp" input: "x" }
    node { name: "y" op: "Identity" input: "fancy" }
    node { name: "cheap" op: "Identity" input: "x" }
    node { name: "save" op: "SaveV2" input: "x" }
    node { name: "parse" op: "ParseSequenceExample" input: "x" }
    node { name: "z" op: "Identity" input: "parse" }
  )pb";

  TEST_CASE("only ops reachable from the given runs are listed, sorted") {
    auto exec = Make(kGraph);
    auto serving = exec->UnsupportedOps({RunRoots{{"x:0"}, {"y:0", "cheap:0"}, {}}});
    REQUIRE(serving.ok());
    CHECK(*serving == std::vector<std::string>{"FancyOp"});
    auto fed = exec->UnsupportedOps({RunRoots{{"parse:0"}, {"z:0"}, {}}});
    REQUIRE(fed.ok());
    CHECK(fed->empty());  // feeding cuts the parser away
    auto both = exec->UnsupportedOps({RunRoots{{}, {"y:0", "z:0"}, {"save"}}});
    REQUIRE(both.ok());
    CHECK(*both == std::vector<std::string>{"FancyOp", "ParseSequenceExample", "SaveV2"});
    CHECK(AllUnsupportedOps(ParseText<tensorflow::GraphDef>(kGraph)) ==
          std::vector<std::string>{"FancyOp", "ParseSequenceExample", "SaveV2"});
  }

  TEST_CASE("running through an unsupported op fails naming it, other runs still work") {
    auto exec = Make(kGraph);
    auto out = exec->Run({{"x", Floats({1}, {})}}, {"y"});
    REQUIRE_FALSE(out.ok());
    CHECK(out.status().code() == Code::kUnimplemented);
    CHECK(out.status().message() == "Op type not registered 'FancyOp' (node 'fancy')");
    CHECK(exec->Run({{"x", Floats({1}, {})}}, {"cheap"}).ok());
  }
}

}  // namespace tfsk::serving
