#include "serving/savedmodel/coding.h"

#include <doctest/doctest.h>

#include <limits>
#include <string>

namespace tfsk::serving::savedmodel {

TEST_SUITE("coding") {
  TEST_CASE("varint64 round-trips small, boundary and maximal values") {
    for (std::uint64_t v :
         {std::uint64_t{0}, std::uint64_t{1}, std::uint64_t{127}, std::uint64_t{128},
          std::uint64_t{300}, std::uint64_t{1} << 35, std::numeric_limits<std::uint64_t>::max()}) {
      std::string buf;
      PutVarint64(&buf, v);
      buf += "rest";
      std::string_view in = buf;
      std::uint64_t out = 0;
      REQUIRE(GetVarint64(&in, &out));
      CHECK(out == v);
      CHECK(in == "rest");
    }
  }

  TEST_CASE("varint decoding rejects truncated, overlong and out-of-range input") {
    std::uint64_t v64 = 0;
    std::uint32_t v32 = 0;
    std::string_view empty;
    CHECK_FALSE(GetVarint64(&empty, &v64));
    std::string_view truncated = "\x80\x80";
    CHECK_FALSE(GetVarint64(&truncated, &v64));
    const std::string eleven(11, '\x80');
    std::string_view overlong = eleven;
    CHECK_FALSE(GetVarint64(&overlong, &v64));
    std::string_view too_big64 = "\xff\xff\xff\xff\xff\xff\xff\xff\xff\x02";
    CHECK_FALSE(GetVarint64(&too_big64, &v64));
    std::string_view too_big32 = "\xff\xff\xff\xff\x10";
    CHECK_FALSE(GetVarint32(&too_big32, &v32));
    std::string_view max32 = "\xff\xff\xff\xff\x0f";
    REQUIRE(GetVarint32(&max32, &v32));
    CHECK(v32 == 0xffffffffu);
  }

  TEST_CASE("fixed-width integers are little-endian") {
    std::string buf;
    PutFixed32(&buf, 0x04030201u);
    PutFixed64(&buf, 0xdb4775248b80fb57ull);
    CHECK(buf.substr(0, 4) == std::string("\x01\x02\x03\x04", 4));
    CHECK(DecodeFixed64(buf.data() + 4) == 0xdb4775248b80fb57ull);
    std::string_view in = buf;
    std::uint32_t v = 0;
    REQUIRE(GetFixed32(&in, &v));
    CHECK(v == 0x04030201u);
    std::string_view short_in = "abc";
    CHECK_FALSE(GetFixed32(&short_in, &v));
  }
}

}  // namespace tfsk::serving::savedmodel
