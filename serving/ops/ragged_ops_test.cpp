// StringSplitV2 (str.split per element, sparse result) and RaggedTensorToTensor (one ragged
// dimension padded or cut), as a Keras TextVectorization export runs them.

#include <doctest/doctest.h>

#include "serving/ops/op_test_util.h"

namespace tfsk::serving {
using namespace testing;

namespace {

using Split = SparseStrings;

Split RunSplit(OpRunner& r, std::vector<std::string> in, const std::string& sep,
               std::int64_t maxsplit = -1) {
  return RunSparseSplit(r, "StringSplitV2", std::move(in), sep,
                        Attrs({{"maxsplit", AttrValue::Int(maxsplit)}}));
}

AttrMap Partitions(std::vector<std::string> types) {
  return Attrs({{"row_partition_types", AttrValue::Strs(std::move(types))}});
}

}  // namespace

TEST_SUITE("ragged ops") {
  TEST_CASE("StringSplitV2 on whitespace: runs separate, no empty pieces") {
    OpRunner r;
    Split s = RunSplit(r, {"hello  world ", "", " \t", "a"}, "");
    CHECK(s.values == std::vector<std::string>{"hello", "world", "a"});
    CHECK(s.indices == std::vector<std::int64_t>{0, 0, 0, 1, 3, 0});
    CHECK(s.shape == std::vector<std::int64_t>{4, 2});
    // After maxsplit pieces the rest stays whole, trailing whitespace included.
    Split m = RunSplit(r, {"  a b  c "}, "", 1);
    CHECK(m.values == std::vector<std::string>{"a", "b  c "});
    CHECK(RunSplit(r, {" a b "}, "", 0).values == std::vector<std::string>{" a b "});
  }

  TEST_CASE("StringSplitV2 on a separator keeps empty pieces, like str.split(sep)") {
    OpRunner r;
    Split s = RunSplit(r, {"1,,2", ""}, ",");
    CHECK(s.values == std::vector<std::string>{"1", "", "2", ""});
    CHECK(s.indices == std::vector<std::int64_t>{0, 0, 0, 1, 0, 2, 1, 0});
    CHECK(s.shape == std::vector<std::int64_t>{2, 3});
    CHECK(RunSplit(r, {"1<>2<>3"}, "<>").values == std::vector<std::string>{"1", "2", "3"});
    CHECK(RunSplit(r, {"a,b,c"}, ",", 1).values == std::vector<std::string>{"a", "b,c"});
    CHECK(r.Error("StringSplitV2", {S({"a"}, {1, 1}), S({""}, {})}) ==
          "input must be a vector, got shape: [1,1]");
  }

  TEST_CASE("RaggedTensorToTensor pads or cuts rows from row_splits") {
    OpRunner r;
    Tensor values = I64({1, 2, 3, 4, 5, 6}, {6});
    Tensor splits = I64({0, 3, 3, 6}, {4});
    Tensor dense = r.One("RaggedTensorToTensor", {I64({-1}, {}), values, I64({0}, {}), splits},
                         Partitions({"ROW_SPLITS"}));
    CHECK(dense.shape() == Shape{3, 3});
    CHECK(Values<std::int64_t>(dense) == std::vector<std::int64_t>{1, 2, 3, 0, 0, 0, 4, 5, 6});
    // A fixed sequence length: longer rows are cut, shorter padded with the default.
    Tensor cut = r.One("RaggedTensorToTensor", {I64({-1, 2}, {2}), values, I64({9}, {}), splits},
                       Partitions({"ROW_SPLITS"}));
    CHECK(Values<std::int64_t>(cut) == std::vector<std::int64_t>{1, 2, 9, 9, 4, 5});
    Tensor wide = r.One("RaggedTensorToTensor", {I64({2, 4}, {2}), values, I64({0}, {}), splits},
                        Partitions({"ROW_SPLITS"}));
    CHECK(Values<std::int64_t>(wide) == std::vector<std::int64_t>{1, 2, 3, 0, 0, 0, 0, 0});
  }

  TEST_CASE("RaggedTensorToTensor from FIRST_DIM_SIZE and VALUE_ROWIDS, strings too") {
    OpRunner r;
    Tensor dense = r.One("RaggedTensorToTensor",
                         {I64({-1, -1}, {2}), S({"a", "b", "c"}, {3}), S({""}, {}), I64({4}, {}),
                          I64({0, 0, 2}, {3})},
                         Partitions({"FIRST_DIM_SIZE", "VALUE_ROWIDS"}));
    CHECK(dense.shape() == Shape{4, 2});
    CHECK(Values<std::string>(dense) ==
          std::vector<std::string>{"a", "b", "", "", "c", "", "", ""});
    CHECK(r.Error("RaggedTensorToTensor",
                  {I64({-1}, {}), I64({1}, {1}), I64({0}, {}), I64({0, 2}, {2})},
                  Partitions({"ROW_SPLITS"}))
              .starts_with("Invalid row_splits"));
  }
}

}  // namespace tfsk::serving
