#include "serving/ops/siphash.h"

#include <bit>

namespace tfsk::serving::ops {
namespace {

struct SipState {
  std::uint64_t v0, v1, v2, v3;

  void Round() {
    v0 += v1;
    v1 = std::rotl(v1, 13) ^ v0;
    v0 = std::rotl(v0, 32);
    v2 += v3;
    v3 = std::rotl(v3, 16) ^ v2;
    v0 += v3;
    v3 = std::rotl(v3, 21) ^ v0;
    v2 += v1;
    v1 = std::rotl(v1, 17) ^ v2;
    v2 = std::rotl(v2, 32);
  }
  /// Mixes one 64-bit message word in with two rounds (the "2" of 2-4).
  void Absorb(std::uint64_t m) {
    v3 ^= m;
    Round();
    Round();
    v0 ^= m;
  }
};

/// Up to 8 bytes as a little-endian word, whatever the host's byte order.
std::uint64_t LoadLittleEndian(const unsigned char* p, std::size_t n) {
  std::uint64_t w = 0;
  for (std::size_t i = 0; i < n; ++i) w |= static_cast<std::uint64_t>(p[i]) << (8 * i);
  return w;
}

}  // namespace

std::uint64_t SipHash24(std::uint64_t k0, std::uint64_t k1, std::string_view bytes) {
  SipState s{k0 ^ 0x736f6d6570736575ULL, k1 ^ 0x646f72616e646f6dULL, k0 ^ 0x6c7967656e657261ULL,
             k1 ^ 0x7465646279746573ULL};
  const auto* p = reinterpret_cast<const unsigned char*>(bytes.data());
  const std::size_t full = bytes.size() / 8 * 8;
  for (std::size_t i = 0; i < full; i += 8) s.Absorb(LoadLittleEndian(p + i, 8));
  // The last word holds the remaining bytes and, in its top byte, the length mod 256.
  const std::uint64_t last = LoadLittleEndian(p + full, bytes.size() - full) |
                             (static_cast<std::uint64_t>(bytes.size() & 0xff) << 56);
  s.Absorb(last);
  s.v2 ^= 0xff;
  for (int i = 0; i < 4; ++i) s.Round();  // the "4" of 2-4
  return s.v0 ^ s.v1 ^ s.v2 ^ s.v3;
}

}  // namespace tfsk::serving::ops
