// StringNGrams: plain n-grams, several widths (Keras TextVectorization(ngrams=2) exports
// widths [1, 2]), padding (-1 and fixed), short sequences, empty rows, int32 splits and the
// error texts of TensorFlow's kernel.

#include <doctest/doctest.h>

#include "serving/ops/op_test_util.h"

namespace tfsk::serving {
using namespace testing;

namespace {

AttrMap NGramAttrs(std::vector<std::int64_t> widths, const std::string& separator = " ",
                   std::int64_t pad_width = 0, bool preserve_short = false,
                   const std::string& left_pad = "", const std::string& right_pad = "") {
  return Attrs({{"separator", AttrValue::Str(separator)},
                {"ngram_widths", AttrValue::Ints(std::move(widths))},
                {"left_pad", AttrValue::Str(left_pad)},
                {"right_pad", AttrValue::Str(right_pad)},
                {"pad_width", AttrValue::Int(pad_width)},
                {"preserve_short_sequences", AttrValue::Bool(preserve_short)}});
}

struct Ragged {
  std::vector<std::string> values;
  std::vector<std::int64_t> splits;
};

Ragged Run(OpRunner& r, Tensor data, Tensor splits, AttrMap attrs) {
  auto out = r.Run("StringNGrams", {std::move(data), std::move(splits)}, std::move(attrs));
  REQUIRE_MESSAGE(out.ok(), out.status().ToString());
  REQUIRE(out->size() == 2);
  Ragged g{Values<std::string>((*out)[0]), {}};
  if ((*out)[1].dtype() == DataType::kInt32) {
    for (std::int32_t v : (*out)[1].flat<std::int32_t>()) g.splits.push_back(v);
  } else {
    g.splits = Values<std::int64_t>((*out)[1]);
  }
  return g;
}

}  // namespace

TEST_SUITE("string ngrams ops") {
  TEST_CASE("StringNGrams: bigrams per row, and widths [1, 2] as TextVectorization(ngrams=2)") {
    OpRunner r;
    Tensor data = S({"the", "cat", "sat", "hi"}, {4});
    Tensor splits = I64({0, 3, 4}, {3});
    Ragged bi = Run(r, data, splits, NGramAttrs({2}));
    CHECK(bi.values == std::vector<std::string>{"the cat", "cat sat"});
    CHECK(bi.splits == std::vector<std::int64_t>{0, 2, 2});
    Ragged uni_bi = Run(r, data, splits, NGramAttrs({1, 2}));
    CHECK(uni_bi.values ==
          std::vector<std::string>{"the", "cat", "sat", "the cat", "cat sat", "hi"});
    CHECK(uni_bi.splits == std::vector<std::int64_t>{0, 5, 6});
  }

  TEST_CASE("StringNGrams pads each row with pad_width -1 (width - 1) or a fixed width") {
    OpRunner r;
    Tensor data = S({"a", "b", "c", "d", "e", "f"}, {6});
    Tensor splits = I32({0, 1, 4, 6}, {4});
    Ragged full = Run(r, data, splits, NGramAttrs({3}, "|", -1, false, "LP", "RP"));
    CHECK(full.values == std::vector<std::string>{"LP|LP|a", "LP|a|RP", "a|RP|RP",  // row 0
                                                  "LP|LP|b", "LP|b|c", "b|c|d", "c|d|RP",
                                                  "d|RP|RP",  // row 1
                                                  "LP|LP|e", "LP|e|f", "e|f|RP", "f|RP|RP"});
    CHECK(full.splits == std::vector<std::int64_t>{0, 3, 8, 12});
    Ragged one = Run(r, data, splits, NGramAttrs({3}, "|", 1, false, "LP", "RP"));
    CHECK(one.values ==
          std::vector<std::string>{"LP|a|RP", "LP|b|c", "b|c|d", "c|d|RP", "LP|e|f", "e|f|RP"});
    CHECK(one.splits == std::vector<std::int64_t>{0, 1, 4, 6});
  }

  TEST_CASE("StringNGrams preserve_short_sequences keeps short non-empty rows whole") {
    OpRunner r;
    Tensor data = S({"a", "b", "c", "d", "e", "f"}, {6});
    Tensor splits = I64({0, 4, 4, 6}, {4});  // the middle row is empty
    Ragged dropped = Run(r, data, splits, NGramAttrs({3}, "|"));
    CHECK(dropped.values == std::vector<std::string>{"a|b|c", "b|c|d"});
    CHECK(dropped.splits == std::vector<std::int64_t>{0, 2, 2, 2});
    Ragged kept = Run(r, data, splits, NGramAttrs({3}, "|", 0, true));
    CHECK(kept.values == std::vector<std::string>{"a|b|c", "b|c|d", "e|f"});
    CHECK(kept.splits == std::vector<std::int64_t>{0, 2, 2, 3});
    Ragged padded = Run(r, data, splits, NGramAttrs({5}, "|", 1, true, "L", "R"));
    CHECK(padded.values == std::vector<std::string>{"L|a|b|c|d", "a|b|c|d|R", "L|e|f|R"});
    // No widths at all: each non-empty row becomes one n-gram of itself.
    Ragged whole = Run(r, data, splits, NGramAttrs({}, " ", 0, true));
    CHECK(whole.values == std::vector<std::string>{"a b c d", "e f"});
    CHECK(r.Error("StringNGrams", {data, splits}, NGramAttrs({}, " ", -1, true)) ==
          "Pad width should be >= 0 when preserve_short_sequences is True and ngram_widths are "
          "not provided, got -1");
  }

  TEST_CASE("StringNGrams of empty data gives zero splits") {
    OpRunner r;
    Ragged g = Run(r, S({}, {0}), I64({0, 0, 0}, {3}), NGramAttrs({2}));
    CHECK(g.values.empty());
    CHECK(g.splits == std::vector<std::int64_t>{0, 0, 0});
  }

  TEST_CASE("StringNGrams errors") {
    OpRunner r;
    Tensor data = S({"a", "b"}, {2});
    CHECK(r.Error("StringNGrams", {data, I64({0, 2}, {2})}, NGramAttrs({0})) ==
          "ngram_widths must contain positive values");
    CHECK(r.Error("StringNGrams", {data, I64({1, 2}, {2})}, NGramAttrs({2})) ==
          "First split value must be 0, got 1");
    CHECK(r.Error("StringNGrams", {data, I64({0, 3}, {2})}, NGramAttrs({2})) ==
          "Invalid split value 3, must be in [0, 2]");
    CHECK(r.Error("StringNGrams", {data, I64({0, 1}, {2})}, NGramAttrs({2})) ==
          "Last split value must be data size. Expected 2, got 1");
    CHECK(r.Error("StringNGrams", {S({"a", "b"}, {1, 2}), I64({0, 2}, {2})}, NGramAttrs({2})) ==
          "Shape must be rank 1 but is rank 2");
  }
}

}  // namespace tfsk::serving
