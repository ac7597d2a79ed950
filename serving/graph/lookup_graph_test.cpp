// Lookup tables through the executor, the way exported models use them: an init op fills a
// string -> id table from an asset-like vocabulary file (its path fed the way the loader feeds
// asset paths) and an id -> name table from constants; a signature-like run then looks keys up.
// Tables live in the executor's store, so they survive between runs.

#include <doctest/doctest.h>

#include <fstream>

#include "serving/graph/executor.h"
#include "serving/graph/graph_test_util.h"
#include "tests/support/shared.h"

namespace tfsk::serving {
using namespace testing;

namespace {

// clang-format off
const char* kTables = R"pb(
  node { name: "vocab" op: "HashTableV2"
         attr { key: "key_dtype" value { type: DT_STRING } }
         attr { key: "value_dtype" value { type: DT_INT64 } }
         attr { key: "shared_name" value { s: "hash_table_vocab.txt_-1_-2_-1" } }
         attr { key: "container" value { s: "" } }
         attr { key: "use_node_name_sharing" value { b: false } } }
  node { name: "asset_path" op: "Const" attr { key: "dtype" value { type: DT_STRING } }
         attr { key: "value" value { tensor { dtype: DT_STRING tensor_shape {}
                string_val: "vocab.txt" } } } }
  node { name: "init_vocab" op: "InitializeTableFromTextFileV2" input: "vocab" input: "asset_path"
         attr { key: "key_index" value { i: -2 } } attr { key: "value_index" value { i: -1 } }
         attr { key: "vocab_size" value { i: -1 } } attr { key: "delimiter" value { s: "\t" } }
         attr { key: "offset" value { i: 0 } } }
  node { name: "names" op: "HashTableV2"
         attr { key: "key_dtype" value { type: DT_INT64 } }
         attr { key: "value_dtype" value { type: DT_STRING } } }
  node { name: "name_keys" op: "Const" attr { key: "dtype" value { type: DT_INT64 } }
         attr { key: "value" value { tensor { dtype: DT_INT64 tensor_shape { dim { size: 3 } }
                int64_val: 10 int64_val: 20 int64_val: 30 } } } }
  node { name: "name_values" op: "Const" attr { key: "dtype" value { type: DT_STRING } }
         attr { key: "value" value { tensor { dtype: DT_STRING tensor_shape { dim { size: 3 } }
                string_val: "ten" string_val: "twenty" string_val: "thirty" } } } }
  node { name: "init_names" op: "InitializeTableV2" input: "names" input: "name_keys"
         input: "name_values"
         attr { key: "Tkey" value { type: DT_INT64 } } attr { key: "Tval" value { type: DT_STRING } } }
  node { name: "init_all_tables" op: "NoOp" input: "^init_vocab" input: "^init_names" }

  node { name: "words" op: "Placeholder" attr { key: "dtype" value { type: DT_STRING } } }
  node { name: "oov" op: "Const" attr { key: "dtype" value { type: DT_INT64 } }
         attr { key: "value" value { tensor { dtype: DT_INT64 tensor_shape {} int64_val: -1 } } } }
  node { name: "word_ids" op: "LookupTableFindV2" input: "vocab" input: "words" input: "oov"
         attr { key: "Tin" value { type: DT_STRING } } attr { key: "Tout" value { type: DT_INT64 } } }
  node { name: "vocab_size" op: "LookupTableSizeV2" input: "vocab" }

  node { name: "ids" op: "Placeholder" attr { key: "dtype" value { type: DT_INT64 } } }
  node { name: "unknown" op: "Const" attr { key: "dtype" value { type: DT_STRING } }
         attr { key: "value" value { tensor { dtype: DT_STRING tensor_shape {} string_val: "UNK" } } } }
  node { name: "id_names" op: "LookupTableFindV2" input: "names" input: "ids" input: "unknown"
         attr { key: "Tin" value { type: DT_INT64 } } attr { key: "Tout" value { type: DT_STRING } } }
  node { name: "shout" op: "StringUpper" input: "id_names" attr { key: "encoding" value { s: "" } } }
)pb";
// clang-format on

}  // namespace

TEST_SUITE("lookup graph") {
  TEST_CASE("an init op fills tables from a vocabulary file and constants, lookups hit and miss") {
    tfsk::testing::TempDir dir;
    const auto vocab = dir.path() / "vocab.txt";
    std::ofstream(vocab) << "the\nquick\nbrown\nfox\n";
    const auto graph = ParseText<tensorflow::GraphDef>(kTables);
    // `tfsk model inspect` lists no op of this graph as unsupported.
    CHECK(AllUnsupportedOps(graph).empty());
    auto exec = Executor::Create(graph, TestOpList());
    REQUIRE_MESSAGE(exec.ok(), exec.status().ToString());
    const Executor& e = **exec;

    // Before the init op ran, a lookup fails as TensorFlow's does.
    auto early =
        e.Run({{"words:0", *Tensor::FromVector<std::string>({"fox"}, {1})}}, {"word_ids:0"});
    REQUIRE_FALSE(early.ok());
    CHECK(early.status().code() == Code::kFailedPrecondition);
    CHECK(early.status().message().find("Table not initialized.") == 0);

    auto init = e.Run({{"asset_path:0", Tensor::Scalar<std::string>(vocab.string())}}, {},
                      {"init_all_tables"});
    REQUIRE_MESSAGE(init.ok(), init.status().ToString());
    CHECK(e.variables().tables().Names() ==
          std::vector<std::string>{"localhost/hash_table_vocab.txt_-1_-2_-1", "localhost/names"});

    auto out = e.Run(
        {{"words:0", *Tensor::FromVector<std::string>({"fox", "cat", "the", "brown"}, {2, 2})}},
        {"word_ids:0", "vocab_size:0"});
    REQUIRE_MESSAGE(out.ok(), out.status().ToString());
    CHECK((*out)[0].shape() == Shape{2, 2});
    const auto ids = (*out)[0].flat<std::int64_t>();
    CHECK(std::vector<std::int64_t>(ids.begin(), ids.end()) ==
          std::vector<std::int64_t>{3, -1, 0, 2});
    CHECK((*out)[1].flat<std::int64_t>()[0] == 4);

    out = e.Run({{"ids:0", *Tensor::FromVector<std::int64_t>({30, 11, 10}, {3})}}, {"shout:0"});
    REQUIRE_MESSAGE(out.ok(), out.status().ToString());
    const auto names = (*out)[0].flat<std::string>();
    CHECK(std::vector<std::string>(names.begin(), names.end()) ==
          std::vector<std::string>{"THIRTY", "UNK", "TEN"});

    // Running the init op again (a reload's init) leaves the tables as they are.
    REQUIRE(e.Run({{"asset_path:0", Tensor::Scalar<std::string>(vocab.string())}}, {},
                  {"init_all_tables"})
                .ok());
    out = e.Run({}, {"vocab_size:0"});
    REQUIRE(out.ok());
    CHECK((*out)[0].flat<std::int64_t>()[0] == 4);
  }
}

}  // namespace tfsk::serving
