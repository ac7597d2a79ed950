#include "serving/ops/siphash.h"

#include <doctest/doctest.h>

#include <string>

namespace tfsk::serving::ops {

TEST_SUITE("SipHash24") {
  TEST_CASE("the reference vectors: key 00..0f, message 00..n-1, every tail length class") {
    constexpr std::uint64_t k0 = 0x0706050403020100ULL, k1 = 0x0f0e0d0c0b0a0908ULL;
    std::string message;
    for (int i = 0; i < 16; ++i) message.push_back(static_cast<char>(i));
    const auto prefix = [&](std::size_t n) { return std::string_view(message).substr(0, n); };
    CHECK(SipHash24(k0, k1, prefix(0)) == 0x726fdb47dd0e0e31ULL);
    CHECK(SipHash24(k0, k1, prefix(1)) == 0x74f839c593dc67fdULL);
    CHECK(SipHash24(k0, k1, prefix(4)) == 0xcf2794e0277187b7ULL);
    CHECK(SipHash24(k0, k1, prefix(7)) == 0xab0200f58b01d137ULL);
    CHECK(SipHash24(k0, k1, prefix(8)) == 0x93f5f5799a932462ULL);
    CHECK(SipHash24(k0, k1, prefix(15)) == 0xa129ca6149be45e5ULL);  // the paper's worked example
    CHECK(SipHash24(k0, k1, prefix(16)) == 0x3f2acc7f57c29bdbULL);
    CHECK(SipHash24(0, 0, "") == 0x1e924b9d737700d7ULL);
  }
}

}  // namespace tfsk::serving::ops
