#pragma once
// FarmHash's Fingerprint64 (farmhashna::Hash64), the stable 64-bit string hash TensorFlow's
// StringToHashBucketFast (Keras Hashing, hashed feature columns, extra OOV buckets) maps strings
// to buckets with. Written from the algorithm's definition; checked against published values.

#include <cstdint>
#include <string_view>

namespace tfsk::serving::ops {

/// The fingerprint of `bytes`; the same on every platform.
std::uint64_t Fingerprint64(std::string_view bytes);

}  // namespace tfsk::serving::ops
