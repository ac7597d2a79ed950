#include "serving/ops/string_hashes.h"

#include <cstring>

namespace tfsk::serving::ops {
namespace {

using u64 = std::uint64_t;

// Little-endian 8-byte load (this build targets little-endian machines, as the tensor code).
u64 Load64(const char* p) {
  u64 v;
  std::memcpy(&v, p, sizeof v);
  return v;
}

/// The last 0..7 bytes as a little-endian word (zero-extended).
u64 LoadTail(const char* p, std::size_t n) {
  u64 v = 0;
  for (std::size_t i = 0; i < n; ++i) v |= u64{static_cast<unsigned char>(p[i])} << (8 * i);
  return v;
}

constexpr u64 Rotl(u64 v, int s) { return (v << s) | (v >> (64 - s)); }

struct SipState {
  u64 v0, v1, v2, v3;

  void Round() {
    v0 += v1;
    v1 = Rotl(v1, 13) ^ v0;
    v0 = Rotl(v0, 32);
    v2 += v3;
    v3 = Rotl(v3, 16) ^ v2;
    v0 += v3;
    v3 = Rotl(v3, 21) ^ v0;
    v2 += v1;
    v1 = Rotl(v1, 17) ^ v2;
    v2 = Rotl(v2, 32);
  }

  /// One message word with the two compression rounds of SipHash-2-4.
  void Absorb(u64 m) {
    v3 ^= m;
    Round();
    Round();
    v0 ^= m;
  }
};

}  // namespace

std::uint64_t SipHash24(std::uint64_t k0, std::uint64_t k1, std::string_view bytes) {
  // The initial state is the key xor'ed with "somepseudorandomlygeneratedbytes".
  SipState s{k0 ^ 0x736f6d6570736575ULL, k1 ^ 0x646f72616e646f6dULL, k0 ^ 0x6c7967656e657261ULL,
             k1 ^ 0x7465646279746573ULL};
  const char* p = bytes.data();
  std::size_t n = bytes.size();
  for (; n >= 8; n -= 8, p += 8) s.Absorb(Load64(p));
  // The final word: the remaining bytes, and the length's low byte on top.
  s.Absorb(LoadTail(p, n) | (static_cast<u64>(bytes.size() & 0xff) << 56));
  s.v2 ^= 0xff;
  for (int i = 0; i < 4; ++i) s.Round();
  return s.v0 ^ s.v1 ^ s.v2 ^ s.v3;
}

std::uint64_t LegacyHash64(std::string_view bytes, std::uint64_t seed) {
  constexpr u64 kMul = 0xc6a4a7935bd1e995ULL;
  constexpr int kShift = 47;
  const char* p = bytes.data();
  std::size_t n = bytes.size();
  u64 h = seed ^ (static_cast<u64>(n) * kMul);
  for (; n >= 8; n -= 8, p += 8) {
    u64 k = Load64(p) * kMul;
    k ^= k >> kShift;
    h = (h ^ (k * kMul)) * kMul;
  }
  if (n > 0) h = (h ^ LoadTail(p, n)) * kMul;
  h ^= h >> kShift;
  h *= kMul;
  h ^= h >> kShift;
  return h;
}

}  // namespace tfsk::serving::ops
