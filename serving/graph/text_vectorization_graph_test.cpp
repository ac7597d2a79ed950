// A Keras TextVectorization layer as its export runs it, end to end through the executor:
// lower-case, strip punctuation (StaticRegexReplace), split on whitespace (StringSplitV2), look
// the words up in a vocabulary table (unknown words → the OOV id 1, padding 0), and pad or cut
// to a fixed sequence length (RaggedTensorToTensor from the split's row ids).

#include <doctest/doctest.h>

#include "serving/graph/executor.h"
#include "serving/graph/graph_test_util.h"

namespace tfsk::serving {
using namespace testing;

namespace {

// clang-format off
const char* kGraph = R"pb(
  node { name: "vocab" op: "HashTableV2"
         attr { key: "key_dtype" value { type: DT_STRING } }
         attr { key: "value_dtype" value { type: DT_INT64 } } }
  node { name: "keys" op: "Const" attr { key: "dtype" value { type: DT_STRING } }
         attr { key: "value" value { tensor { dtype: DT_STRING tensor_shape { dim { size: 4 } }
                string_val: "the" string_val: "movie" string_val: "was" string_val: "great" } } } }
  node { name: "ids" op: "Const" attr { key: "dtype" value { type: DT_INT64 } }
         attr { key: "value" value { tensor { dtype: DT_INT64 tensor_shape { dim { size: 4 } }
                int64_val: 2 int64_val: 3 int64_val: 4 int64_val: 5 } } } }
  node { name: "init" op: "InitializeTableV2" input: "vocab" input: "keys" input: "ids"
         attr { key: "Tkey" value { type: DT_STRING } } attr { key: "Tval" value { type: DT_INT64 } } }

