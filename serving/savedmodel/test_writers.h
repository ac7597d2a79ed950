#pragma once
// Test-only writers of SSTables and TensorBundles, so tests can build well-formed inputs with
// chosen shapes (many entries, several blocks, Snappy) and then corrupt them precisely.
// Header-only and included only by *_test.cpp / *_fuzz.cpp files.

#include <snappy.h>

#include <cstdint>
#include <filesystem>
#include <fstream>
#include <iterator>
#include <optional>
#include <string>
#include <vector>

#include "serving/proto/tensor_bundle.pb.h"
#include "serving/savedmodel/coding.h"
#include "serving/savedmodel/crc32c.h"
#include "serving/savedmodel/sstable.h"

namespace tfsk::serving::savedmodel::testwriters {

struct TableOptions {
  int restart_interval = 16;
  std::size_t block_size = 4096;  ///< a data block is closed once its entries exceed this
  bool snappy = false;
};

/// Block contents: prefix-compressed entries, restart array, restart count.
inline std::string BuildBlock(const std::vector<TableEntry>& entries, int restart_interval) {
  std::string out;
  std::vector<std::uint32_t> restarts;
  std::string previous;
  for (std::size_t i = 0; i < entries.size(); ++i) {
    std::size_t shared = 0;
    if (i % static_cast<std::size_t>(restart_interval) == 0) {
      restarts.push_back(static_cast<std::uint32_t>(out.size()));
    } else {
      while (shared < previous.size() && shared < entries[i].key.size() &&
             previous[shared] == entries[i].key[shared]) {
        ++shared;
      }
    }
    PutVarint64(&out, shared);
    PutVarint64(&out, entries[i].key.size() - shared);
    PutVarint64(&out, entries[i].value.size());
    out += entries[i].key.substr(shared);
    out += entries[i].value;
    previous = entries[i].key;
  }
  if (restarts.empty()) restarts.push_back(0);
  for (auto r : restarts) PutFixed32(&out, r);
  PutFixed32(&out, static_cast<std::uint32_t>(restarts.size()));
  return out;
}

/// Appends contents + trailer to `file`, returning the block's handle.
inline BlockHandle AppendBlock(std::string* file, const std::string& contents, bool snappy) {
  std::string stored = contents;
  char type = 0;
  if (snappy) {
    snappy::Compress(contents.data(), contents.size(), &stored);
    type = 1;
  }
  BlockHandle handle{file->size(), stored.size()};
  *file += stored;
  file->push_back(type);
  PutFixed32(file, MaskCrc(Crc32c(stored + std::string(1, type))));
  return handle;
}

inline std::string EncodeHandle(BlockHandle h) {
  std::string out;
  PutVarint64(&out, h.offset);
  PutVarint64(&out, h.size);
  return out;
}

/// A complete table holding `entries` (which must be sorted by key).
inline std::string BuildTable(const std::vector<TableEntry>& entries, TableOptions options = {}) {
  std::string file;
  std::vector<TableEntry> index;
  std::vector<TableEntry> pending;
  std::size_t pending_bytes = 0;
  auto flush = [&] {
    if (pending.empty()) return;
    const BlockHandle h =
        AppendBlock(&file, BuildBlock(pending, options.restart_interval), options.snappy);
    index.push_back(TableEntry{pending.back().key, EncodeHandle(h)});
    pending.clear();
    pending_bytes = 0;
  };
  for (const auto& e : entries) {
    pending.push_back(e);
    pending_bytes += e.key.size() + e.value.size() + 3;
    if (pending_bytes >= options.block_size) flush();
  }
  flush();
  const BlockHandle metaindex = AppendBlock(&file, BuildBlock({}, 1), false);
  const BlockHandle index_handle = AppendBlock(&file, BuildBlock(index, 1), false);
  std::string footer = EncodeHandle(metaindex) + EncodeHandle(index_handle);
  footer.resize(kTableFooterSize - 8, '\0');
  PutFixed64(&footer, kTableMagicNumber);
  return file + footer;
}

/// The TensorBundle layout of a string tensor, and the entry CRC TensorFlow stores for it.
inline std::string EncodeStrings(const std::vector<std::string>& values, std::uint32_t* crc) {
  std::string out;
  std::uint32_t c = 0;
  for (const auto& v : values) {
    PutVarint64(&out, v.size());
    std::string le;
    PutFixed32(&le, static_cast<std::uint32_t>(v.size()));
    c = Crc32cExtend(c, le);
  }
  std::string checksum;
  PutFixed32(&checksum, MaskCrc(c));
  out += checksum;
  c = Crc32cExtend(c, checksum);
  for (const auto& v : values) {
    out += v;
    c = Crc32cExtend(c, v);
  }
  *crc = c;
  return out;
}

/// One tensor to write: `entry` needs dtype and shape (plus slices etc. if wanted); offset, size
/// and crc32c are filled in from `stored` and `crc` (unmasked; defaults to CRC32C of `stored`).
struct TensorToWrite {
  std::string key;
  tensorflow::BundleEntryProto entry;
  std::string stored;
  std::optional<std::uint32_t> crc;
};

inline tensorflow::BundleEntryProto EntryOf(tensorflow::DataType dtype,
                                            const std::vector<std::int64_t>& shape) {
  tensorflow::BundleEntryProto entry;
  entry.set_dtype(dtype);
  for (auto d : shape) entry.mutable_shape()->add_dim()->set_size(d);
  return entry;
}

inline void WriteFile(const std::filesystem::path& path, const std::string& bytes) {
  std::ofstream out(path, std::ios::binary | std::ios::trunc);
  out.write(bytes.data(), static_cast<std::streamsize>(bytes.size()));
}

inline std::string ReadFile(const std::filesystem::path& path) {
  std::ifstream in(path, std::ios::binary);
  return std::string(std::istreambuf_iterator<char>(in), std::istreambuf_iterator<char>());
}

/// Writes <prefix>.index and <prefix>.data-00000-of-00001 (single shard). `tensors` must be
/// sorted by key. The header is num_shards 1, little-endian, version producer 1 unless given.
inline void WriteBundle(const std::string& prefix, std::vector<TensorToWrite> tensors,
                        TableOptions options = {},
                        std::optional<tensorflow::BundleHeaderProto> header = std::nullopt) {
  if (!header) {
    header.emplace();
    header->set_num_shards(1);
    header->mutable_version()->set_producer(1);
  }
  std::string data;
  std::vector<TableEntry> entries{{"", header->SerializeAsString()}};
  for (auto& t : tensors) {
    t.entry.set_offset(static_cast<std::int64_t>(data.size()));
    t.entry.set_size(static_cast<std::int64_t>(t.stored.size()));
    t.entry.set_crc32c(MaskCrc(t.crc ? *t.crc : Crc32c(t.stored)));
    data += t.stored;
    entries.push_back(TableEntry{t.key, t.entry.SerializeAsString()});
  }
  WriteFile(prefix + ".index", BuildTable(entries, options));
  WriteFile(prefix + ".data-00000-of-00001", data);
}

}  // namespace tfsk::serving::savedmodel::testwriters
