#pragma once
// CRC32C (Castagnoli) and the "masked" form TensorFlow and LevelDB store next to data, so that a
// CRC computed over bytes that themselves contain CRCs does not degenerate.

#include <cstdint>
#include <string_view>

namespace tfsk::serving::savedmodel {

/// CRC32C of `data` (reflected polynomial 0x82F63B78, init and final xor 0xFFFFFFFF).
/// Crc32c("123456789") == 0xE3069283; Crc32c("") == 0.
std::uint32_t Crc32c(std::string_view data);

/// The CRC32C of A+B given `crc` = Crc32c(A) and `data` = B.
std::uint32_t Crc32cExtend(std::uint32_t crc, std::string_view data);

/// The stored form of a CRC: rotate right by 15 bits, then add 0xa282ead8 (mod 2^32).
constexpr std::uint32_t MaskCrc(std::uint32_t crc) {
  return ((crc >> 15) | (crc << 17)) + 0xa282ead8u;
}

/// Inverse of MaskCrc.
constexpr std::uint32_t UnmaskCrc(std::uint32_t masked) {
  const std::uint32_t rot = masked - 0xa282ead8u;
  return (rot >> 17) | (rot << 15);
}

}  // namespace tfsk::serving::savedmodel
