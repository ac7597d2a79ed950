#include "serving/savedmodel/bundle_writer.h"

#include <algorithm>
#include <cstring>
#include <fstream>

#include "serving/proto/tensor_bundle.pb.h"
#include "serving/savedmodel/bundle_reader.h"
#include "serving/savedmodel/coding.h"
#include "serving/savedmodel/crc32c.h"
#include "serving/savedmodel/sstable.h"

namespace tfsk::serving::savedmodel {
namespace {

using Entries = std::vector<std::pair<std::string, std::string>>;

constexpr std::size_t kRestartInterval = 16;  // LevelDB's and TensorFlow's default
constexpr std::size_t kBlockSize = 4096;

std::string BuildBlock(const Entries& entries, std::size_t restart_interval) {
  std::string out;
  std::vector<std::uint32_t> restarts;
  std::string previous;
  for (std::size_t i = 0; i < entries.size(); ++i) {
    const std::string& key = entries[i].first;
    std::size_t shared = 0;
    if (i % restart_interval == 0) {
      restarts.push_back(static_cast<std::uint32_t>(out.size()));
    } else {
      while (shared < previous.size() && shared < key.size() && previous[shared] == key[shared]) {
        ++shared;
      }
    }
    PutVarint64(&out, shared);
    PutVarint64(&out, key.size() - shared);
    PutVarint64(&out, entries[i].second.size());
    out.append(key, shared, std::string::npos);
    out += entries[i].second;
    previous = key;
  }
  if (restarts.empty()) restarts.push_back(0);
  for (auto r : restarts) PutFixed32(&out, r);
  PutFixed32(&out, static_cast<std::uint32_t>(restarts.size()));
  return out;
}

// Uncompressed on purpose: the reader handles both, and raw blocks keep the writer dependency-free.
std::string AppendBlock(std::string* file, const std::string& contents) {
  const std::uint64_t offset = file->size();
  *file += contents;
  file->push_back('\0');  // compression type: none
  PutFixed32(file, MaskCrc(Crc32c(std::string_view(*file).substr(offset))));
  std::string handle;
  PutVarint64(&handle, offset);
  PutVarint64(&handle, contents.size());
  return handle;
}

std::size_t DtypeSize(tensorflow::DataType dtype) {
  switch (dtype) {
    case tensorflow::DT_FLOAT:
    case tensorflow::DT_INT32:
      return 4;
    case tensorflow::DT_DOUBLE:
    case tensorflow::DT_INT64:
      return 8;
    case tensorflow::DT_UINT8:
    case tensorflow::DT_INT8:
    case tensorflow::DT_BOOL:
      return 1;
    default:
      return 0;
  }
}

Status WriteBytes(const std::string& path, const std::string& bytes) {
  std::ofstream out(path, std::ios::binary | std::ios::trunc);
  out.write(bytes.data(), static_cast<std::streamsize>(bytes.size()));
  out.close();
  if (!out) return Internal("cannot write " + path);
  return OkStatus();
}

}  // namespace

std::string FloatBytes(const std::vector<float>& values) {
  static_assert(sizeof(float) == 4);
  std::string out;
  out.reserve(values.size() * 4);
  for (float v : values) {
    std::uint32_t bits = 0;
    std::memcpy(&bits, &v, 4);
    PutFixed32(&out, bits);  // little-endian whatever the host
  }
  return out;
}

std::string BuildSsTable(const Entries& entries) {
  std::string file;
  Entries index;
  Entries pending;
  std::size_t pending_bytes = 0;
  auto flush = [&] {
    if (pending.empty()) return;
    // The last key of the block is a valid separator (>= every key in it, < the next block's).
    index.emplace_back(pending.back().first,
                       AppendBlock(&file, BuildBlock(pending, kRestartInterval)));
    pending.clear();
    pending_bytes = 0;
  };
  for (const auto& e : entries) {
    pending.push_back(e);
    pending_bytes += e.first.size() + e.second.size() + 3;
    if (pending_bytes >= kBlockSize) flush();
  }
  flush();
  std::string footer = AppendBlock(&file, BuildBlock({}, 1));  // empty metaindex
  footer += AppendBlock(&file, BuildBlock(index, 1));
  footer.resize(kTableFooterSize - 8, '\0');
  PutFixed64(&footer, kTableMagicNumber);
  return file + footer;
}

Status WriteTensorBundle(const std::string& prefix, std::vector<BundleTensor> tensors) {
  std::sort(tensors.begin(), tensors.end(),
            [](const BundleTensor& a, const BundleTensor& b) { return a.key < b.key; });
  tensorflow::BundleHeaderProto header;
  header.set_num_shards(1);
  header.set_endianness(tensorflow::BundleHeaderProto::LITTLE);
  header.mutable_version()->set_producer(kTensorBundleVersion);
  Entries entries{{"", header.SerializeAsString()}};
  std::string data;
  for (std::size_t i = 0; i < tensors.size(); ++i) {
    const BundleTensor& t = tensors[i];
    if (t.key.empty()) return InvalidArgument("bundle tensor with an empty key");
    if (i > 0 && tensors[i - 1].key == t.key) return InvalidArgument("duplicate key " + t.key);
    std::int64_t elements = 1;
    for (auto d : t.shape) elements *= d;
    const std::size_t width = DtypeSize(t.dtype);
    if (width == 0) return InvalidArgument("unsupported dtype for bundle tensor " + t.key);
    if (elements < 0 || t.bytes.size() != static_cast<std::size_t>(elements) * width) {
      return InvalidArgument("bundle tensor " + t.key + ": byte size does not match its shape");
    }
    tensorflow::BundleEntryProto entry;
    entry.set_dtype(t.dtype);
    for (auto d : t.shape) entry.mutable_shape()->add_dim()->set_size(d);
    entry.set_shard_id(0);
    entry.set_offset(static_cast<std::int64_t>(data.size()));
    entry.set_size(static_cast<std::int64_t>(t.bytes.size()));
    entry.set_crc32c(MaskCrc(Crc32c(t.bytes)));
    data += t.bytes;
    entries.emplace_back(t.key, entry.SerializeAsString());
  }
  TFSK_RETURN_IF_ERROR(WriteBytes(prefix + ".index", BuildSsTable(entries)));
  return WriteBytes(BundleDataFilename(prefix, 0, 1), data);
}

}  // namespace tfsk::serving::savedmodel
