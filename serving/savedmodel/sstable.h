#pragma once
// Reading a LevelDB-style immutable table (SSTable) as TensorFlow's lib/io/table writes it — the
// format of a TensorBundle's `.index` file.
//
// Layout: data blocks, a metaindex block, an index block, then a 48-byte footer. Every block is
// followed by a 5-byte trailer (compression type, masked CRC32C). Block contents are
// prefix-compressed entries followed by a restart array. The whole table is held in memory (index
// files are small); every length and offset read from it is bounds-checked, so malformed input
// yields a DataLoss status naming the file, never a crash or an allocation larger than the input.

#include <cstddef>
#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include "lib/base/status.h"

namespace tfsk::serving::savedmodel {

/// The last 8 bytes of every table (stored little-endian).
inline constexpr std::uint64_t kTableMagicNumber = 0xdb4775248b80fb57ull;
/// Footer size: two BlockHandles padded to 40 bytes, then the magic number.
inline constexpr std::size_t kTableFooterSize = 48;
/// Per-block trailer: 1 compression-type byte + 4-byte masked CRC32C.
inline constexpr std::size_t kBlockTrailerSize = 5;

/// Compression type byte of a block trailer.
enum class BlockCompression : std::uint8_t { kNone = 0, kSnappy = 1 };

/// Where a block's contents (excluding its trailer) lie in the file.
struct BlockHandle {
  std::uint64_t offset = 0;
  std::uint64_t size = 0;
};

/// The two handles stored in the footer.
struct TableFooter {
  BlockHandle metaindex;
  BlockHandle index;
};

/// One key/value pair of a table.
struct TableEntry {
  std::string key;
  std::string value;
  friend bool operator==(const TableEntry&, const TableEntry&) = default;
};

/// Decodes a BlockHandle (two varint64s) from the front of `in`. False on malformed input.
bool DecodeBlockHandle(std::string_view* in, BlockHandle* handle);

/// Parses the footer at the end of `table`. `name` (the file) prefixes error messages:
/// "<name>: bad magic number (not an SSTable)", "<name>: too short to be an SSTable ...".
StatusOr<TableFooter> ParseTableFooter(std::string_view table, std::string_view name);

/// The contents of the block at `handle`: checks that block and trailer lie within `table`
/// ("truncated block at offset N"), verifies the masked CRC32C over contents + type byte
/// ("block checksum mismatch at offset N") and decompresses Snappy blocks.
StatusOr<std::string> ReadTableBlock(std::string_view table, BlockHandle handle,
                                     std::string_view name);

/// Decodes the prefix-compressed entries of block contents, in stored order, validating the
/// restart array (each restart must point at an entry stored without a shared prefix).
/// `block_offset` only appears in error messages.
StatusOr<std::vector<TableEntry>> ParseBlockEntries(std::string_view block, std::string_view name,
                                                    std::uint64_t block_offset);

/// Every key/value of the table in order: footer -> index block -> each data block. Keys must be
/// strictly increasing across the whole table (bytewise), as every writer produces them.
StatusOr<std::vector<TableEntry>> ReadTable(std::string_view table, std::string_view name);

}  // namespace tfsk::serving::savedmodel
