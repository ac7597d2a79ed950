#pragma once
// Reading TensorFlow's TensorBundle (V2 checkpoint) format: the `variables/variables.index` +
// `variables.data-0000S-of-0000N` files of a SavedModel.
//
// `<prefix>.index` is an SSTable (sstable.h) whose first key, "", holds a BundleHeaderProto and
// whose other keys are tensor names with a BundleEntryProto each; the entry says which data shard
// holds the tensor's bytes, at which offset and size, with which masked CRC32C. Numeric tensors
// are stored as raw little-endian row-major values; strings as varint64 lengths, a masked CRC32C
// of the lengths, then the bytes.

#include <map>
#include <string>
#include <string_view>
#include <vector>

#include "lib/base/status.h"
#include "serving/proto/tensor_bundle.pb.h"
#include "serving/tensor/tensor.h"

namespace tfsk::serving::savedmodel {

/// The version of the bundle format this reader implements (TensorFlow's kTensorBundleVersion).
inline constexpr int kTensorBundleVersion = 1;

/// What a bundle says about a tensor without reading its bytes.
struct BundleTensorSpec {
  DataType dtype = DataType::kInvalid;
  Shape shape;
  friend bool operator==(const BundleTensorSpec&, const BundleTensorSpec&) = default;
};

/// "<prefix>.data-00000-of-00001": the file holding shard `shard` of `num_shards`.
std::string BundleDataFilename(std::string_view prefix, int shard, int num_shards);

/// A TensorBundle opened for reading. Open() reads and validates the whole index; data shards
/// are opened on each Lookup, so a reader is cheap to keep and const methods are thread-safe.
class BundleReader {
 public:
  /// Reads `<prefix>.index` (e.g. prefix "<export>/variables/variables"). Errors: NotFound when
  /// the index does not exist; DataLoss for a malformed table, missing/invalid header or entry;
  /// Unimplemented for big-endian bundles; FailedPrecondition for bundles written for a newer
  /// reader. Messages name the index file.
  static StatusOr<BundleReader> Open(std::string prefix);

  const std::string& prefix() const { return prefix_; }
  const tensorflow::BundleHeaderProto& header() const { return header_; }

  /// The tensor names in the bundle, sorted bytewise (the header key "" is not included).
  std::vector<std::string> ListKeys() const;

  bool Contains(std::string_view key) const;

  /// The raw entry for `key`; NotFound (naming key and prefix) when absent.
  StatusOr<tensorflow::BundleEntryProto> LookupEntry(std::string_view key) const;

  /// dtype and shape of `key` without touching the data shards. NotFound when absent; DataLoss
  /// when the entry's dtype or shape is invalid.
  StatusOr<BundleTensorSpec> LookupDtypeAndShape(std::string_view key) const;

  /// Reads the tensor stored under `key` from its data shard, verifying its CRC32C.
  /// Supports every fixed-size dtype and DT_STRING. Errors: NotFound (key absent, or the shard
  /// file missing); Unimplemented (sliced/partitioned entries, resource/variant dtypes);
  /// DataLoss (bytes outside the shard, size not matching dtype×shape, checksum mismatch,
  /// malformed string layout).
  StatusOr<Tensor> Lookup(std::string_view key) const;

 private:
  BundleReader() = default;
  std::string prefix_;
  tensorflow::BundleHeaderProto header_;
  std::map<std::string, tensorflow::BundleEntryProto, std::less<>> entries_;
};

}  // namespace tfsk::serving::savedmodel
