#include <doctest/doctest.h>

#include "serving/ops/op_test_util.h"

namespace tfsk::serving {
using namespace testing;

TEST_SUITE("state ops") {
  TEST_CASE("a ref variable is uninitialized until Assign, AssignAdd/AssignSub update it") {
    OpRunner r;
    auto v = r.Run("VariableV2", {}, {}, {}, "counter");
    REQUIRE(v.ok());
    CHECK_FALSE((*v)[0].valid());
    auto assigned = r.Run("Assign", {Tensor(), F({1}, {})}, {}, {"counter"});
    REQUIRE(assigned.ok());
    CHECK((*assigned)[0].flat<float>()[0] == 1);
    auto added = r.Run("AssignAdd", {Tensor(), F({2.5f}, {})}, {}, {"counter"});
    REQUIRE(added.ok());
    CHECK((*added)[0].flat<float>()[0] == 3.5f);
    auto sub = r.Run("AssignSub", {Tensor(), F({0.5f}, {})}, {}, {"counter"});
    REQUIRE(sub.ok());
    CHECK(r.variables.Find("counter")->Read().flat<float>()[0] == 3.0f);
  }

  TEST_CASE("AssignAdd of an uninitialized variable or another shape fails") {
    OpRunner r;
    auto add = r.Run("AssignAdd", {Tensor(), F({1}, {})}, {}, {"v"});
    REQUIRE_FALSE(add.ok());
    CHECK(add.status().message() == "Attempting to use uninitialized value v");
    REQUIRE(r.Run("Assign", {Tensor(), F({1}, {})}, {}, {"v"}).ok());
    auto bad = r.Run("AssignAdd", {Tensor(), F({1, 2}, {2})}, {}, {"v"});
    REQUIRE_FALSE(bad.ok());
    CHECK(bad.status().message() ==
          "Cannot update variable with shape [] using a Tensor with shape [2], shapes must be equal.");
  }

  TEST_CASE("Assign validates shapes unless validate_shape is false") {
    OpRunner r;
    REQUIRE(r.Run("Assign", {Tensor(), F({1}, {})}, {}, {"v"}).ok());
    CHECK_FALSE(r.Run("Assign", {Tensor(), F({1, 2}, {2})}, {}, {"v"}).ok());
    CHECK(r.Run("Assign", {Tensor(), F({1, 2}, {2})}, Attrs({{"validate_shape", AttrValue::Bool(false)}}),
                {"v"}).ok());
  }

  TEST_CASE("resource variables: handle, assign, read, initialized") {
    OpRunner r;
    auto h = r.Run("VarHandleOp", {}, Attrs({{"shared_name", AttrValue::Str("a")}}), {}, "a_node");
    REQUIRE(h.ok());
    Tensor handle = (*h)[0];
    CHECK(handle.dtype() == DataType::kResource);
    CHECK(handle.flat<std::string>()[0] == "a");
    CHECK_FALSE(r.One("VarIsInitializedOp", {handle}).flat<bool>()[0]);
    auto read_early = r.Run("ReadVariableOp", {handle});
    REQUIRE_FALSE(read_early.ok());
    CHECK(read_early.status().code() == Code::kFailedPrecondition);
    REQUIRE(r.Run("AssignVariableOp", {handle, F({0.5f}, {})}).ok());
    CHECK(r.One("VarIsInitializedOp", {handle}).flat<bool>()[0]);
    CHECK(r.One("ReadVariableOp", {handle}).flat<float>()[0] == 0.5f);
    REQUIRE(r.Run("AssignAddVariableOp", {handle, F({1}, {})}).ok());
    CHECK(r.One("ReadVariableOp", {handle}).flat<float>()[0] == 1.5f);
  }

  TEST_CASE("VarHandleOp without shared_name uses the node name") {
    OpRunner r;
    auto h = r.Run("VarHandleOp", {}, {}, {}, "b");
    REQUIRE(h.ok());
    CHECK((*h)[0].flat<std::string>()[0] == "b");
  }

  TEST_CASE("RestoreV2 reads through the injected reader and checks dtypes") {
    OpRunner r;
    std::vector<std::string> asked;
    r.checkpoint = [&](const std::string& prefix, const std::string& name) -> StatusOr<Tensor> {
      asked.push_back(prefix + "|" + name);
      if (name == "missing") return NotFound("no tensor " + name);
      return Tensor::Scalar<float>(name == "a" ? 0.5f : 2.0f);
    };
    AttrMap attrs = Attrs({{"dtypes", AttrValue::Types({DataType::kFloat, DataType::kFloat})}});
    auto out = r.Run("RestoreV2", {S({"/m/variables/variables"}, {}), S({"a", "b"}, {2}), S({"", ""}, {2})}, attrs);
    REQUIRE(out.ok());
    CHECK((*out)[0].flat<float>()[0] == 0.5f);
    CHECK((*out)[1].flat<float>()[0] == 2.0f);
    CHECK(asked == std::vector<std::string>{"/m/variables/variables|a", "/m/variables/variables|b"});
    auto wrong = r.Run("RestoreV2", {S({"p"}, {}), S({"a"}, {1}), S({""}, {1})},
                       Attrs({{"dtypes", AttrValue::Types({DataType::kInt32})}}));
    CHECK_FALSE(wrong.ok());
    auto missing = r.Run("RestoreV2", {S({"p"}, {}), S({"missing"}, {1}), S({""}, {1})},
                         Attrs({{"dtypes", AttrValue::Types({DataType::kFloat})}}));
    REQUIRE_FALSE(missing.ok());
    CHECK(missing.status().code() == Code::kNotFound);
  }

  TEST_CASE("RandomUniform fills the unit interval") {
    OpRunner r;
    Tensor out = r.One("RandomUniform", {I32({4, 4}, {2})}, Attrs({{"dtype", AttrValue::Type(DataType::kFloat)}}));
    CHECK(out.shape() == Shape{4, 4});
    for (float v : out.flat<float>()) CHECK((v >= 0 && v < 1));
  }
}

}  // namespace tfsk::serving
