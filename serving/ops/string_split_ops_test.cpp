// StringSplit (v1): sparse outputs, one delimiter byte, a set of delimiter bytes, the empty
// delimiter, skip_empty on and off, empty elements and the error texts.

#include <doctest/doctest.h>

#include "serving/ops/op_test_util.h"

namespace tfsk::serving {
using namespace testing;

namespace {

using Sparse = SparseStrings;

Sparse Split(OpRunner& r, std::vector<std::string> input, const std::string& delimiter,
             bool skip_empty = true) {
  return RunSparseSplit(r, "StringSplit", std::move(input), delimiter,
                        Attrs({{"skip_empty", AttrValue::Bool(skip_empty)}}));
}

}  // namespace

TEST_SUITE("string split ops") {
  TEST_CASE("StringSplit: sparse indices, values and dense shape") {
    OpRunner r;
    Sparse s = Split(r, {"hello world", "a b c", ""}, " ");
    CHECK(s.values == std::vector<std::string>{"hello", "world", "a", "b", "c"});
    CHECK(s.indices == std::vector<std::int64_t>{0, 0, 0, 1, 1, 0, 1, 1, 1, 2});
    CHECK(s.shape == std::vector<std::int64_t>{3, 3});
  }

  TEST_CASE("StringSplit skip_empty drops empty tokens, an empty element has none either way") {
    OpRunner r;
    Sparse skip = Split(r, {"a,,b,", ""}, ",");
    CHECK(skip.values == std::vector<std::string>{"a", "b"});
    CHECK(skip.shape == std::vector<std::int64_t>{2, 2});
    Sparse keep = Split(r, {"a,,b,", ""}, ",", false);
    CHECK(keep.values == std::vector<std::string>{"a", "", "b", ""});
    CHECK(keep.indices == std::vector<std::int64_t>{0, 0, 0, 1, 0, 2, 0, 3});
    CHECK(keep.shape == std::vector<std::int64_t>{2, 4});
  }

  TEST_CASE("StringSplit: every delimiter byte splits, an empty delimiter splits bytes") {
    OpRunner r;
    CHECK(Split(r, {"a-b_c--d"}, "-_").values == std::vector<std::string>{"a", "b", "c", "d"});
    CHECK(Split(r, {"a-b_c--d"}, "-_", false).values ==
          std::vector<std::string>{"a", "b", "c", "", "d"});
    Sparse bytes = Split(r, {"ab", "c"}, "");
    CHECK(bytes.values == std::vector<std::string>{"a", "b", "c"});
    CHECK(bytes.shape == std::vector<std::int64_t>{2, 2});
  }

  TEST_CASE("StringSplit errors") {
    OpRunner r;
    CHECK(r.Error("StringSplit", {S({"a"}, {}), S({" "}, {})}) ==
          "input must be a vector, got shape: []");
    CHECK(r.Error("StringSplit", {S({"a"}, {1}), S({" ", ","}, {2})}) ==
          "delimiter must be a scalar, got shape: [2]");
  }
}

}  // namespace tfsk::serving
