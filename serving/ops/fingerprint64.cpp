#include "serving/ops/fingerprint64.h"

#include <cstring>
#include <utility>

namespace tfsk::serving::ops {
namespace {

using u64 = std::uint64_t;
using u32 = std::uint32_t;
using Pair = std::pair<u64, u64>;

constexpr u64 k0 = 0xc3a5c85c97cb3127ULL;
constexpr u64 k1 = 0xb492b66fbe98f273ULL;
constexpr u64 k2 = 0x9ae16a3b2f90404fULL;

// Little-endian loads (the fingerprint is defined on little-endian words; this build targets
// little-endian machines only, as the tensor code does).
u64 Load64(const char* p) {
  u64 v;
  std::memcpy(&v, p, sizeof v);
  return v;
}
u32 Load32(const char* p) {
  u32 v;
  std::memcpy(&v, p, sizeof v);
  return v;
}

u64 Rot(u64 v, int shift) { return shift == 0 ? v : (v >> shift) | (v << (64 - shift)); }
u64 ShiftMix(u64 v) { return v ^ (v >> 47); }

u64 Mix16(u64 u, u64 v, u64 mul) {
  u64 a = (u ^ v) * mul;
  a ^= a >> 47;
  u64 b = (v ^ a) * mul;
  b ^= b >> 47;
  return b * mul;
}

u64 Upto16(const char* s, std::size_t len) {
  if (len >= 8) {
    const u64 mul = k2 + len * 2;
    const u64 a = Load64(s) + k2;
    const u64 b = Load64(s + len - 8);
    const u64 c = Rot(b, 37) * mul + a;
    const u64 d = (Rot(a, 25) + b) * mul;
    return Mix16(c, d, mul);
  }
  if (len >= 4) {
    const u64 mul = k2 + len * 2;
    const u64 a = Load32(s);
    return Mix16(len + (a << 3), Load32(s + len - 4), mul);
  }
  if (len > 0) {
    const auto a = static_cast<unsigned char>(s[0]);
    const auto b = static_cast<unsigned char>(s[len >> 1]);
    const auto c = static_cast<unsigned char>(s[len - 1]);
    const u32 y = static_cast<u32>(a) + (static_cast<u32>(b) << 8);
    const u32 z = static_cast<u32>(len) + (static_cast<u32>(c) << 2);
    return ShiftMix(y * k2 ^ z * k0) * k2;
  }
  return k2;
}

u64 Upto32(const char* s, std::size_t len) {
  const u64 mul = k2 + len * 2;
  const u64 a = Load64(s) * k1;
  const u64 b = Load64(s + 8);
  const u64 c = Load64(s + len - 8) * mul;
  const u64 d = Load64(s + len - 16) * k2;
  return Mix16(Rot(a + b, 43) + Rot(c, 30) + d, a + Rot(b + k2, 18) + c, mul);
}

u64 Upto64(const char* s, std::size_t len) {
  const u64 mul = k2 + len * 2;
  const u64 a = Load64(s) * k2;
  const u64 b = Load64(s + 8);
  const u64 c = Load64(s + len - 8) * mul;
  const u64 d = Load64(s + len - 16) * k2;
  const u64 y = Rot(a + b, 43) + Rot(c, 30) + d;
  const u64 z = Mix16(y, a + Rot(b + k2, 18) + c, mul);
  const u64 e = Load64(s + 16) * mul;
  const u64 f = Load64(s + 24);
  const u64 g = (y + Load64(s + len - 32)) * mul;
  const u64 h = (z + Load64(s + len - 24)) * mul;
  return Mix16(Rot(e + f, 43) + Rot(g, 30) + h, e + Rot(f + a, 18) + g, mul);
}

/// Two 64-bit lanes from 32 bytes at `s`, seeded with (a, b).
Pair Lanes32(const char* s, u64 a, u64 b) {
  const u64 w = Load64(s), x = Load64(s + 8), y = Load64(s + 16), z = Load64(s + 24);
  a += w;
  b = Rot(b + a + z, 21);
  const u64 c = a;
  a += x;
  a += y;
  b += Rot(a, 44);
  return {a + z, b + c};
}

u64 Longer(const char* s, std::size_t len) {
  constexpr u64 seed = 81;
  u64 x = seed;
  u64 y = seed * k1 + 113;
  u64 z = ShiftMix(y * k2 + 113) * k2;
  Pair v{0, 0}, w{0, 0};
  x = x * k2 + Load64(s);
  const char* const end = s + ((len - 1) / 64) * 64;
  const char* const last64 = end + ((len - 1) & 63) - 63;
  do {  // 64 bytes per round
    x = Rot(x + y + v.first + Load64(s + 8), 37) * k1;
    y = Rot(y + v.second + Load64(s + 48), 42) * k1;
    x ^= w.second;
    y += v.first + Load64(s + 40);
    z = Rot(z + w.first, 33) * k1;
    v = Lanes32(s, v.second * k1, x + w.first);
    w = Lanes32(s + 32, z + w.second, y + Load64(s + 16));
    std::swap(z, x);
    s += 64;
  } while (s != end);
  // The last 64 bytes (overlapping the previous round when len is not a multiple of 64).
  const u64 mul = k1 + ((z & 0xff) << 1);
  s = last64;
  w.first += (len - 1) & 63;
  v.first += w.first;
  w.first += v.first;
  x = Rot(x + y + v.first + Load64(s + 8), 37) * mul;
  y = Rot(y + v.second + Load64(s + 48), 42) * mul;
  x ^= w.second * 9;
  y += v.first * 9 + Load64(s + 40);
  z = Rot(z + w.first, 33) * mul;
  v = Lanes32(s, v.second * mul, x + w.first);
  w = Lanes32(s + 32, z + w.second, y + Load64(s + 16));
  std::swap(z, x);
  return Mix16(Mix16(v.first, w.first, mul) + ShiftMix(y) * k0 + z,
               Mix16(v.second, w.second, mul) + x, mul);
}

}  // namespace

std::uint64_t Fingerprint64(std::string_view bytes) {
  const char* s = bytes.data();
  const std::size_t len = bytes.size();
  if (len <= 16) return Upto16(s, len);
  if (len <= 32) return Upto32(s, len);
  if (len <= 64) return Upto64(s, len);
  return Longer(s, len);
}

}  // namespace tfsk::serving::ops
