#pragma once
// Writing TensorFlow's TensorBundle (V2 checkpoint) format: `<prefix>.index`, an SSTable whose
// first entry "" holds a BundleHeaderProto and whose other entries map tensor names to
// BundleEntryProtos, plus one data shard `<prefix>.data-00000-of-00001` with the raw bytes.
// The counterpart of bundle_reader.h; used by the demo-model writer (`tfsk model init`).

#include <cstdint>
#include <string>
#include <vector>

#include "lib/base/status.h"
#include "serving/proto/types.pb.h"

namespace tfsk::serving::savedmodel {

/// One tensor to store: numeric tensors only (raw little-endian, row-major bytes).
struct BundleTensor {
  std::string key;  ///< checkpoint name, e.g. "a" or "dense/kernel"
  tensorflow::DataType dtype = tensorflow::DT_FLOAT;
  std::vector<std::int64_t> shape;  ///< empty = scalar
  std::string bytes;                ///< must be exactly elements × dtype size
};

/// `values` as the little-endian bytes a DT_FLOAT tensor stores.
std::string FloatBytes(const std::vector<float>& values);

/// Serialises sorted (key, value) pairs as an uncompressed LevelDB-style table (one data block
/// per ~4 KiB, restart every 16 entries, empty metaindex, masked CRC32C block trailers).
/// `entries` must be sorted bytewise by key and free of duplicates.
std::string BuildSsTable(const std::vector<std::pair<std::string, std::string>>& entries);

/// Writes `<prefix>.index` and `<prefix>.data-00000-of-00001` (single shard, little-endian,
/// version producer 1) holding `tensors` (any order; sorted here). Every entry carries the
/// masked CRC32C of its bytes. Errors: InvalidArgument for duplicate/empty keys or a byte size
/// not matching the shape; Internal when a file cannot be written.
Status WriteTensorBundle(const std::string& prefix, std::vector<BundleTensor> tensors);

}  // namespace tfsk::serving::savedmodel
