#pragma once
// The two string hashes TensorFlow's other hash-bucket ops use besides Fingerprint64
// (fingerprint64.h). Written from the algorithms' definitions; both are checked against
// published values in hash_bucket_ops_test.cpp.

#include <cstdint>
#include <string_view>

namespace tfsk::serving::ops {

/// SipHash-2-4 of `bytes` under the 128-bit key {k0, k1} (the key's first and second
/// little-endian 64-bit halves): TensorFlow's StrongKeyedHash, used by StringToHashBucketStrong
/// (`key` attr) and by SparseCrossHashed under strong_hash (`salt` input).
std::uint64_t SipHash24(std::uint64_t k0, std::uint64_t k1, std::string_view bytes);

/// The seed TensorFlow's Hash64(string) uses.
inline constexpr std::uint64_t kLegacyHash64Seed = 0xDECAFCAFFEULL;

/// TensorFlow's legacy Hash64 (tensorflow/core/lib/hash, a MurmurHash64A variant), the hash of
/// the deprecated StringToHashBucket op, which uses the default seed.
std::uint64_t LegacyHash64(std::string_view bytes, std::uint64_t seed = kLegacyHash64Seed);

}  // namespace tfsk::serving::ops
