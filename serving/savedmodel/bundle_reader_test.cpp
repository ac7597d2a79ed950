#include "serving/savedmodel/bundle_reader.h"

#include <doctest/doctest.h>

#include <complex>
#include <cstring>
#include <filesystem>
#include <string>
#include <vector>

#include "serving/savedmodel/test_writers.h"
#include "tests/support/shared.h"

namespace tfsk::serving::savedmodel {
namespace {

namespace fs = std::filesystem;
using testwriters::EntryOf;
using testwriters::TensorToWrite;
using testwriters::WriteBundle;

bool Contains(const Status& s, const std::string& text) {
  return s.message().find(text) != std::string::npos;
}

std::string FixturePrefix(const std::string& model) {
  return (testing::RequireShared(model) / "variables" / "variables").string();
}

float ScalarFloat(const BundleReader& reader, const std::string& key) {
  auto t = reader.Lookup(key);
  REQUIRE_MESSAGE(t.ok(), t.status().ToString());
  REQUIRE(t->dtype() == DataType::kFloat);
  REQUIRE(t->num_elements() == 1);
  return t->flat<float>()[0];
}

// Copies a fixture's variables into `dir` and returns the new prefix.
std::string CopyFixtureVariables(const std::string& model, const fs::path& dir) {
  const fs::path source = testing::RequireShared(model) / "variables";
  for (const auto& file : fs::directory_iterator(source)) {
    fs::copy_file(file.path(), dir / file.path().filename());
  }
  return (dir / "variables").string();
}

template <typename T>
std::string RawBytes(const std::vector<T>& values) {
  std::string out;
  for (const T value : values) {  // element-wise: std::vector<bool> has no data()
    char buf[sizeof(T)];
    std::memcpy(buf, &value, sizeof(T));
    out.append(buf, sizeof(T));
  }
  return out;
}

template <typename T>
TensorToWrite Numeric(const std::string& key, tensorflow::DataType dtype, std::vector<T> values,
                      std::vector<std::int64_t> shape) {
  return TensorToWrite{key, EntryOf(dtype, shape), RawBytes(values), std::nullopt};
}

TensorToWrite Strings(const std::string& key, const std::vector<std::string>& values,
                      std::vector<std::int64_t> shape) {
  std::uint32_t crc = 0;
  std::string stored = testwriters::EncodeStrings(values, &crc);
  return TensorToWrite{key, EntryOf(tensorflow::DT_STRING, shape), stored, crc};
}

template <typename T>
void CheckValues(const BundleReader& reader, const std::string& key, DataType dtype,
                 const std::vector<T>& expected, const Shape& shape) {
  CAPTURE(key);
  auto t = reader.Lookup(key);
  REQUIRE_MESSAGE(t.ok(), t.status().ToString());
  CHECK(t->dtype() == dtype);
  CHECK(t->shape() == shape);
  auto values = t->template flat<T>();
  REQUIRE(values.size() == expected.size());
  for (std::size_t i = 0; i < expected.size(); ++i) CHECK(values[i] == expected[i]);
}

}  // namespace

TEST_SUITE("BundleReader on the fixtures") {
  TEST_CASE("reads a, a2, b, c, c2 from the TF 1.14 export (Snappy index)") {
    auto reader =
        BundleReader::Open(FixturePrefix("models/saved_model_half_plus_two_cpu/00000123"));
    REQUIRE_MESSAGE(reader.ok(), reader.status().ToString());
    CHECK(reader->header().num_shards() == 1);
    CHECK(reader->header().version().producer() == 1);
    CHECK(reader->ListKeys() == std::vector<std::string>{"a", "a2", "b", "c", "c2"});
    CHECK(ScalarFloat(*reader, "a") == 0.5f);
    CHECK(ScalarFloat(*reader, "a2") == 0.5f);
    CHECK(ScalarFloat(*reader, "b") == 2.0f);
    CHECK(ScalarFloat(*reader, "c") == 3.0f);
    CHECK(ScalarFloat(*reader, "c2") == 3.0f);
    auto spec = reader->LookupDtypeAndShape("a");
    REQUIRE(spec.ok());
    CHECK(*spec == BundleTensorSpec{DataType::kFloat, {}});
  }

  TEST_CASE("reads both versions of the uncompressed 2_versions export") {
    for (const char* version : {"00000123", "00000124"}) {
      CAPTURE(version);
      auto reader = BundleReader::Open(
          FixturePrefix(std::string("models/saved_model_half_plus_two_2_versions/") + version));
      REQUIRE_MESSAGE(reader.ok(), reader.status().ToString());
      CHECK(reader->ListKeys() == std::vector<std::string>{"a", "b", "c"});
      CHECK(ScalarFloat(*reader, "a") == 0.5f);
      CHECK(ScalarFloat(*reader, "b") == 2.0f);
      CHECK(ScalarFloat(*reader, "c") == 3.0f);
    }
  }

  TEST_CASE("reads b = 3 from half_plus_three") {
    auto reader = BundleReader::Open(FixturePrefix("models/saved_model_half_plus_three/00000123"));
    REQUIRE_MESSAGE(reader.ok(), reader.status().ToString());
    CHECK(ScalarFloat(*reader, "a") == 0.5f);
    CHECK(ScalarFloat(*reader, "b") == 3.0f);
    CHECK(ScalarFloat(*reader, "c") == 3.0f);
  }

  TEST_CASE("reads counter = 0 from the counter export") {
    auto reader = BundleReader::Open(FixturePrefix("models/saved_model_counter/00000123"));
    REQUIRE_MESSAGE(reader.ok(), reader.status().ToString());
    CHECK(reader->ListKeys() == std::vector<std::string>{"counter"});
    CHECK(ScalarFloat(*reader, "counter") == 0.0f);
  }

  TEST_CASE("reads TF2 object-path keys and the checkpointable object graph string") {
    auto reader =
        BundleReader::Open(FixturePrefix("models/saved_model_half_plus_two_tf2_cpu/00000123"));
    REQUIRE_MESSAGE(reader.ok(), reader.status().ToString());
    CHECK(reader->ListKeys() ==
          std::vector<std::string>{"_CHECKPOINTABLE_OBJECT_GRAPH", "a/.ATTRIBUTES/VARIABLE_VALUE",
                                   "b/.ATTRIBUTES/VARIABLE_VALUE", "c/.ATTRIBUTES/VARIABLE_VALUE"});
    CHECK(ScalarFloat(*reader, "a/.ATTRIBUTES/VARIABLE_VALUE") == 0.5f);
    CHECK(ScalarFloat(*reader, "b/.ATTRIBUTES/VARIABLE_VALUE") == 2.0f);
    CHECK(ScalarFloat(*reader, "c/.ATTRIBUTES/VARIABLE_VALUE") == 3.0f);
    auto graph = reader->Lookup("_CHECKPOINTABLE_OBJECT_GRAPH");
    REQUIRE_MESSAGE(graph.ok(), graph.status().ToString());
    CHECK(graph->dtype() == DataType::kString);
    CHECK(graph->rank() == 0);
    CHECK(graph->flat<std::string>()[0].size() > 10);
  }

  TEST_CASE("a missing key is NotFound naming the key and the prefix") {
    const std::string prefix = FixturePrefix("models/saved_model_half_plus_two_cpu/00000123");
    auto reader = BundleReader::Open(prefix);
    REQUIRE(reader.ok());
    auto t = reader->Lookup("no_such_variable");
    CHECK(t.status().code() == Code::kNotFound);
    CHECK(Contains(t.status(), "no_such_variable"));
    CHECK(Contains(t.status(), prefix));
    CHECK(reader->LookupDtypeAndShape("nope").status().code() == Code::kNotFound);
    CHECK_FALSE(reader->Contains("nope"));
    CHECK(reader->Contains("a"));
  }
}

TEST_SUITE("BundleReader on corrupted fixtures") {
  TEST_CASE("a flipped byte in the index data block is a checksum mismatch") {
    testing::TempDir dir;
    const std::string prefix =
        CopyFixtureVariables("models/saved_model_half_plus_two_2_versions/00000123", dir.path());
    std::string index = testwriters::ReadFile(prefix + ".index");
    index[3] ^= 0x20;
    testwriters::WriteFile(prefix + ".index", index);
    auto reader = BundleReader::Open(prefix);
    CHECK(reader.status().code() == Code::kDataLoss);
    CHECK(Contains(reader.status(), "variables.index: block checksum mismatch at offset 0"));
  }

  TEST_CASE("a flipped byte in a Snappy-compressed index block is a checksum mismatch") {
    testing::TempDir dir;
    const std::string prefix =
        CopyFixtureVariables("models/saved_model_half_plus_two_cpu/00000123", dir.path());
    std::string index = testwriters::ReadFile(prefix + ".index");
    index[5] ^= 0x01;
    testwriters::WriteFile(prefix + ".index", index);
    auto reader = BundleReader::Open(prefix);
    CHECK(reader.status().code() == Code::kDataLoss);
    CHECK(Contains(reader.status(), "block checksum mismatch"));
  }

  TEST_CASE("a truncated index is an error, at every length") {
    testing::TempDir dir;
    const std::string prefix =
        CopyFixtureVariables("models/saved_model_half_plus_two_tf2_cpu/00000123", dir.path());
    const std::string index = testwriters::ReadFile(prefix + ".index");
    for (std::size_t length = 0; length < index.size(); ++length) {
      CAPTURE(length);
      testwriters::WriteFile(prefix + ".index", index.substr(0, length));
      auto reader = BundleReader::Open(prefix);
      CHECK(reader.status().code() == Code::kDataLoss);
    }
  }

  TEST_CASE("an overwritten magic number is reported as such") {
    testing::TempDir dir;
    const std::string prefix =
        CopyFixtureVariables("models/saved_model_counter/00000123", dir.path());
    std::string index = testwriters::ReadFile(prefix + ".index");
    index.replace(index.size() - 8, 8, "NOTMAGIC");
    testwriters::WriteFile(prefix + ".index", index);
    auto reader = BundleReader::Open(prefix);
    CHECK(reader.status().code() == Code::kDataLoss);
    CHECK(Contains(reader.status(), "variables.index: bad magic number"));
  }

  TEST_CASE("a corrupted data shard fails the entry checksum") {
    testing::TempDir dir;
    const std::string prefix =
        CopyFixtureVariables("models/saved_model_half_plus_two_cpu/00000123", dir.path());
    auto reader = BundleReader::Open(prefix);
    REQUIRE(reader.ok());
    auto entry = reader->LookupEntry("b");
    REQUIRE(entry.ok());
    const std::string data_file = prefix + ".data-00000-of-00001";
    std::string data = testwriters::ReadFile(data_file);
    data[static_cast<std::size_t>(entry->offset())] ^= 0x01;
    testwriters::WriteFile(data_file, data);
    auto t = reader->Lookup("b");
    CHECK(t.status().code() == Code::kDataLoss);
    CHECK(Contains(t.status(), "variables.data-00000-of-00001: key \"b\": checksum mismatch"));
    CHECK(reader->Lookup("a").ok());
  }

  TEST_CASE("a truncated data shard is DataLoss, a missing one NotFound") {
    testing::TempDir dir;
    const std::string prefix =
        CopyFixtureVariables("models/saved_model_half_plus_two_cpu/00000123", dir.path());
    auto reader = BundleReader::Open(prefix);
    REQUIRE(reader.ok());
    const std::string data_file = prefix + ".data-00000-of-00001";
    testwriters::WriteFile(data_file, "\x01\x02");
    auto truncated = reader->Lookup("c2");
    CHECK(truncated.status().code() == Code::kDataLoss);
    CHECK(Contains(truncated.status(), "lie outside the file"));
    fs::remove(data_file);
    auto missing = reader->Lookup("a");
    CHECK(missing.status().code() == Code::kNotFound);
    CHECK(Contains(missing.status(), "variables.data-00000-of-00001"));
  }

  TEST_CASE("a missing index is NotFound naming it") {
    testing::TempDir dir;
    auto reader = BundleReader::Open((dir.path() / "variables").string());
    CHECK(reader.status().code() == Code::kNotFound);
    CHECK(Contains(reader.status(), "variables.index"));
  }
}

TEST_SUITE("BundleReader on written bundles") {
  TEST_CASE("round-trips every fixed-size dtype, row-major") {
    testing::TempDir dir;
    const std::string prefix = (dir.path() / "ckpt").string();
    WriteBundle(prefix,
                {
                    Numeric<bool>("bool", tensorflow::DT_BOOL, {true, false, true}, {3}),
                    Numeric<std::complex<float>>("complex64", tensorflow::DT_COMPLEX64,
                                                 {{1.0f, -1.0f}}, {1}),
                    Numeric<double>("double", tensorflow::DT_DOUBLE, {1.5, -2.25}, {2, 1}),
                    Numeric<float>("float", tensorflow::DT_FLOAT, {1, 2, 3, 4, 5, 6}, {2, 3}),
                    Numeric<std::uint16_t>("half", tensorflow::DT_HALF, {0x3c00}, {}),
                    Numeric<std::int16_t>("int16", tensorflow::DT_INT16, {-7, 7}, {2}),
                    Numeric<std::int32_t>("int32", tensorflow::DT_INT32, {-1, 0, 1}, {3}),
                    Numeric<std::int64_t>("int64", tensorflow::DT_INT64, {1LL << 40}, {1}),
                    Numeric<std::int8_t>("int8", tensorflow::DT_INT8, {-128, 127}, {2}),
                    Numeric<std::uint16_t>("uint16", tensorflow::DT_UINT16, {65535}, {1}),
                    Numeric<std::uint32_t>("uint32", tensorflow::DT_UINT32, {4000000000u}, {1}),
                    Numeric<std::uint64_t>("uint64", tensorflow::DT_UINT64, {~0ull}, {1}),
                    Numeric<std::uint8_t>("uint8", tensorflow::DT_UINT8, {0, 255}, {2}),
                    Numeric<float>("zero_elements", tensorflow::DT_FLOAT, {}, {0, 3}),
                });
    auto reader = BundleReader::Open(prefix);
    REQUIRE_MESSAGE(reader.ok(), reader.status().ToString());
    CheckValues<bool>(*reader, "bool", DataType::kBool, {true, false, true}, {3});
    CheckValues<double>(*reader, "double", DataType::kDouble, {1.5, -2.25}, {2, 1});
    CheckValues<float>(*reader, "float", DataType::kFloat, {1, 2, 3, 4, 5, 6}, {2, 3});
    CheckValues<std::int16_t>(*reader, "int16", DataType::kInt16, {-7, 7}, {2});
    CheckValues<std::int32_t>(*reader, "int32", DataType::kInt32, {-1, 0, 1}, {3});
    CheckValues<std::int64_t>(*reader, "int64", DataType::kInt64, {1LL << 40}, {1});
    CheckValues<std::int8_t>(*reader, "int8", DataType::kInt8, {-128, 127}, {2});
    CheckValues<std::uint16_t>(*reader, "uint16", DataType::kUint16, {65535}, {1});
    CheckValues<std::uint32_t>(*reader, "uint32", DataType::kUint32, {4000000000u}, {1});
    CheckValues<std::uint64_t>(*reader, "uint64", DataType::kUint64, {~0ull}, {1});
    CheckValues<std::uint8_t>(*reader, "uint8", DataType::kUint8, {0, 255}, {2});
    CheckValues<float>(*reader, "zero_elements", DataType::kFloat, {}, {0, 3});
    auto half = reader->Lookup("half");
    REQUIRE(half.ok());
    CHECK(half->dtype() == DataType::kHalf);
    REQUIRE(half->bytes().size() == 2);
    CHECK(std::to_integer<int>(half->bytes()[1]) == 0x3c);
    auto complex = reader->Lookup("complex64");
    REQUIRE(complex.ok());
    CHECK(complex->dtype() == DataType::kComplex64);
    CHECK(complex->bytes().size() == 8);
  }

  TEST_CASE("normalises stored bool bytes other than 0 and 1 to true") {
    testing::TempDir dir;
    const std::string prefix = (dir.path() / "ckpt").string();
    WriteBundle(prefix, {TensorToWrite{"flags", EntryOf(tensorflow::DT_BOOL, {3}),
                                       std::string("\x00\x02\xff", 3), std::nullopt}});
    auto reader = BundleReader::Open(prefix);
    REQUIRE(reader.ok());
    CheckValues<bool>(*reader, "flags", DataType::kBool, {false, true, true}, {3});
  }

  TEST_CASE("round-trips string tensors, including empty strings and long ones") {
    testing::TempDir dir;
    const std::string prefix = (dir.path() / "ckpt").string();
    const std::vector<std::string> values{"", "x", std::string(300, 'y'), std::string("\0z", 2)};
    WriteBundle(prefix,
                {Strings("empty_vector", {}, {0}), Strings("scalar", {"hello"}, {}),
                 Strings("vector", values, {2, 2})},
                testwriters::TableOptions{16, 4096, true});
    auto reader = BundleReader::Open(prefix);
    REQUIRE_MESSAGE(reader.ok(), reader.status().ToString());
    CheckValues<std::string>(*reader, "scalar", DataType::kString, {"hello"}, {});
    CheckValues<std::string>(*reader, "vector", DataType::kString, values, {2, 2});
    CheckValues<std::string>(*reader, "empty_vector", DataType::kString, {}, {0});
  }

  TEST_CASE("reads a hundred tensors spread over several Snappy blocks") {
    testing::TempDir dir;
    const std::string prefix = (dir.path() / "ckpt").string();
    std::vector<TensorToWrite> tensors;
    for (int i = 0; i < 100; ++i) {
      char key[32];
      std::snprintf(key, sizeof(key), "dense_%03d/kernel", i);
      tensors.push_back(Numeric<float>(key, tensorflow::DT_FLOAT,
                                       {static_cast<float>(i), static_cast<float>(-i)}, {2}));
    }
    WriteBundle(prefix, tensors, testwriters::TableOptions{16, 256, true});
    auto reader = BundleReader::Open(prefix);
    REQUIRE_MESSAGE(reader.ok(), reader.status().ToString());
    CHECK(reader->ListKeys().size() == 100);
    CheckValues<float>(*reader, "dense_057/kernel", DataType::kFloat, {57.0f, -57.0f}, {2});
    CheckValues<float>(*reader, "dense_099/kernel", DataType::kFloat, {99.0f, -99.0f}, {2});
  }

  TEST_CASE("sliced entries are Unimplemented with a clear message") {
    testing::TempDir dir;
    const std::string prefix = (dir.path() / "ckpt").string();
    auto sliced = Numeric<float>("partitioned", tensorflow::DT_FLOAT, {1, 2}, {2});
    sliced.entry.add_slices()->add_extent()->set_start(0);
    WriteBundle(prefix, {sliced});
    auto reader = BundleReader::Open(prefix);
    REQUIRE(reader.ok());
    auto t = reader->Lookup("partitioned");
    CHECK(t.status().code() == Code::kUnimplemented);
    CHECK(Contains(t.status(), "partitioned variable"));
  }

  TEST_CASE("resource and variant entries cannot be restored") {
    testing::TempDir dir;
    const std::string prefix = (dir.path() / "ckpt").string();
    WriteBundle(prefix, {TensorToWrite{"handle", EntryOf(tensorflow::DT_RESOURCE, {}), "xx",
                                       std::nullopt}});
    auto reader = BundleReader::Open(prefix);
    REQUIRE(reader.ok());
    CHECK(reader->Lookup("handle").status().code() == Code::kUnimplemented);
  }

  TEST_CASE("rejects entries whose size, shape or range do not add up, without allocating") {
    testing::TempDir dir;
    const std::string prefix = (dir.path() / "ckpt").string();
    auto wrong_size = Numeric<float>("wrong_size", tensorflow::DT_FLOAT, {1, 2, 3}, {2});
    auto huge = Numeric<float>("huge", tensorflow::DT_FLOAT, {1}, {1LL << 40, 1LL << 40});
    auto overflow =
        Numeric<float>("overflow", tensorflow::DT_FLOAT, {1}, {1LL << 62, 1LL << 62, 4});
    auto negative = Numeric<float>("negative", tensorflow::DT_FLOAT, {1}, {-1});
    auto many_strings = TensorToWrite{"many_strings", EntryOf(tensorflow::DT_STRING, {1LL << 50}),
                                      "abcd", std::nullopt};
    auto bad_dtype = Numeric<float>("bad_dtype", tensorflow::DT_FLOAT, {1}, {1});
    bad_dtype.entry.set_dtype(static_cast<tensorflow::DataType>(99));
    WriteBundle(prefix, {bad_dtype, huge, many_strings, negative, overflow, wrong_size});
    auto reader = BundleReader::Open(prefix);
    REQUIRE(reader.ok());
    for (const char* key :
         {"wrong_size", "huge", "overflow", "negative", "many_strings", "bad_dtype"}) {
      CAPTURE(key);
      auto t = reader->Lookup(key);
      CHECK(t.status().code() == Code::kDataLoss);
      CHECK(Contains(t.status(), key));
    }
    CHECK(reader->LookupDtypeAndShape("negative").status().code() == Code::kDataLoss);
  }

  TEST_CASE("rejects entries pointing outside the shard or to a missing shard") {
    testing::TempDir dir;
    const std::string prefix = (dir.path() / "ckpt").string();
    WriteBundle(prefix, {Numeric<float>("x", tensorflow::DT_FLOAT, {1}, {1})});
    // Rewrite the index with a shifted offset and a bad shard id.
    auto reader = BundleReader::Open(prefix);
    REQUIRE(reader.ok());
    auto entry = *reader->LookupEntry("x");
    tensorflow::BundleHeaderProto header = reader->header();
    auto shifted = entry;
    shifted.set_offset(1000);
    auto other_shard = entry;
    other_shard.set_shard_id(3);
    std::vector<TableEntry> entries{{"", header.SerializeAsString()},
                                    {"other_shard", other_shard.SerializeAsString()},
                                    {"shifted", shifted.SerializeAsString()}};
    testwriters::WriteFile(prefix + ".index", testwriters::BuildTable(entries));
    auto rewritten = BundleReader::Open(prefix);
    REQUIRE(rewritten.ok());
    auto s = rewritten->Lookup("shifted");
    CHECK(s.status().code() == Code::kDataLoss);
    CHECK(Contains(s.status(), "lie outside the file"));
    auto o = rewritten->Lookup("other_shard");
    CHECK(o.status().code() == Code::kDataLoss);
    CHECK(Contains(o.status(), "names shard 3 of 1"));
  }

  TEST_CASE("detects corrupt string layouts") {
    testing::TempDir dir;
    const std::string prefix = (dir.path() / "ckpt").string();
    auto good = Strings("good", {"abc", "de"}, {2});
    auto bad_lengths_crc = good;
    bad_lengths_crc.key = "bad_lengths_crc";
    bad_lengths_crc.stored[2] ^= 0x01;  // first byte of the lengths checksum
    auto trailing = good;
    trailing.key = "trailing";
    trailing.stored += "!";
    auto truncated = good;
    truncated.key = "truncated";
    truncated.stored.pop_back();
    WriteBundle(prefix, {bad_lengths_crc, good, trailing, truncated});
    auto reader = BundleReader::Open(prefix);
    REQUIRE(reader.ok());
    CHECK(reader->Lookup("good").ok());
    CHECK(Contains(reader->Lookup("bad_lengths_crc").status(), "string length checksum mismatch"));
    CHECK(Contains(reader->Lookup("trailing").status(), "bytes left after the strings"));
    CHECK(Contains(reader->Lookup("truncated").status(), "string data truncated"));
  }

  TEST_CASE("validates the header: present, little-endian, sharded, version") {
    testing::TempDir dir;
    const std::string prefix = (dir.path() / "ckpt").string();
    auto header_with = [](auto edit) {
      tensorflow::BundleHeaderProto h;
      h.set_num_shards(1);
      h.mutable_version()->set_producer(1);
      edit(h);
      return h;
    };
    auto open_with = [&](tensorflow::BundleHeaderProto h) {
      WriteBundle(prefix, {Numeric<float>("x", tensorflow::DT_FLOAT, {1}, {1})}, {}, h);
      return BundleReader::Open(prefix).status();
    };
    CHECK(open_with(header_with([](auto& h) {
            h.set_endianness(tensorflow::BundleHeaderProto::BIG);
          })).code() == Code::kUnimplemented);
    CHECK(Contains(open_with(header_with([](auto& h) { h.set_num_shards(0); })),
                   "invalid num_shards 0"));
    CHECK(open_with(header_with([](auto& h) {
            h.mutable_version()->set_min_consumer(2);
          })).code() == Code::kFailedPrecondition);
    CHECK(open_with(header_with([](auto& h) {
            h.mutable_version()->add_bad_consumers(1);
          })).code() == Code::kFailedPrecondition);

    // No "" key at all.
    testwriters::WriteFile(prefix + ".index", testwriters::BuildTable({{"x", "junk"}}));
    CHECK(Contains(BundleReader::Open(prefix).status(), "no bundle header"));
    // An entry that is not a BundleEntryProto.
    std::vector<TableEntry> entries{{"", header_with([](auto&) {}).SerializeAsString()},
                                    {"x", "\xff\xff\xff"}};
    testwriters::WriteFile(prefix + ".index", testwriters::BuildTable(entries));
    CHECK(
        Contains(BundleReader::Open(prefix).status(), "malformed BundleEntryProto for key \"x\""));
  }

  TEST_CASE("reads tensors from the shard their entry names") {
    testing::TempDir dir;
    const std::string prefix = (dir.path() / "ckpt").string();
    // Shard 0 holds "a", shard 1 holds "b" (both at offset 0), like a sharded TF1 save.
    const std::string a = RawBytes<float>({1.5f});
    const std::string b = RawBytes<float>({-4.0f, 8.0f});
    auto entry_a = EntryOf(tensorflow::DT_FLOAT, {});
    entry_a.set_size(4);
    entry_a.set_crc32c(MaskCrc(Crc32c(a)));
    auto entry_b = EntryOf(tensorflow::DT_FLOAT, {2});
    entry_b.set_shard_id(1);
    entry_b.set_size(8);
    entry_b.set_crc32c(MaskCrc(Crc32c(b)));
    tensorflow::BundleHeaderProto header;
    header.set_num_shards(2);
    testwriters::WriteFile(prefix + ".index",
                           testwriters::BuildTable({{"", header.SerializeAsString()},
                                                    {"a", entry_a.SerializeAsString()},
                                                    {"b", entry_b.SerializeAsString()}}));
    testwriters::WriteFile(BundleDataFilename(prefix, 0, 2), a);
    testwriters::WriteFile(BundleDataFilename(prefix, 1, 2), b);
    auto reader = BundleReader::Open(prefix);
    REQUIRE_MESSAGE(reader.ok(), reader.status().ToString());
    CheckValues<float>(*reader, "a", DataType::kFloat, {1.5f}, {});
    CheckValues<float>(*reader, "b", DataType::kFloat, {-4.0f, 8.0f}, {2});
    fs::remove(BundleDataFilename(prefix, 1, 2));
    auto missing = reader->Lookup("b");
    CHECK(missing.status().code() == Code::kNotFound);
    CHECK(Contains(missing.status(), "ckpt.data-00001-of-00002"));
    CHECK(reader->Lookup("a").ok());
  }

  TEST_CASE("names data shards like TensorFlow") {
    CHECK(BundleDataFilename("/m/variables/variables", 0, 1) ==
          "/m/variables/variables.data-00000-of-00001");
    CHECK(BundleDataFilename("p", 12, 100) == "p.data-00012-of-00100");
  }
}

}  // namespace tfsk::serving::savedmodel
