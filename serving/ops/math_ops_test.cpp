#include <doctest/doctest.h>

#include <cmath>
#include <limits>

#include "serving/ops/op_test_util.h"

namespace tfsk::serving {
using namespace testing;

TEST_SUITE("math ops") {
  TEST_CASE("MulNoNan, Xlogy and Xdivy are 0 where TensorFlow says, Rint and Erfc elementwise") {
    OpRunner r;
    const float inf = std::numeric_limits<float>::infinity();
    const float nan = std::numeric_limits<float>::quiet_NaN();
    CHECK(Values<float>(r.One("MulNoNan", {F({2, inf, nan, 3}, {4}), F({3, 0, 0, 0.5f}, {4})})) ==
          std::vector<float>{6, 0, 0, 1.5f});
    CHECK(Values<float>(r.One("Xlogy", {F({0, 2, 0}, {3}), F({0, 1, 5}, {3})})) ==
          std::vector<float>{0, 0, 0});
    CHECK(Values<float>(r.One("Xlogy", {F({3}, {1}), F({std::exp(2.0f)}, {1})}))[0] ==
          doctest::Approx(6.0f));
    CHECK(Values<float>(r.One("Xdivy", {F({0, 6, 0}, {3}), F({0, 3, 7}, {3})})) ==
          std::vector<float>{0, 2, 0});
    CHECK(Values<float>(r.One("Rint", {F({0.5f, 1.5f, 2.5f, -0.5f, -1.7f}, {5})})) ==
          std::vector<float>{0, 2, 2, -0.0f, -2});
    CHECK(Values<float>(r.One("Erfc", {F({0}, {1})}))[0] == doctest::Approx(1.0f));
    CHECK(r.Error("MulNoNan", {I32({1}, {1}), I32({1}, {1})}).find("int32") != std::string::npos);
  }

  TEST_CASE("Add of equal shapes adds elementwise") {
    OpRunner r;
    Tensor out = r.One("Add", {F({1, 2, 3}, {3}), F({10, 20, 30}, {3})});
    CHECK(out.shape() == Shape{3});
    CHECK(Values<float>(out) == std::vector<float>{11, 22, 33});
  }

  TEST_CASE("Mul broadcasts a scalar variable over a batch") {
    OpRunner r;
    Tensor out = r.One("Mul", {F({0.5f}, {}), F({1, 2, 5}, {3, 1})});
    CHECK(out.shape() == Shape{3, 1});
    CHECK(Values<float>(out) == std::vector<float>{0.5f, 1, 2.5f});
  }

  TEST_CASE("AddV2 broadcasts a row against a column") {
    OpRunner r;
    Tensor out = r.One("AddV2", {F({1, 2}, {2, 1}), F({10, 20, 30}, {1, 3})});
    CHECK(out.shape() == Shape{2, 3});
    CHECK(Values<float>(out) == std::vector<float>{11, 21, 31, 12, 22, 32});
  }

  TEST_CASE("Sub broadcasts a 1x2x2x1 tensor with a 2x1 one") {
    OpRunner r;
    Tensor out = r.One("Sub", {F({1, 2, 3, 4}, {1, 2, 2, 1}), F({1, 10}, {2, 1})});
    CHECK(out.shape() == Shape{1, 2, 2, 1});
    CHECK(Values<float>(out) == std::vector<float>{0, -8, 2, -6});
  }

  TEST_CASE("a one-element operand of higher rank broadcasts to the higher rank") {
    OpRunner r;
    Tensor out = r.One("Add", {F({1, 2, 3}, {3}), F({1}, {1, 1})});
    CHECK(out.shape() == Shape{1, 3});
  }

  TEST_CASE("incompatible shapes fail with TensorFlow's message") {
    OpRunner r;
    CHECK(r.Error("Add", {F({1, 2}, {2}), F({1, 2, 3}, {3})}) == "Incompatible shapes: [2] vs. [3]");
  }

  TEST_CASE("mixed dtypes are rejected") {
    OpRunner r;
    CHECK(r.Error("Mul", {F({1}, {1}), I32({1}, {1})}).find("same type") != std::string::npos);
  }

  TEST_CASE("integer ops work on int32 and int64") {
    OpRunner r;
    CHECK(Values<std::int32_t>(r.One("Mul", {I32({2, 3}, {2}), I32({4}, {})})) ==
          std::vector<std::int32_t>{8, 12});
    CHECK(Values<std::int64_t>(r.One("Sub", {I64({5}, {}), I64({1, 2}, {2})})) ==
          std::vector<std::int64_t>{4, 3});
  }

  TEST_CASE("double arithmetic keeps double precision") {
    OpRunner r;
    auto a = T_<double>({1e-12}, {});
    Tensor out = r.One("Add", {a, T_<double>({1.0}, {})});
    CHECK(out.dtype() == DataType::kDouble);
    CHECK(out.flat<double>()[0] == doctest::Approx(1.0 + 1e-12).epsilon(1e-15));
  }

  TEST_CASE("integer division by zero is an error, FloorDiv rounds down") {
    OpRunner r;
    CHECK(r.Error("Div", {I32({1}, {1}), I32({0}, {1})}) == "Integer division by zero");
    CHECK(Values<std::int32_t>(r.One("FloorDiv", {I32({-7, 7}, {2}), I32({2}, {})})) ==
          std::vector<std::int32_t>{-4, 3});
    CHECK(Values<std::int32_t>(r.One("FloorMod", {I32({-7, 7}, {2}), I32({3}, {})})) ==
          std::vector<std::int32_t>{2, 1});
    CHECK(Values<float>(r.One("RealDiv", {F({1, 3}, {2}), F({2}, {})})) == std::vector<float>{0.5f, 1.5f});
  }

  TEST_CASE("Maximum, Minimum, Pow and SquaredDifference") {
    OpRunner r;
    CHECK(Values<float>(r.One("Maximum", {F({1, 5}, {2}), F({3}, {})})) == std::vector<float>{3, 5});
    CHECK(Values<float>(r.One("Minimum", {F({1, 5}, {2}), F({3}, {})})) == std::vector<float>{1, 3});
    CHECK(Values<float>(r.One("Pow", {F({2, 3}, {2}), F({2}, {})})) == std::vector<float>{4, 9});
    CHECK(Values<float>(r.One("SquaredDifference", {F({1, 5}, {2}), F({3}, {})})) ==
          std::vector<float>{4, 4});
  }

  TEST_CASE("string Add concatenates") {
    OpRunner r;
    CHECK(Values<std::string>(r.One("Add", {S({"a", "b"}, {2}), S({"x"}, {})})) ==
          std::vector<std::string>{"ax", "bx"});
  }

  TEST_CASE("unary math") {
    OpRunner r;
    CHECK(Values<float>(r.One("Neg", {F({1, -2}, {2})})) == std::vector<float>{-1, 2});
    CHECK(Values<float>(r.One("Abs", {F({1, -2}, {2})})) == std::vector<float>{1, 2});
    CHECK(Values<float>(r.One("Square", {F({3}, {1})})) == std::vector<float>{9});
    CHECK(Values<float>(r.One("Sqrt", {F({9}, {1})})) == std::vector<float>{3});
    CHECK(r.One("Exp", {F({0}, {1})}).flat<float>()[0] == doctest::Approx(1.0f));
    CHECK(Values<float>(r.One("Round", {F({0.5f, 1.5f, -2.5f}, {3})})) == std::vector<float>{0, 2, -2});
    CHECK(Values<std::int32_t>(r.One("Neg", {I32({4}, {1})})) == std::vector<std::int32_t>{-4});
  }

  TEST_CASE("AddN sums same-shaped inputs") {
    OpRunner r;
    CHECK(Values<float>(r.One("AddN", {F({1, 2}, {2}), F({3, 4}, {2}), F({5, 6}, {2})})) ==
          std::vector<float>{9, 12});
  }
}

TEST_SUITE("comparison ops") {
  TEST_CASE("comparisons broadcast and yield bool") {
    OpRunner r;
    Tensor lt = r.One("Less", {F({1, 2, 3}, {3}), F({2}, {})});
    CHECK(lt.dtype() == DataType::kBool);
    CHECK(Values<bool>(lt) == std::vector<bool>{true, false, false});
    CHECK(Values<bool>(r.One("GreaterEqual", {I64({1, 2, 3}, {3}), I64({2}, {})})) ==
          std::vector<bool>{false, true, true});
    CHECK(Values<bool>(r.One("Equal", {S({"a", "b"}, {2}), S({"b"}, {})})) == std::vector<bool>{false, true});
    CHECK(Values<bool>(r.One("NotEqual", {I32({1, 2}, {2}), I32({1, 3}, {2})})) ==
          std::vector<bool>{false, true});
  }

  TEST_CASE("logical ops") {
    OpRunner r;
    CHECK(Values<bool>(r.One("LogicalAnd", {B({true, false}, {2}), B({true}, {})})) ==
          std::vector<bool>{true, false});
    CHECK(Values<bool>(r.One("LogicalNot", {B({true, false}, {2})})) == std::vector<bool>{false, true});
  }
}

}  // namespace tfsk::serving