  node { name: "text" op: "Placeholder" attr { key: "dtype" value { type: DT_STRING } } }
  node { name: "lower" op: "StringLower" input: "text" attr { key: "encoding" value { s: "" } } }
  node { name: "no_punct" op: "StaticRegexReplace" input: "lower"
         attr { key: "pattern" value { s: "[!\"#$%&()\\*\\+,-\\./:;<=>?@\\[\\\\\\]^_`{|}~']" } }
         attr { key: "rewrite" value { s: "" } } attr { key: "replace_global" value { b: true } } }
  node { name: "sep" op: "Const" attr { key: "dtype" value { type: DT_STRING } }
         attr { key: "value" value { tensor { dtype: DT_STRING tensor_shape {} string_val: "" } } } }
  node { name: "split" op: "StringSplitV2" input: "no_punct" input: "sep"
         attr { key: "maxsplit" value { i: -1 } } }
  node { name: "col0_begin" op: "Const" attr { key: "dtype" value { type: DT_INT32 } }
         attr { key: "value" value { tensor { dtype: DT_INT32 tensor_shape { dim { size: 2 } }
                int_val: 0 int_val: 0 } } } }
  node { name: "col0_end" op: "Const" attr { key: "dtype" value { type: DT_INT32 } }
         attr { key: "value" value { tensor { dtype: DT_INT32 tensor_shape { dim { size: 2 } }
                int_val: 0 int_val: 1 } } } }
  node { name: "col0_strides" op: "Const" attr { key: "dtype" value { type: DT_INT32 } }
         attr { key: "value" value { tensor { dtype: DT_INT32 tensor_shape { dim { size: 2 } }
                int_val: 1 int_val: 1 } } } }
  node { name: "value_rowids" op: "StridedSlice" input: "split" input: "col0_begin"
         input: "col0_end" input: "col0_strides"
         attr { key: "T" value { type: DT_INT64 } } attr { key: "Index" value { type: DT_INT32 } }
         attr { key: "begin_mask" value { i: 1 } } attr { key: "end_mask" value { i: 1 } }
         attr { key: "shrink_axis_mask" value { i: 2 } } }
  node { name: "nrows_begin" op: "Const" attr { key: "dtype" value { type: DT_INT32 } }
         attr { key: "value" value { tensor { dtype: DT_INT32 tensor_shape { dim { size: 1 } } int_val: 0 } } } }
  node { name: "nrows_end" op: "Const" attr { key: "dtype" value { type: DT_INT32 } }
         attr { key: "value" value { tensor { dtype: DT_INT32 tensor_shape { dim { size: 1 } } int_val: 1 } } } }
  node { name: "nrows_strides" op: "Const" attr { key: "dtype" value { type: DT_INT32 } }
         attr { key: "value" value { tensor { dtype: DT_INT32 tensor_shape { dim { size: 1 } } int_val: 1 } } } }
  node { name: "nrows" op: "StridedSlice" input: "split:2" input: "nrows_begin" input: "nrows_end"
         input: "nrows_strides"
         attr { key: "T" value { type: DT_INT64 } } attr { key: "Index" value { type: DT_INT32 } }
         attr { key: "shrink_axis_mask" value { i: 1 } } }
  node { name: "oov" op: "Const" attr { key: "dtype" value { type: DT_INT64 } }
         attr { key: "value" value { tensor { dtype: DT_INT64 tensor_shape {} int64_val: 1 } } } }
  node { name: "word_ids" op: "LookupTableFindV2" input: "vocab" input: "split:1" input: "oov"
         attr { key: "Tin" value { type: DT_STRING } } attr { key: "Tout" value { type: DT_INT64 } } }
  node { name: "out_shape" op: "Const" attr { key: "dtype" value { type: DT_INT64 } }
         attr { key: "value" value { tensor { dtype: DT_INT64 tensor_shape { dim { size: 2 } }
                int64_val: -1 int64_val: 5 } } } }
  node { name: "pad" op: "Const" attr { key: "dtype" value { type: DT_INT64 } }
         attr { key: "value" value { tensor { dtype: DT_INT64 tensor_shape {} int64_val: 0 } } } }
  node { name: "sequences" op: "RaggedTensorToTensor" input: "out_shape" input: "word_ids"
         input: "pad" input: "nrows" input: "value_rowids"
         attr { key: "T" value { type: DT_INT64 } } attr { key: "Tindex" value { type: DT_INT64 } }
         attr { key: "Tshape" value { type: DT_INT64 } }
         attr { key: "num_row_partition_tensors" value { i: 2 } }
         attr { key: "row_partition_types" value { list { s: "FIRST_DIM_SIZE" s: "VALUE_ROWIDS" } } } }
)pb";
// clang-format on

}  // namespace

TEST_SUITE("text vectorization graph") {
  TEST_CASE("sentences become padded id sequences: lower, strip, split, look up, pad or cut") {
    const auto graph = ParseText<tensorflow::GraphDef>(kGraph);
    CHECK(AllUnsupportedOps(graph).empty());
    auto exec = Executor::Create(graph, TestOpList());
    REQUIRE_MESSAGE(exec.ok(), exec.status().ToString());
    REQUIRE((*exec)->Run({}, {}, {"init"}).ok());
    auto text = Tensor::FromVector<std::string>(
        {"The movie was GREAT!", "", "the the the the the the popcorn"}, {3});
    auto out = (*exec)->Run({{"text", *text}}, {"sequences"});
    REQUIRE_MESSAGE(out.ok(), out.status().ToString());
    const Tensor& seq = (*out)[0];
    CHECK(seq.shape() == Shape{3, 5});
    CHECK(std::vector<std::int64_t>(seq.flat<std::int64_t>().begin(), seq.flat<std::int64_t>().end()) ==
          std::vector<std::int64_t>{2, 3, 4, 5, 0,   // known words, then padding
                                    0, 0, 0, 0, 0,   // an empty sentence is all padding
                                    2, 2, 2, 2, 2}); // cut at 5 (the unknown word falls off)
    auto oov = (*exec)->Run({{"text", *Tensor::FromVector<std::string>({"popcorn was great"}, {1})}},
                            {"sequences"});
    REQUIRE(oov.ok());
    CHECK((*oov)[0].flat<std::int64_t>()[0] == 1);  // out of vocabulary
  }
}

}  // namespace tfsk::serving
