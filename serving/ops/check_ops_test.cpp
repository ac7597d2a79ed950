#include <doctest/doctest.h>

#include <cmath>

#include "serving/ops/op_test_util.h"

namespace tfsk::serving {
using namespace testing;

TEST_SUITE("check ops") {
  TEST_CASE(
      "EnsureShape passes compatible shapes (unknown dims match anything) and names the node "
      "otherwise") {
    OpRunner r;
    AttrMap attrs = Attrs({{"shape", AttrValue::ShapeOf({-1, 2})}});
    CHECK(Values<float>(r.One("EnsureShape", {F({1, 2, 3, 4}, {2, 2})}, attrs)) ==
          std::vector<float>{1, 2, 3, 4});
    auto bad = r.Run("EnsureShape", {F({1, 2, 3}, {1, 3})}, attrs, {}, "dense/EnsureShape");
    REQUIRE_FALSE(bad.ok());
    CHECK(bad.status().message() ==
          "Shape of tensor dense/EnsureShape [1,3] is not compatible with expected shape [?,2].");
  }

  TEST_CASE("CheckNumerics passes finite tensors and reports NaN / Inf with the message") {
    OpRunner r;
    AttrMap attrs = Attrs({{"message", AttrValue::Str("logits")}});
    CHECK(Values<float>(r.One("CheckNumerics", {F({1, 2}, {2})}, attrs)) ==
          std::vector<float>{1, 2});
    CHECK(r.Error("CheckNumerics", {F({1, std::nanf("")}, {2})}, attrs) ==
          "logits : Tensor had NaN values");
    CHECK(r.Error("CheckNumerics", {F({INFINITY, std::nanf("")}, {2})}, attrs) ==
          "logits : Tensor had Inf and NaN values");
  }

  TEST_CASE("Assert is silent when true and summarizes its data when false") {
    OpRunner r;
    auto ok = r.Run("Assert", {B({true}, {}), S({"never shown"}, {})});
    REQUIRE(ok.ok());
    CHECK(ok->empty());
    CHECK(r.Error("Assert",
                  {B({false}, {}), S({"x must be positive"}, {}), I32({-1, 2, 3, 4}, {4})}) ==
          "assertion failed: [x must be positive] [[-1 2 3...]]");
    CHECK(r.Error("Assert", {B({true, true}, {2})}) == "In[0] should be a scalar: [2]");
  }

  TEST_CASE("PreventGradient is an identity") {
    OpRunner r;
    CHECK(Values<std::int64_t>(r.One("PreventGradient", {I64({7}, {1})})) ==
          std::vector<std::int64_t>{7});
  }
}

}  // namespace tfsk::serving
