#include "serving/savedmodel/crc32c.h"

#include <doctest/doctest.h>

#include <string>

namespace tfsk::serving::savedmodel {

TEST_SUITE("crc32c") {
  TEST_CASE("matches the published CRC32C check values") {
    CHECK(Crc32c("") == 0u);
    CHECK(Crc32c("123456789") == 0xE3069283u);
    CHECK(Crc32c(std::string(32, '\0')) == 0x8A9136AAu);
    CHECK(Crc32c(std::string(32, '\xff')) == 0x62A8AB43u);
    std::string ascending;
    for (int i = 0; i < 32; ++i) ascending.push_back(static_cast<char>(i));
    CHECK(Crc32c(ascending) == 0x46DD794Eu);
  }

  TEST_CASE("extending a CRC equals the CRC of the concatenation") {
    const std::string a = "hello, ";
    const std::string b = "tensor bundle";
    CHECK(Crc32cExtend(Crc32c(a), b) == Crc32c(a + b));
    CHECK(Crc32cExtend(Crc32c(a), "") == Crc32c(a));
  }

  TEST_CASE("masking changes the value and unmasking restores it") {
    for (std::uint32_t crc : {0u, 1u, 0xE3069283u, 0xFFFFFFFFu, 0x12345678u}) {
      CHECK(MaskCrc(crc) != crc);
      CHECK(UnmaskCrc(MaskCrc(crc)) == crc);
    }
    CHECK(MaskCrc(MaskCrc(0xE3069283u)) != 0xE3069283u);
  }
}

}  // namespace tfsk::serving::savedmodel
