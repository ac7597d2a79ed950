#include "serving/savedmodel/sstable.h"

#include <snappy.h>

#include <algorithm>

#include "serving/savedmodel/coding.h"
#include "serving/savedmodel/crc32c.h"

namespace tfsk::serving::savedmodel {
namespace {

std::string Prefix(std::string_view name) { return std::string(name) + ": "; }

std::string Hex32(std::uint32_t v) {
  static constexpr char kDigits[] = "0123456789abcdef";
  std::string s = "0x";
  for (int shift = 28; shift >= 0; shift -= 4) s.push_back(kDigits[(v >> shift) & 0xf]);
  return s;
}

}  // namespace

bool DecodeBlockHandle(std::string_view* in, BlockHandle* handle) {
  return GetVarint64(in, &handle->offset) && GetVarint64(in, &handle->size);
}

StatusOr<TableFooter> ParseTableFooter(std::string_view table, std::string_view name) {
  if (table.size() < kTableFooterSize) {
    return DataLoss(Prefix(name) + "too short to be an SSTable (" + std::to_string(table.size()) +
                    " bytes, the footer alone is " + std::to_string(kTableFooterSize) + ")");
  }
  const std::string_view footer = table.substr(table.size() - kTableFooterSize);
  if (DecodeFixed64(footer.data() + kTableFooterSize - 8) != kTableMagicNumber) {
    return DataLoss(Prefix(name) + "bad magic number (not an SSTable)");
  }
  std::string_view handles = footer.substr(0, kTableFooterSize - 8);
  TableFooter result;
  if (!DecodeBlockHandle(&handles, &result.metaindex) ||
      !DecodeBlockHandle(&handles, &result.index)) {
    return DataLoss(Prefix(name) + "malformed block handles in the footer");
  }
  return result;
}

StatusOr<std::string> ReadTableBlock(std::string_view table, BlockHandle handle,
                                     std::string_view name) {
  const std::uint64_t available = table.size();
  if (handle.offset > available || handle.size > available - handle.offset ||
      kBlockTrailerSize > available - handle.offset - handle.size) {
    return DataLoss(Prefix(name) + "truncated block at offset " + std::to_string(handle.offset) +
                    " (block of " + std::to_string(handle.size) + " bytes plus " +
                    std::to_string(kBlockTrailerSize) + "-byte trailer, file has " +
                    std::to_string(available) + " bytes)");
  }
  const auto offset = static_cast<std::size_t>(handle.offset);
  const auto size = static_cast<std::size_t>(handle.size);
  const std::string_view contents = table.substr(offset, size);
  const char type = table[offset + size];
  const std::uint32_t stored = UnmaskCrc(DecodeFixed32(table.data() + offset + size + 1));
  const std::uint32_t actual = Crc32c(table.substr(offset, size + 1));
  if (stored != actual) {
    return DataLoss(Prefix(name) + "block checksum mismatch at offset " +
                    std::to_string(handle.offset) + " (stored " + Hex32(stored) + ", computed " +
                    Hex32(actual) + ")");
  }
  switch (static_cast<BlockCompression>(type)) {
    case BlockCompression::kNone:
      return std::string(contents);
    case BlockCompression::kSnappy: {
      // Validation walks the whole stream without allocating, so a forged length cannot make
      // us allocate more than the data really expands to.
      std::size_t length = 0;
      if (!snappy::IsValidCompressedBuffer(contents.data(), contents.size()) ||
          !snappy::GetUncompressedLength(contents.data(), contents.size(), &length)) {
        return DataLoss(Prefix(name) + "corrupted Snappy-compressed block at offset " +
                        std::to_string(handle.offset));
      }
      std::string out;
      if (!snappy::Uncompress(contents.data(), contents.size(), &out)) {
        return DataLoss(Prefix(name) + "corrupted Snappy-compressed block at offset " +
                        std::to_string(handle.offset));
      }
      return out;
    }
  }
  return DataLoss(Prefix(name) + "unknown block compression type " +
                  std::to_string(static_cast<unsigned char>(type)) + " at offset " +
                  std::to_string(handle.offset));
}

StatusOr<std::vector<TableEntry>> ParseBlockEntries(std::string_view block, std::string_view name,
                                                    std::uint64_t block_offset) {
  const std::string where = " in block at offset " + std::to_string(block_offset);
  if (block.size() < 4) return DataLoss(Prefix(name) + "block too short" + where);
  const std::uint32_t num_restarts = DecodeFixed32(block.data() + block.size() - 4);
  const std::size_t max_restarts = (block.size() - 4) / 4;
  if (num_restarts > max_restarts) {
    return DataLoss(Prefix(name) + "bad restart count " + std::to_string(num_restarts) + where);
  }
  const std::size_t restarts_begin = block.size() - 4 - std::size_t{num_restarts} * 4;
  if (num_restarts == 0 && restarts_begin != 0) {
    return DataLoss(Prefix(name) + "block has entries but no restart points" + where);
  }

  std::vector<TableEntry> entries;
  std::vector<std::size_t> restart_candidates;  // offsets of entries stored with shared == 0
  std::string_view in = block.substr(0, restarts_begin);
  std::string key;
  // Prefix compression lets a tiny entry repeat a long key; cap the decoded size so a forged block
  // cannot make us allocate quadratically. Real blocks stay far below this.
  const std::uint64_t budget = std::uint64_t{256} * block.size() + (std::uint64_t{1} << 20);
  std::uint64_t decoded = 0;
  while (!in.empty()) {
    const std::size_t entry_offset = restarts_begin - in.size();
    std::uint32_t shared = 0;
    std::uint32_t unshared = 0;
    std::uint32_t value_length = 0;
    if (!GetVarint32(&in, &shared) || !GetVarint32(&in, &unshared) ||
        !GetVarint32(&in, &value_length)) {
      return DataLoss(Prefix(name) + "malformed entry header at " + std::to_string(entry_offset) +
                      where);
    }
    if (shared > key.size()) {
      return DataLoss(Prefix(name) + "entry at " + std::to_string(entry_offset) + " shares " +
                      std::to_string(shared) + " bytes with a " + std::to_string(key.size()) +
                      "-byte previous key" + where);
    }
    if (unshared > in.size() || value_length > in.size() - unshared) {
      return DataLoss(Prefix(name) + "entry at " + std::to_string(entry_offset) +
                      " extends past the end of the entries" + where);
    }
    decoded += std::uint64_t{shared} + unshared + value_length;
    if (decoded > budget) {
      return DataLoss(Prefix(name) + "entries expand to more than " + std::to_string(budget) +
                      " bytes" + where);
    }
    if (shared == 0) restart_candidates.push_back(entry_offset);
    key.resize(shared);
    key.append(in.substr(0, unshared));
    in.remove_prefix(unshared);
    entries.push_back(TableEntry{key, std::string(in.substr(0, value_length))});
    in.remove_prefix(value_length);
  }

  for (std::uint32_t i = 0; i < num_restarts; ++i) {
    const std::uint32_t restart = DecodeFixed32(block.data() + restarts_begin + 4 * i);
    // An empty block (e.g. the metaindex) still carries one restart at offset 0.
    if (entries.empty() && restart == 0) continue;
    if (!std::binary_search(restart_candidates.begin(), restart_candidates.end(), restart)) {
      return DataLoss(Prefix(name) + "restart point " + std::to_string(restart) +
                      " does not start an unshared entry" + where);
    }
  }
  return entries;
}

StatusOr<std::vector<TableEntry>> ReadTable(std::string_view table, std::string_view name) {
  TFSK_ASSIGN_OR_RETURN(const TableFooter footer, ParseTableFooter(table, name));
  TFSK_ASSIGN_OR_RETURN(const std::string index_block, ReadTableBlock(table, footer.index, name));
  TFSK_ASSIGN_OR_RETURN(const auto index_entries,
                        ParseBlockEntries(index_block, name, footer.index.offset));

  std::vector<TableEntry> entries;
  for (const TableEntry& index_entry : index_entries) {
    std::string_view encoded = index_entry.value;
    BlockHandle handle;
    if (!DecodeBlockHandle(&encoded, &handle) || !encoded.empty()) {
      return DataLoss(Prefix(name) + "malformed block handle in the index block");
    }
    TFSK_ASSIGN_OR_RETURN(const std::string block, ReadTableBlock(table, handle, name));
    TFSK_ASSIGN_OR_RETURN(auto block_entries, ParseBlockEntries(block, name, handle.offset));
    for (TableEntry& entry : block_entries) {
      if (!entries.empty() && !(entries.back().key < entry.key)) {
        return DataLoss(Prefix(name) + "keys out of order in block at offset " +
                        std::to_string(handle.offset));
      }
      if (index_entry.key < entry.key) {
        return DataLoss(Prefix(name) + "key beyond its index separator in block at offset " +
                        std::to_string(handle.offset));
      }
      entries.push_back(std::move(entry));
    }
  }
  return entries;
}

}  // namespace tfsk::serving::savedmodel
