// RunOptions::deadline: checked before every node and every While iteration; the run then ends
// with TensorFlow's DEADLINE_EXCEEDED text and leaves the executor usable. The check reads the
// coarse clock (at most one tick late), so a deadline "already passed" is a second ago here.

#include <doctest/doctest.h>

#include <chrono>
#include <thread>

#include "serving/graph/control_flow_test_util.h"
#include "serving/graph/graph_test_util.h"

namespace tfsk::serving {
using namespace testing;
using namespace std::chrono_literals;

namespace {

// A resource variable with an init and an increment, to see whether a node ran.
const char* kVariableGraph = R"pb(
  node {
    name: "v"
    op: "VarHandleOp"
    attr { key: "shared_name" value { s: "v" } }
    attr { key: "dtype" value { type: DT_FLOAT } }
  }
  node {
    name: "one"
    op: "Const"
    attr { key: "dtype" value { type: DT_FLOAT } }
    attr { key: "value" value { tensor { dtype: DT_FLOAT tensor_shape {} float_val: 1 } } }
  }
  node { name: "init" op: "AssignVariableOp" input: "v" input: "one" }
  node { name: "bump" op: "AssignAddVariableOp" input: "v" input: "one" }
  node {
    name: "read"
    op: "ReadVariableOp"
    input: "v"
    attr { key: "dtype" value { type: DT_FLOAT } }
  }
)pb";

RunOptions Deadline(std::chrono::steady_clock::duration from_now) {
  return RunOptions{std::chrono::steady_clock::now() + from_now};
}

}  // namespace

TEST_SUITE("executor deadline") {
  TEST_CASE("a run past its deadline stops before the next node: nothing after it runs") {
    auto exec = Executor::Create(ParseText<tensorflow::GraphDef>(kVariableGraph), TestOpList());
    REQUIRE_MESSAGE(exec.ok(), exec.status().ToString());
    REQUIRE((*exec)->Run({}, {}, {"init"}).ok());
    auto late = (*exec)->Run({}, {}, {"bump"}, Deadline(-1s));
    REQUIRE_FALSE(late.ok());
    CHECK(late.status().code() == Code::kDeadlineExceeded);
    CHECK(late.status().message() == "Timed out waiting for notification");
    auto v = (*exec)->Run({}, {"read"});
    REQUIRE(v.ok());
    CHECK((*v)[0].flat<float>()[0] == 1);  // bump never ran
    REQUIRE((*exec)->Run({}, {}, {"bump"}, Deadline(1h)).ok());
    CHECK((*(*exec)->Run({}, {"read"}))[0].flat<float>()[0] == 2);
  }

  TEST_CASE("a While loop that would run for days ends at the deadline with TensorFlow's text") {
    auto exec = ControlFlowExecutor();
    auto out = exec->Run({{"n", Tensor::Scalar<std::int64_t>(std::int64_t{1} << 40)}}, {"sum"}, {},
                         Deadline(30ms));
    REQUIRE_FALSE(out.ok());
    CHECK(out.status().code() == Code::kDeadlineExceeded);
    CHECK(out.status().message() == "Timed out waiting for notification");  // no node suffix
    // The executor is fine afterwards, and a generous deadline does not change results.
    CHECK(SumTo(*exec, 100, Deadline(1h)) == 5050);
  }

  TEST_CASE("concurrent loops on one executor each get their own answer") {
    auto exec = ControlFlowExecutor();
    std::vector<std::int64_t> got(4);
    std::vector<std::thread> threads;
    for (std::size_t i = 0; i < got.size(); ++i) {
      threads.emplace_back([&, i] {
        const auto n = 1000 * static_cast<std::int64_t>(i + 1);
        auto out = exec->Run({{"n", Tensor::Scalar<std::int64_t>(n)}}, {"sum"});
        got[i] = out.ok() ? (*out)[0].flat<std::int64_t>()[0] : -1;
      });
    }
    for (auto& t : threads) t.join();
    for (std::size_t i = 0; i < got.size(); ++i) {
      const auto n = 1000 * static_cast<std::int64_t>(i + 1);
      CHECK(got[i] == n * (n + 1) / 2);
    }
  }
}

}  // namespace tfsk::serving
