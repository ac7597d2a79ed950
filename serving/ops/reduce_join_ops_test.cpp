// ReduceJoin: the examples of TensorFlow's documentation (axis order, negative axes, keep_dims,
// separator, no axes), a 3-D case, empty axes and the error texts.

#include <doctest/doctest.h>

#include "serving/ops/op_test_util.h"

namespace tfsk::serving {
using namespace testing;

namespace {

AttrMap JoinAttrs(bool keep_dims, const std::string& separator = "") {
  return Attrs(
      {{"keep_dims", AttrValue::Bool(keep_dims)}, {"separator", AttrValue::Str(separator)}});
}

}  // namespace

TEST_SUITE("reduce join ops") {
  TEST_CASE("ReduceJoin follows TensorFlow's documented examples") {
    OpRunner r;
    const Tensor a = S({"a", "b", "c", "d"}, {2, 2});
    auto join = [&](std::vector<std::int32_t> axes, bool keep = false, std::string sep = "") {
      const auto n = static_cast<std::int64_t>(axes.size());
      return r.One("ReduceJoin", {a, I32(std::move(axes), {n})}, JoinAttrs(keep, sep));
    };
    CHECK(Values<std::string>(join({0})) == std::vector<std::string>{"ac", "bd"});
    CHECK(Values<std::string>(join({1})) == std::vector<std::string>{"ab", "cd"});
    CHECK(Values<std::string>(join({-2})) == std::vector<std::string>{"ac", "bd"});
    CHECK(Values<std::string>(join({-1})) == std::vector<std::string>{"ab", "cd"});
    CHECK(join({0}, true).shape() == Shape{1, 2});
    CHECK(Values<std::string>(join({1}, true)) == std::vector<std::string>{"ab", "cd"});
    CHECK(join({1}, true).shape() == Shape{2, 1});
    CHECK(Values<std::string>(join({0}, false, ".")) == std::vector<std::string>{"a.c", "b.d"});
    Tensor all = join({0, 1});
    CHECK(all.shape() == Shape{});
    CHECK(Values<std::string>(all) == std::vector<std::string>{"acbd"});
    CHECK(Values<std::string>(join({1, 0})) == std::vector<std::string>{"abcd"});
    CHECK(join({1, 0}, true).shape() == Shape{1, 1});
    Tensor none = join({});
    CHECK(none.shape() == Shape{2, 2});
    CHECK(Values<std::string>(none) == std::vector<std::string>{"a", "b", "c", "d"});
    // A scalar axis works like a one-element list.
    CHECK(Values<std::string>(r.One("ReduceJoin", {a, I32({1}, {})}, JoinAttrs(false, " "))) ==
          std::vector<std::string>{"a b", "c d"});
  }

  TEST_CASE("ReduceJoin over the middle axis of a 3-D tensor") {
    OpRunner r;
    // [2,3,2]: element (i,j,k) is "ijk".
    std::vector<std::string> v;
    for (int i = 0; i < 2; ++i)
      for (int j = 0; j < 3; ++j)
        for (int k = 0; k < 2; ++k) v.push_back(std::to_string(i * 100 + j * 10 + k));
    Tensor out = r.One("ReduceJoin", {S(v, {2, 3, 2}), I32({1}, {1})}, JoinAttrs(false, ","));
    CHECK(out.shape() == Shape{2, 2});
    CHECK(Values<std::string>(out) ==
          std::vector<std::string>{"0,10,20", "1,11,21", "100,110,120", "101,111,121"});
    Tensor outer = r.One("ReduceJoin", {S(v, {2, 3, 2}), I32({2, 0}, {2})}, JoinAttrs(false, ","));
    CHECK(Values<std::string>(outer) ==
          std::vector<std::string>{"0,1,100,101", "10,11,110,111", "20,21,120,121"});
  }

  TEST_CASE("ReduceJoin of an empty axis gives empty strings") {
    OpRunner r;
    Tensor out = r.One("ReduceJoin", {S({}, {2, 0}), I32({1}, {1})}, JoinAttrs(false, ","));
    CHECK(out.shape() == Shape{2});
    CHECK(Values<std::string>(out) == std::vector<std::string>{"", ""});
  }

  TEST_CASE("ReduceJoin errors") {
    OpRunner r;
    const Tensor a = S({"a", "b", "c", "d"}, {2, 2});
    auto out = r.Run("ReduceJoin", {a, I32({2}, {1})});
    REQUIRE_FALSE(out.ok());
    CHECK(out.status().code() == Code::kOutOfRange);
    CHECK(out.status().message() == "Invalid reduction dimension 2 for input with 2 dimension(s)");
    CHECK(r.Error("ReduceJoin", {a, I32({-3}, {1})}) ==
          "Invalid reduction dimension -3 for input with 2 dimension(s)");
    CHECK(r.Error("ReduceJoin", {a, I32({1, -1}, {2})}) == "Duplicate reduction dimension -1");
  }
}

}  // namespace tfsk::serving
