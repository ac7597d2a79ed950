#include <doctest/doctest.h>

#include "serving/ops/op_test_util.h"

namespace tfsk::serving {
using namespace testing;

TEST_SUITE("reduction ops") {
  Tensor X() { return *Tensor::FromVector<float>({1, 2, 3, 4, 5, 6}, {2, 3}); }

  TEST_CASE("Sum and Mean over one axis, with and without keep_dims") {
    OpRunner r;
    Tensor s = r.One("Sum", {X(), I32({1}, {})});
    CHECK(s.shape() == Shape{2});
    CHECK(Values<float>(s) == std::vector<float>{6, 15});
    Tensor m = r.One("Mean", {X(), I32({0}, {1})}, Attrs({{"keep_dims", AttrValue::Bool(true)}}));
    CHECK(m.shape() == Shape{1, 3});
    CHECK(Values<float>(m) == std::vector<float>{2.5f, 3.5f, 4.5f});
  }

  TEST_CASE("reducing every axis gives a scalar, negative axes count from the end") {
    OpRunner r;
    Tensor all = r.One("Sum", {X(), I32({0, -1}, {2})});
    CHECK(all.rank() == 0);
    CHECK(all.flat<float>()[0] == 21);
    CHECK(Values<float>(r.One("Max", {X(), I64({-1}, {})})) == std::vector<float>{3, 6});
    CHECK(Values<float>(r.One("Min", {X(), I32({0}, {})})) == std::vector<float>{1, 2, 3});
    CHECK(Values<float>(r.One("Prod", {X(), I32({1}, {})})) == std::vector<float>{6, 120});
  }

  TEST_CASE("integer Mean truncates like TensorFlow, non-adjacent axes reduce") {
    OpRunner r;
    CHECK(Values<std::int32_t>(r.One("Mean", {I32({1, 2, 4, 4}, {4}), I32({0}, {})})) ==
          std::vector<std::int32_t>{2});
    Tensor x3 = F({1, 2, 3, 4, 5, 6, 7, 8}, {2, 2, 2});
    CHECK(Values<float>(r.One("Sum", {x3, I32({0, 2}, {2})})) == std::vector<float>{1 + 2 + 5 + 6, 3 + 4 + 7 + 8});
  }

  TEST_CASE("an out-of-range axis is rejected") {
    OpRunner r;
    CHECK(r.Error("Sum", {X(), I32({2}, {})}).find("Invalid reduction dimension") != std::string::npos);
  }

  TEST_CASE("Any and All on bools") {
    OpRunner r;
    Tensor b = B({true, false, false, false}, {2, 2});
    CHECK(Values<bool>(r.One("Any", {b, I32({1}, {})})) == std::vector<bool>{true, false});
    CHECK(Values<bool>(r.One("All", {b, I32({0}, {})})) == std::vector<bool>{false, false});
  }

  TEST_CASE("ArgMax/ArgMin return the first extreme index, int64 by default") {
    OpRunner r;
    Tensor am = r.One("ArgMax", {F({1, 9, 9, 7, 2, 3}, {2, 3}), I32({1}, {})});
    CHECK(am.dtype() == DataType::kInt64);
    CHECK(Values<std::int64_t>(am) == std::vector<std::int64_t>{1, 0});
    Tensor amin = r.One("ArgMin", {F({1, 9, 9, 7, 2, 3}, {2, 3}), I32({0}, {})},
                        Attrs({{"output_type", AttrValue::Type(DataType::kInt32)}}));
    CHECK(Values<std::int32_t>(amin) == std::vector<std::int32_t>{0, 1, 1});
  }
}

}  // namespace tfsk::serving
