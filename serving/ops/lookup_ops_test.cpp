// Lookup tables through their kernels: HashTable initialization (tensors, text files, twice),
// finds with scalar and per-key defaults, MutableHashTable insert/find/export/import, the TF1
// reference handle form, and TensorFlow's error texts.

#include <doctest/doctest.h>

#include <algorithm>
#include <fstream>
#include <map>

#include "serving/ops/op_test_util.h"
#include "tests/support/shared.h"

namespace tfsk::serving {
using namespace testing;

namespace {

AttrMap TableAttrs(DataType k, DataType v, const std::string& shared_name = "") {
  return Attrs({{"key_dtype", AttrValue::Type(k)},
                {"value_dtype", AttrValue::Type(v)},
                {"shared_name", AttrValue::Str(shared_name)}});
}

AttrMap TextAttrs(std::int64_t key_index, std::int64_t value_index, std::int64_t vocab_size = -1,
                  const std::string& delimiter = "\t", std::int64_t offset = 0) {
  return Attrs({{"key_index", AttrValue::Int(key_index)},
                {"value_index", AttrValue::Int(value_index)},
                {"vocab_size", AttrValue::Int(vocab_size)},
                {"delimiter", AttrValue::Str(delimiter)},
                {"offset", AttrValue::Int(offset)}});
}

std::string WriteFile(const tfsk::testing::TempDir& dir, const std::string& name,
                      const std::string& text) {
  const auto path = dir.path() / name;
  std::ofstream(path, std::ios::binary) << text;
  return path.string();
}

/// Exported entries as a sorted map (export order is unspecified).
template <typename K, typename V>
std::map<K, V> Entries(const std::vector<Tensor>& exported) {
  std::map<K, V> m;
  auto k = exported[0].flat<K>();
  auto v = exported[1].flat<V>();
  for (std::size_t i = 0; i < k.size(); ++i) m[k[i]] = v[i];
  return m;
}

}  // namespace

TEST_SUITE("lookup ops") {
  TEST_CASE("HashTableV2 initialized from tensors: hits, misses, keys of any shape, size") {
    OpRunner r;
    Tensor h = r.One("HashTableV2", {}, TableAttrs(DataType::kString, DataType::kInt64, "vocab"));
    CHECK(h.dtype() == DataType::kResource);
    CHECK(h.flat<std::string>()[0] == "localhost/vocab");
    CHECK(r.One("LookupTableSizeV2", {h}).flat<std::int64_t>()[0] == 0);
    CHECK(r.Error("LookupTableFindV2", {h, S({"a"}, {1}), I64({-1}, {})}) ==
          "Table not initialized.");
    REQUIRE(r.Run("InitializeTableV2", {h, S({"a", "b", "c"}, {3}), I64({0, 1, 2}, {3})}).ok());
    CHECK(r.One("LookupTableSizeV2", {h}).flat<std::int64_t>()[0] == 3);
    Tensor out = r.One("LookupTableFindV2", {h, S({"c", "zz", "a", "b"}, {2, 2}), I64({-1}, {})});
    CHECK(out.shape() == Shape{2, 2});
    CHECK(Values<std::int64_t>(out) == std::vector<std::int64_t>{2, -1, 0, 1});
    // A per-key default is accepted, but a HashTable uses its first element (TensorFlow).
    out = r.One("LookupTableFindV2", {h, S({"x", "y"}, {2}), I64({7, 8}, {2})});
    CHECK(Values<std::int64_t>(out) == std::vector<std::int64_t>{7, 7});
    auto exported = r.Run("LookupTableExportV2", {h});
    REQUIRE(exported.ok());
    CHECK(Entries<std::string, std::int64_t>(*exported) ==
          std::map<std::string, std::int64_t>{{"a", 0}, {"b", 1}, {"c", 2}});
  }

  TEST_CASE("a HashTable initialized twice: same count is a no-op, another count fails") {
    OpRunner r;
    Tensor h = r.One("HashTableV2", {}, TableAttrs(DataType::kInt64, DataType::kString));
    CHECK(h.flat<std::string>()[0] == "localhost/node");  // no shared_name: the node's name
    REQUIRE(r.Run("InitializeTableV2", {h, I64({1, 2}, {2}), S({"one", "two"}, {2})}).ok());
    // TensorFlow compares only the counts, so different data of the same size is accepted.
    CHECK(r.Run("InitializeTableV2", {h, I64({5, 6}, {2}), S({"x", "y"}, {2})}).ok());
    CHECK(Values<std::string>(r.One("LookupTableFindV2", {h, I64({2, 5}, {2}), S({"?"}, {})})) ==
          std::vector<std::string>{"two", "?"});
    auto st = r.Run("InitializeTableV2", {h, I64({1}, {1}), S({"one"}, {1})}).status();
    CHECK(st.code() == Code::kFailedPrecondition);
    CHECK(st.message() == "Table was already initialized with different data.");
  }

  TEST_CASE("HashTable initialization errors leave the table uninitialized") {
    OpRunner r;
    Tensor h = r.One("HashTableV2", {}, TableAttrs(DataType::kString, DataType::kFloat));
    CHECK(r.Error("InitializeTableV2", {h, S({"a", "a"}, {2}), F({1, 2}, {2})}) ==
          "HashTable has different value for same key. Key a has 1 and trying to add value 2");
    CHECK(r.One("LookupTableSizeV2", {h}).flat<std::int64_t>()[0] == 0);
    CHECK(r.Error("InitializeTableV2", {h, S({"a"}, {1, 1}), F({1}, {1})}) ==
          "Keys must be a vector, but received shape[1,1]");
    CHECK(r.Error("InitializeTableV2", {h, S({"a", "b"}, {2}), F({1}, {1})}) ==
          "Keys and values must have the same size 2 vs 1");
    CHECK(r.Error("InitializeTableV2", {h, I64({1}, {1}), F({1}, {1})}) ==
          "Signature mismatch, have: resource, int64, float-> expected: resource, string, float->");
    // Duplicates with equal values are fine.
    REQUIRE(r.Run("InitializeTableV2", {h, S({"a", "a", "b"}, {3}), F({1, 1, 2}, {3})}).ok());
    CHECK(r.One("LookupTableSizeV2", {h}).flat<std::int64_t>()[0] == 2);
    CHECK(r.Error("LookupTableInsertV2", {h, S({"c"}, {1}), F({3}, {1})}) ==
          "Insert not supported by InitializableLookupTable implementations");
  }

  TEST_CASE("find argument checks") {
    OpRunner r;
    Tensor h = r.One("HashTableV2", {}, TableAttrs(DataType::kString, DataType::kInt64, "t"));
    REQUIRE(r.Run("InitializeTableV2", {h, S({"a"}, {1}), I64({1}, {1})}).ok());
    CHECK(r.Error("LookupTableFindV2", {h, S({"a", "b"}, {2}), I64({1, 2, 3}, {3})}) ==
          "Expected shape [] or [2] for default value, got [3]");
    CHECK(r.Error("LookupTableFindV2", {h, I64({1}, {1}), I64({0}, {})}) ==
          "Signature mismatch, have: resource, int64, int64->int64 expected: resource, string, "
          "int64->int64");
    CHECK(r.Error("LookupTableFindV2", {h, S({"a"}, {1}), I32({0}, {})},
                  Attrs({{"Tin", AttrValue::Type(DataType::kString)},
                         {"Tout", AttrValue::Type(DataType::kInt32)}})) ==
          "Signature mismatch, have: resource, string, int32->int32 expected: resource, string, "
          "int64->int64");
    Tensor missing(DataType::kResource, {});
    missing.flat<std::string>()[0] = "localhost/nope";
    auto st = r.Run("LookupTableFindV2", {missing, S({"a"}, {1}), I64({0}, {})}).status();
    CHECK(st.code() == Code::kNotFound);
    CHECK(st.message() ==
          "Resource localhost/nope/N10tensorflow6lookup15LookupInterfaceE does not exist.");
    // The same shared name with other dtypes.
    auto conflict = r.Run("HashTableV2", {}, TableAttrs(DataType::kString, DataType::kFloat, "t"));
    CHECK(conflict.status().message() ==
          "Conflicting key/value dtypes string->float with string-int64 for table localhost/t");
    auto unregistered =
        r.Run("MutableHashTableV2", {}, TableAttrs(DataType::kString, DataType::kString));
    CHECK(unregistered.status().code() == Code::kNotFound);
  }

  TEST_CASE("MutableHashTableV2: insert, find with per-key defaults, export, import") {
    OpRunner r;
    Tensor h = r.One("MutableHashTableV2", {}, TableAttrs(DataType::kInt64, DataType::kFloat, "m"));
    CHECK(r.One("LookupTableSizeV2", {h}).flat<std::int64_t>()[0] == 0);
    REQUIRE(r.Run("LookupTableInsertV2", {h, I64({1, 2}, {2}), F({10, 20}, {2})}).ok());
    REQUIRE(r.Run("LookupTableInsertV2", {h, I64({2, 3}, {2}), F({21, 30}, {2})}).ok());
    CHECK(r.One("LookupTableSizeV2", {h}).flat<std::int64_t>()[0] == 3);
    Tensor out =
        r.One("LookupTableFindV2", {h, I64({3, 9, 2, 8}, {2, 2}), F({0, 1, 2, 3}, {2, 2})});
    CHECK(Values<float>(out) == std::vector<float>{30, 1, 21, 3});
    out = r.One("LookupTableFindV2", {h, I64({9, 1}, {2}), F({-1}, {})});
    CHECK(Values<float>(out) == std::vector<float>{-1, 10});
    auto exported = r.Run("LookupTableExportV2", {h});
    REQUIRE(exported.ok());
    CHECK((*exported)[0].shape() == Shape{3});
    CHECK(Entries<std::int64_t, float>(*exported) ==
          std::map<std::int64_t, float>{{1, 10}, {2, 21}, {3, 30}});
    // Import replaces everything; the exported pair imports back into a fresh table.
    REQUIRE(r.Run("LookupTableImportV2", {h, I64({7}, {1}), F({70}, {1})}).ok());
    CHECK(r.One("LookupTableSizeV2", {h}).flat<std::int64_t>()[0] == 1);
    Tensor h2 =
        r.One("MutableHashTableV2", {}, TableAttrs(DataType::kInt64, DataType::kFloat, "m2"));
    REQUIRE(r.Run("LookupTableImportV2", {h2, (*exported)[0], (*exported)[1]}).ok());
    CHECK(Values<float>(r.One("LookupTableFindV2", {h2, I64({1, 2, 3}, {3}), F({0}, {})})) ==
          std::vector<float>{10, 21, 30});
    CHECK(r.Error("LookupTableInsertV2", {h, I64({1, 2}, {2}), F({1}, {1})}) ==
          "Expected shape [2] for value, got [1]");
    CHECK(r.Error("InitializeTableV2", {h, I64({1}, {1}), F({1}, {1})}) ==
          "Table localhost m is not initializable");
  }

  TEST_CASE("the TF1 reference form: HashTable with LookupTableFind") {
    OpRunner r;
    Tensor h = r.One("HashTable", {}, TableAttrs(DataType::kString, DataType::kInt32, "ref"));
    CHECK(h.dtype() == DataType::kString);
    CHECK(Values<std::string>(h) == std::vector<std::string>{"localhost", "ref"});
    REQUIRE(r.Run("InitializeTable", {h, S({"x"}, {1}), I32({5}, {1})}).ok());
    CHECK(Values<std::int32_t>(r.One("LookupTableFind", {h, S({"x", "y"}, {2}), I32({0}, {})})) ==
          std::vector<std::int32_t>{5, 0});
    CHECK(r.Error("LookupTableFind", {S({"ref"}, {1}), S({"x"}, {1}), I32({0}, {})}) ==
          "Lookup table handle must be scalar, but had shape: [1]");
  }

  TEST_CASE("InitializeTableFromTextFileV2: whole line -> line number, columns, offset") {
    tfsk::testing::TempDir dir;
    OpRunner r;
    const std::string vocab = WriteFile(dir, "vocab.txt", "apple\nbanana\r\ncherry");
    Tensor h = r.One("HashTableV2", {}, TableAttrs(DataType::kString, DataType::kInt64, "v"));
    REQUIRE(r.Run("InitializeTableFromTextFileV2", {h, S({vocab}, {})}, TextAttrs(-2, -1)).ok());
    CHECK(Values<std::int64_t>(r.One("LookupTableFindV2",
                                     {h, S({"cherry", "banana", "apple", "kiwi"}, {4}),
                                      I64({-1}, {})})) == std::vector<std::int64_t>{2, 1, 0, -1});
    // Initializing again from a file is ignored, even from another file.
    const std::string two = WriteFile(dir, "two.txt", "a\nb\n");
    CHECK(r.Run("InitializeTableFromTextFileV2", {h, S({two}, {})}, TextAttrs(-2, -1)).ok());
    CHECK(r.One("LookupTableSizeV2", {h}).flat<std::int64_t>()[0] == 3);

    const std::string cols = WriteFile(dir, "cols.csv", "10,x,1.5\n20,y,2.5\n");
    Tensor c = r.One("HashTableV2", {}, TableAttrs(DataType::kInt64, DataType::kFloat, "c"));
    REQUIRE(
        r.Run("InitializeTableFromTextFileV2", {c, S({cols}, {})}, TextAttrs(0, 2, -1, ",")).ok());
    CHECK(Values<float>(r.One("LookupTableFindV2", {c, I64({20, 10, 30}, {3}), F({0}, {})})) ==
          std::vector<float>{2.5f, 1.5f, 0});
    // Line numbers start at `offset`; int32 values get the offset added too (TensorFlow).
    Tensor o = r.One("HashTableV2", {}, TableAttrs(DataType::kString, DataType::kInt64, "o"));
    REQUIRE(r.Run("InitializeTableFromTextFileV2", {o, S({vocab}, {})},
                  TextAttrs(-2, -1, -1, "\t", 100))
                .ok());
    CHECK(
        Values<std::int64_t>(r.One("LookupTableFindV2", {o, S({"banana"}, {1}), I64({-1}, {})})) ==
        std::vector<std::int64_t>{101});
    Tensor n = r.One("HashTableV2", {}, TableAttrs(DataType::kString, DataType::kInt32, "n"));
    REQUIRE(r.Run("InitializeTableFromTextFileV2", {n, S({cols}, {})}, TextAttrs(1, 0, -1, ",", 5))
                .ok());
    CHECK(Values<std::int32_t>(r.One("LookupTableFindV2", {n, S({"y"}, {1}), I32({0}, {})})) ==
          std::vector<std::int32_t>{25});
  }

  TEST_CASE("InitializeTableFromTextFileV2: vocab_size truncates or fails") {
    tfsk::testing::TempDir dir;
    OpRunner r;
    const std::string vocab = WriteFile(dir, "vocab.txt", "a\nb\nc\n");
    Tensor h = r.One("HashTableV2", {}, TableAttrs(DataType::kString, DataType::kInt64, "t2"));
    REQUIRE(r.Run("InitializeTableFromTextFileV2", {h, S({vocab}, {})}, TextAttrs(-2, -1, 2)).ok());
    CHECK(r.One("LookupTableSizeV2", {h}).flat<std::int64_t>()[0] == 2);
    Tensor h4 = r.One("HashTableV2", {}, TableAttrs(DataType::kString, DataType::kInt64, "t4"));
    CHECK(r.Error("InitializeTableFromTextFileV2", {h4, S({vocab}, {})}, TextAttrs(-2, -1, 4)) ==
          "Invalid vocab_size in " + vocab + ": expected 4 but got 3");
    CHECK(r.One("LookupTableSizeV2", {h4}).flat<std::int64_t>()[0] == 0);
  }

  TEST_CASE("InitializeTableFromTextFileV2: TensorFlow's errors") {
    tfsk::testing::TempDir dir;
    OpRunner r;
    Tensor h = r.One("HashTableV2", {}, TableAttrs(DataType::kString, DataType::kInt64, "e"));
    const std::string gap = WriteFile(dir, "gap.txt", "a\n\nb\n");
    CHECK(r.Error("InitializeTableFromTextFileV2", {h, S({gap}, {})}, TextAttrs(-2, -1)) ==
          "Invalid content in " + gap + ": empty line found at position 3.");
    const std::string cols = WriteFile(dir, "cols.txt", "a\t1\nb\n");
    CHECK(r.Error("InitializeTableFromTextFileV2", {h, S({cols}, {})}, TextAttrs(0, 1)) ==
          "Invalid number of columns in " + cols + " line 1 (b) : expected at least 2 got 1");
    const std::string bad = WriteFile(dir, "bad.txt", "a\tx1\n");
    CHECK(r.Error("InitializeTableFromTextFileV2", {h, S({bad}, {})}, TextAttrs(0, 1)) ==
          "Field x1 in line 0 is not a valid int64.");
    CHECK(r.Error("InitializeTableFromTextFileV2", {h, S({gap}, {})}, TextAttrs(-1, -1)) ==
          "Key index for line number requires table key dtype of int64, got string");
    CHECK(r.Error("InitializeTableFromTextFileV2", {h, S({gap}, {})},
                  TextAttrs(-2, -1, -1, "ab")) == "delimiter should be only 1 char");
    CHECK(r.Error("InitializeTableFromTextFileV2", {h, S({""}, {})}, TextAttrs(-2, -1)) ==
          "filename cannot be empty.");
    CHECK(r.Error("InitializeTableFromTextFileV2", {h, S({gap, gap}, {2})}, TextAttrs(-2, -1)) ==
          "filename should be a single string, but got [2]");
    const std::string none = (dir.path() / "none.txt").string();
    auto st = r.Run("InitializeTableFromTextFileV2", {h, S({none}, {})}, TextAttrs(-2, -1));
    CHECK(st.status().code() == Code::kNotFound);
    CHECK(r.One("LookupTableSizeV2", {h}).flat<std::int64_t>()[0] == 0);
  }
}

}  // namespace tfsk::serving
