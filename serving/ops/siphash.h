#pragma once
// SipHash-2-4 (Aumasson & Bernstein), the keyed 64-bit hash TensorFlow's StrongKeyedHash
// computes (through highwayhash::SipHash). SparseCrossHashed uses it under strong_hash with its
// `salt` input as the key. Written from the algorithm's definition; checked against the
// reference test vectors.

#include <cstdint>
#include <string_view>

namespace tfsk::serving::ops {

/// SipHash-2-4 of `bytes` under the 128-bit key {k0, k1} (k0 = key bytes 0-7, little-endian).
std::uint64_t SipHash24(std::uint64_t k0, std::uint64_t k1, std::string_view bytes);

}  // namespace tfsk::serving::ops
