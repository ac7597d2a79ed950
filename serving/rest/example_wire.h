#pragma once
// A tiny protobuf wire-format encoder for tensorflow.Example, so tf.Examples can be built
// without generated code. Field numbers (example.proto, feature.proto):
//   Example.features = 1; Features.feature = 1 (map<string, Feature>: entry key = 1, value = 2);
//   Feature oneof: bytes_list = 1, float_list = 2, int64_list = 3;
//   BytesList.value = 1 (repeated bytes); FloatList.value = 1 (packed float);
//   Int64List.value = 1 (packed int64).

#include <cstdint>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

namespace tfsk::serving::rest {

/// One tf.Feature; `kind` None means the oneof is unset (an empty JSON list).
struct ExampleFeature {
  enum class Kind { kNone, kBytes, kFloat, kInt64 };
  Kind kind = Kind::kNone;
  std::vector<std::string> bytes;
  std::vector<float> floats;
  std::vector<std::int64_t> ints;
};

/// A tf.Example as an ordered list of (feature name, feature). `has_features` mirrors whether
/// Example.features was set: TF Serving only sets it when the JSON object has a member, so `{}`
/// serializes to zero bytes.
struct ExampleProto {
  bool has_features = false;
  std::vector<std::pair<std::string, ExampleFeature>> features;
};

/// Protobuf wire encoding of `example` (map entries in the given order).
std::string SerializeExample(const ExampleProto& example);

/// Appends a base-128 varint.
void AppendVarint(std::string& out, std::uint64_t value);

}  // namespace tfsk::serving::rest
