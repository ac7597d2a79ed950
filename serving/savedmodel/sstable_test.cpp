#include "serving/savedmodel/sstable.h"

#include <doctest/doctest.h>

#include <string>
#include <vector>

#include "serving/savedmodel/coding.h"
#include "serving/savedmodel/crc32c.h"
#include "serving/savedmodel/test_writers.h"
#include "tests/support/shared.h"

namespace tfsk::serving::savedmodel {
namespace {

using namespace std::string_literals;

using testwriters::BuildBlock;
using testwriters::BuildTable;
using testwriters::TableOptions;

std::vector<TableEntry> ManyEntries(int n) {
  std::vector<TableEntry> entries;
  for (int i = 0; i < n; ++i) {
    char key[32];
    std::snprintf(key, sizeof(key), "layer_%04d/kernel", i);
    entries.push_back(TableEntry{key, "value-" + std::to_string(i * 7)});
  }
  return entries;
}

bool Contains(const Status& s, const std::string& text) {
  return s.message().find(text) != std::string::npos;
}

// Rewrites the CRC of the block at `h` so that a deliberate content change is not caught by the
// checksum (to reach the structural checks behind it).
void FixCrc(std::string* table, BlockHandle h) {
  const auto off = static_cast<std::size_t>(h.offset);
  const auto size = static_cast<std::size_t>(h.size);
  std::string crc;
  PutFixed32(&crc, MaskCrc(Crc32c(std::string_view(*table).substr(off, size + 1))));
  table->replace(off + size + 1, 4, crc);
}

}  // namespace

TEST_SUITE("sstable") {
  TEST_CASE("reads every fixture index: header key first, keys strictly increasing") {
    for (const char* model :
         {"models/saved_model_half_plus_two_cpu/00000123",
          "models/saved_model_half_plus_two_2_versions/00000123",
          "models/saved_model_half_plus_three/00000123", "models/saved_model_counter/00000123",
          "models/saved_model_half_plus_two_tf2_cpu/00000123"}) {
      CAPTURE(model);
      const auto index = testing::RequireShared(model) / "variables" / "variables.index";
      const std::string table = testwriters::ReadFile(index);
      auto entries = ReadTable(table, "variables.index");
      REQUIRE_MESSAGE(entries.ok(), entries.status().ToString());
      REQUIRE(entries->size() >= 2);
      CHECK(entries->front().key.empty());
      CHECK(entries->front().value == std::string("\x08\x01\x1a\x02\x08\x01", 6));
    }
  }

  TEST_CASE("round-trips many entries across blocks, with and without Snappy") {
    const auto entries = ManyEntries(100);
    for (bool snappy : {false, true}) {
      for (std::size_t block_size : {std::size_t{64}, std::size_t{100000}}) {
        CAPTURE(snappy);
        CAPTURE(block_size);
        const std::string table = BuildTable(entries, TableOptions{16, block_size, snappy});
        auto read = ReadTable(table, "t.index");
        REQUIRE_MESSAGE(read.ok(), read.status().ToString());
        CHECK(*read == entries);
      }
    }
  }

  TEST_CASE("an empty table has no entries") {
    auto read = ReadTable(BuildTable({}), "empty.index");
    REQUIRE(read.ok());
    CHECK(read->empty());
  }

  TEST_CASE("rejects a file shorter than the footer") {
    auto read = ReadTable("short", "variables.index");
    CHECK(read.status().code() == Code::kDataLoss);
    CHECK(Contains(read.status(), "variables.index: too short"));
  }

  TEST_CASE("rejects a bad magic number") {
    std::string table = BuildTable(ManyEntries(3));
    table[table.size() - 1] ^= 0x01;
    auto read = ReadTable(table, "variables.index");
    CHECK(read.status().code() == Code::kDataLoss);
    CHECK(Contains(read.status(), "variables.index: bad magic number"));
  }

  TEST_CASE("detects a flipped byte in a data block by its checksum") {
    std::string table = BuildTable(ManyEntries(3));
    table[2] ^= 0x40;
    auto read = ReadTable(table, "variables.index");
    CHECK(read.status().code() == Code::kDataLoss);
    CHECK(Contains(read.status(), "block checksum mismatch at offset 0"));
  }

  TEST_CASE("rejects a block handle pointing past the end of the file") {
    std::string table = BuildTable(ManyEntries(3));
    auto footer = ParseTableFooter(table, "t");
    REQUIRE(footer.ok());
    auto read = ReadTableBlock(table, BlockHandle{footer->index.offset, 1u << 30}, "t.index");
    CHECK(read.status().code() == Code::kDataLoss);
    CHECK(Contains(read.status(), "t.index: truncated block at offset"));
    auto huge = ReadTableBlock(table, BlockHandle{~std::uint64_t{0}, ~std::uint64_t{0}}, "t");
    CHECK(Contains(huge.status(), "truncated block"));
  }

  TEST_CASE("rejects an unknown compression type and corrupt Snappy data") {
    std::string contents = BuildBlock(ManyEntries(2), 16);
    std::string file;
    const BlockHandle h = testwriters::AppendBlock(&file, contents, false);
    file[static_cast<std::size_t>(h.size)] = 7;
    FixCrc(&file, h);
    CHECK(Contains(ReadTableBlock(file, h, "t").status(), "unknown block compression type 7"));

    std::string bad_snappy;
    const std::string garbage = "\xff\xff\xff\xff\x0f garbage";
    const BlockHandle g = testwriters::AppendBlock(&bad_snappy, garbage, false);
    bad_snappy[static_cast<std::size_t>(g.size)] = 1;
    FixCrc(&bad_snappy, g);
    CHECK(Contains(ReadTableBlock(bad_snappy, g, "t").status(), "corrupted Snappy"));
  }

  TEST_CASE("rejects malformed block contents") {
    CHECK(Contains(ParseBlockEntries("ab", "t", 0).status(), "block too short"));
    std::string too_many_restarts;
    PutFixed32(&too_many_restarts, 1000);
    CHECK(Contains(ParseBlockEntries(too_many_restarts, "t", 0).status(), "bad restart count"));

    // shared > previous key length.
    std::string shared_too_long = "\x05\x01\x00x"s;
    PutFixed32(&shared_too_long, 0);
    PutFixed32(&shared_too_long, 1);
    CHECK(Contains(ParseBlockEntries(shared_too_long, "t", 0).status(), "shares 5 bytes"));

    // value length beyond the entries.
    std::string long_value = "\x00\x01\x7fk"s;
    PutFixed32(&long_value, 0);
    PutFixed32(&long_value, 1);
    CHECK(Contains(ParseBlockEntries(long_value, "t", 0).status(), "extends past the end"));

    // truncated varint in an entry header.
    std::string truncated = "\x00\x80"s;
    PutFixed32(&truncated, 0);
    PutFixed32(&truncated, 1);
    CHECK(Contains(ParseBlockEntries(truncated, "t", 0).status(), "malformed entry header"));

    // restart pointing into the middle of an entry.
    std::string block = BuildBlock(ManyEntries(2), 16);
    block.replace(block.size() - 8, 4, std::string("\x01\x00\x00\x00", 4));
    CHECK(Contains(ParseBlockEntries(block, "t", 0).status(), "restart point 1"));
  }

  TEST_CASE("caps the expansion of prefix-compressed keys") {
    // One 10000-byte key, then 4-byte entries that each repeat it whole (shared = 10000).
    std::string entries = "\x00"s;
    PutVarint64(&entries, 10000);
    entries += '\x00';
    entries += std::string(10000, 'k');
    std::string repeat;
    PutVarint64(&repeat, 10000);
    repeat += std::string("\x00\x00", 2);
    for (int i = 0; i < 20000; ++i) entries += repeat;
    PutFixed32(&entries, 0);
    PutFixed32(&entries, 1);
    auto read = ParseBlockEntries(entries, "t", 0);
    CHECK(read.status().code() == Code::kDataLoss);
    CHECK(Contains(read.status(), "entries expand to more than"));
  }

  TEST_CASE("rejects keys out of order") {
    std::vector<TableEntry> entries{{"b", "1"}, {"a", "2"}};
    // One block per entry: each block is fine alone, the sequence is not.
    CHECK(Contains(ReadTable(BuildTable(entries, TableOptions{16, 1, false}), "t").status(),
                   "keys out of order"));
    // Both in one block: the index separator ("a", the block's last key) is below "b".
    CHECK(Contains(ReadTable(BuildTable(entries), "t").status(), "beyond its index separator"));
  }
}

}  // namespace tfsk::serving::savedmodel
