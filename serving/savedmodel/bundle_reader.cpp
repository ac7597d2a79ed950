#include "serving/savedmodel/bundle_reader.h"

#include <algorithm>
#include <bit>
#include <cstdio>
#include <cstring>

#include "serving/savedmodel/coding.h"
#include "serving/savedmodel/crc32c.h"
#include "serving/savedmodel/file_io.h"
#include "serving/savedmodel/sstable.h"

namespace tfsk::serving::savedmodel {
namespace {

static_assert(std::endian::native == std::endian::little,
              "the bundle reader copies little-endian bytes straight into tensors");

std::string Hex32(std::uint32_t v) {
  char buf[11];
  std::snprintf(buf, sizeof(buf), "0x%08x", v);
  return buf;
}

Status CheckVersion(const tensorflow::VersionDef& version, const std::string& index_file) {
  if (version.min_consumer() > kTensorBundleVersion) {
    return FailedPrecondition(index_file + ": bundle needs a reader of version >= " +
                              std::to_string(version.min_consumer()) + ", this one is " +
                              std::to_string(kTensorBundleVersion));
  }
  const auto& bad = version.bad_consumers();
  if (std::find(bad.begin(), bad.end(), kTensorBundleVersion) != bad.end()) {
    return FailedPrecondition(index_file + ": bundle disallows reader version " +
                              std::to_string(kTensorBundleVersion));
  }
  return OkStatus();
}

// dtype and shape of an entry, validated: a known dtype, a fully defined non-negative shape whose
// element count does not overflow.
StatusOr<BundleTensorSpec> SpecOf(const tensorflow::BundleEntryProto& entry, std::string_view key) {
  BundleTensorSpec spec;
  const int proto_dtype = static_cast<int>(entry.dtype());
  if (proto_dtype <= 0 || proto_dtype > static_cast<int>(DataType::kUint64)) {
    return DataLoss("entry for key \"" + std::string(key) + "\" has unsupported dtype " +
                    std::to_string(proto_dtype));
  }
  spec.dtype = BaseType(proto_dtype);
  if (entry.shape().unknown_rank()) {
    return DataLoss("entry for key \"" + std::string(key) + "\" has an unknown-rank shape");
  }
  std::int64_t elements = 1;
  for (const auto& dim : entry.shape().dim()) {
    if (dim.size() < 0 || __builtin_mul_overflow(elements, dim.size(), &elements)) {
      return DataLoss("entry for key \"" + std::string(key) + "\" has an invalid shape");
    }
    spec.shape.push_back(dim.size());
  }
  return spec;
}

// Decodes DT_STRING bytes: varint64 lengths, masked CRC32C of the lengths, string bytes.
// Returns the CRC32C the writer computed over (lengths as uint32/uint64 LE, checksum bytes,
// string bytes) in *crc.
Status DecodeStrings(std::string_view in, std::span<std::string> out, std::uint32_t* crc,
                     const std::string& where) {
  std::vector<std::uint64_t> lengths(out.size());
  std::uint32_t lengths_crc = 0;
  for (auto& length : lengths) {
    if (!GetVarint64(&in, &length)) return DataLoss(where + ": malformed string length");
    if (length <= 0xffffffffu) {
      std::string le;
      PutFixed32(&le, static_cast<std::uint32_t>(length));
      lengths_crc = Crc32cExtend(lengths_crc, le);
    } else {
      std::string le;
      PutFixed64(&le, length);
      lengths_crc = Crc32cExtend(lengths_crc, le);
    }
  }
  if (in.size() < 4) return DataLoss(where + ": truncated before the string length checksum");
  const std::string_view checksum_bytes = in.substr(0, 4);
  const std::uint32_t stored = UnmaskCrc(DecodeFixed32(checksum_bytes.data()));
  if (stored != lengths_crc) {
    return DataLoss(where + ": string length checksum mismatch (stored " + Hex32(stored) +
                    ", computed " + Hex32(lengths_crc) + ")");
  }
  in.remove_prefix(4);
  std::uint32_t running = Crc32cExtend(lengths_crc, checksum_bytes);
  for (std::size_t i = 0; i < out.size(); ++i) {
    if (lengths[i] > in.size()) return DataLoss(where + ": string data truncated");
    const auto n = static_cast<std::size_t>(lengths[i]);
    out[i].assign(in.data(), n);
    running = Crc32cExtend(running, in.substr(0, n));
    in.remove_prefix(n);
  }
  if (!in.empty()) {
    return DataLoss(where + ": " + std::to_string(in.size()) + " bytes left after the strings");
  }
  *crc = running;
  return OkStatus();
}

}  // namespace

std::string BundleDataFilename(std::string_view prefix, int shard, int num_shards) {
  char suffix[64];
  std::snprintf(suffix, sizeof(suffix), ".data-%05d-of-%05d", shard, num_shards);
  return std::string(prefix) + suffix;
}

StatusOr<BundleReader> BundleReader::Open(std::string prefix) {
  const std::string index_file = prefix + ".index";
  TFSK_ASSIGN_OR_RETURN(const std::string table, ReadFileToString(index_file));
  TFSK_ASSIGN_OR_RETURN(auto entries, ReadTable(table, index_file));

  BundleReader reader;
  reader.prefix_ = std::move(prefix);
  if (entries.empty() || !entries.front().key.empty()) {
    return DataLoss(index_file + ": no bundle header (the first key must be the empty string)");
  }
  if (!reader.header_.ParseFromString(entries.front().value)) {
    return DataLoss(index_file + ": malformed BundleHeaderProto");
  }
  if (reader.header_.endianness() != tensorflow::BundleHeaderProto::LITTLE) {
    return Unimplemented(index_file + ": big-endian bundles are not supported");
  }
  if (reader.header_.num_shards() <= 0) {
    return DataLoss(index_file + ": invalid num_shards " +
                    std::to_string(reader.header_.num_shards()));
  }
  TFSK_RETURN_IF_ERROR(CheckVersion(reader.header_.version(), index_file));

  for (std::size_t i = 1; i < entries.size(); ++i) {
    tensorflow::BundleEntryProto entry;
    if (!entry.ParseFromString(entries[i].value)) {
      return DataLoss(index_file + ": malformed BundleEntryProto for key \"" + entries[i].key +
                      "\"");
    }
    reader.entries_.emplace_hint(reader.entries_.end(), std::move(entries[i].key),
                                 std::move(entry));
  }
  return reader;
}

std::vector<std::string> BundleReader::ListKeys() const {
  std::vector<std::string> keys;
  keys.reserve(entries_.size());
  for (const auto& [key, entry] : entries_) keys.push_back(key);
  return keys;
}

bool BundleReader::Contains(std::string_view key) const { return entries_.contains(key); }

StatusOr<tensorflow::BundleEntryProto> BundleReader::LookupEntry(std::string_view key) const {
  const auto it = entries_.find(key);
  if (it == entries_.end()) {
    return NotFound("key \"" + std::string(key) + "\" not found in checkpoint " + prefix_);
  }
  return it->second;
}

StatusOr<BundleTensorSpec> BundleReader::LookupDtypeAndShape(std::string_view key) const {
  TFSK_ASSIGN_OR_RETURN(const auto entry, LookupEntry(key));
  auto spec = SpecOf(entry, key);
  if (!spec.ok()) return spec.status().WithPrefix(prefix_ + ".index");
  return spec;
}

StatusOr<Tensor> BundleReader::Lookup(std::string_view key) const {
  TFSK_ASSIGN_OR_RETURN(const auto entry, LookupEntry(key));
  const std::string quoted = "\"" + std::string(key) + "\"";
  if (entry.slices_size() > 0) {
    return Unimplemented("key " + quoted + " in checkpoint " + prefix_ +
                         " is stored as slices (a partitioned variable), which is not supported");
  }
  auto spec_or = SpecOf(entry, key);
  if (!spec_or.ok()) return spec_or.status().WithPrefix(prefix_ + ".index");
  BundleTensorSpec spec = std::move(spec_or).value();
  const std::size_t element_size = DataTypeSize(spec.dtype);
  if (element_size == 0 && spec.dtype != DataType::kString) {
    return Unimplemented("key " + quoted + " in checkpoint " + prefix_ + " has dtype " +
                         DataTypeName(spec.dtype) + ", which cannot be restored");
  }
  if (entry.shard_id() < 0 || entry.shard_id() >= header_.num_shards()) {
    return DataLoss(prefix_ + ".index: key " + quoted + " names shard " +
                    std::to_string(entry.shard_id()) + " of " +
                    std::to_string(header_.num_shards()));
  }
  if (entry.offset() < 0 || entry.size() < 0) {
    return DataLoss(prefix_ + ".index: key " + quoted + " has a negative offset or size");
  }

  const std::string data_file = BundleDataFilename(prefix_, entry.shard_id(), header_.num_shards());
  const std::string where = data_file + ": key " + quoted;
  const std::int64_t elements = NumElements(spec.shape);
  std::int64_t expected_size = 0;
  if (element_size > 0) {
    if (__builtin_mul_overflow(elements, static_cast<std::int64_t>(element_size), &expected_size) ||
        expected_size != entry.size()) {
      return DataLoss(where + ": stored size " + std::to_string(entry.size()) + " does not match " +
                      DataTypeName(spec.dtype) + " " + ShapeString(spec.shape));
    }
  } else if (elements > entry.size()) {
    // Every string needs at least one byte for its length.
    return DataLoss(where + ": " + std::to_string(entry.size()) + " bytes cannot hold " +
                    std::to_string(elements) + " strings");
  }

  TFSK_ASSIGN_OR_RETURN(auto file, RandomAccessFile::Open(data_file));
  const auto offset = static_cast<std::uint64_t>(entry.offset());
  const auto size = static_cast<std::uint64_t>(entry.size());
  if (offset > file.size() || size > file.size() - offset) {
    return DataLoss(where + ": bytes [" + std::to_string(offset) + ", +" + std::to_string(size) +
                    ") lie outside the file (" + std::to_string(file.size()) + " bytes)");
  }

  // Sizes are now bounded by the file: allocating the tensor is safe.
  Tensor tensor(spec.dtype, spec.shape);
  std::uint32_t actual_crc = 0;
  if (spec.dtype == DataType::kString) {
    TFSK_ASSIGN_OR_RETURN(const std::string bytes, file.Read(offset, size));
    if (!(elements == 0 && bytes.empty())) {
      TFSK_RETURN_IF_ERROR(DecodeStrings(bytes, tensor.flat<std::string>(), &actual_crc, where));
    }
  } else {
    // Fixed-size values go straight into the tensor's buffer (no intermediate copy).
    const std::span<std::byte> out = tensor.mutable_bytes().first(static_cast<std::size_t>(size));
    TFSK_RETURN_IF_ERROR(file.ReadInto(offset, {reinterpret_cast<char*>(out.data()), out.size()}));
    actual_crc = Crc32c({reinterpret_cast<const char*>(out.data()), out.size()});
    if (spec.dtype == DataType::kBool) {
      // Only 0 and 1 are valid bool objects; normalise whatever byte values were stored.
      for (std::byte& b : out) b = b != std::byte{0} ? std::byte{1} : std::byte{0};
    }
  }
  if (actual_crc != UnmaskCrc(entry.crc32c())) {
    return DataLoss(where + ": checksum mismatch (stored " + Hex32(UnmaskCrc(entry.crc32c())) +
                    ", computed " + Hex32(actual_crc) + ")");
  }
  return tensor;
}

}  // namespace tfsk::serving::savedmodel
