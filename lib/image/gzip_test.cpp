#include "lib/image/gzip.h"

#include <doctest/doctest.h>

#include <string>

namespace tfsk::image {

TEST_SUITE("Gzip") {
  TEST_CASE("round trip of a large, repetitive and a binary input") {
    std::string text;
    for (int i = 0; i < 100000; ++i) text += "line " + std::to_string(i % 97) + "\n";
    std::string binary;
    for (int i = 0; i < 70000; ++i) binary.push_back(static_cast<char>((i * 7919) & 0xff));
    for (const std::string* in : {&text, &binary}) {
      auto gz = Gzip(*in);
      REQUIRE(gz.ok());
      auto back = Gunzip(*gz);
      REQUIRE(back.ok());
      CHECK(*back == *in);
    }
    CHECK(Gzip(text)->size() < text.size() / 10);
  }

  TEST_CASE(
      "the header has no timestamp, no file name and OS 'unknown': equal input, equal bytes") {
    auto a = Gzip("same bytes");
    auto b = Gzip("same bytes");
    REQUIRE(a.ok());
    REQUIRE(b.ok());
    CHECK(*a == *b);
    const std::string& g = *a;
    REQUIRE(g.size() > 10);
    CHECK(static_cast<unsigned char>(g[0]) == 0x1f);
    CHECK(static_cast<unsigned char>(g[1]) == 0x8b);
    CHECK(g[3] == 0);                                // FLG: no FNAME, no FCOMMENT, no FEXTRA
    CHECK(g.substr(4, 4) == std::string(4, '\0'));   // MTIME
    CHECK(static_cast<unsigned char>(g[9]) == 255);  // OS
  }

  TEST_CASE("streaming in pieces gives the same bytes as one call") {
    std::string whole(300000, 'x');
    for (std::size_t i = 0; i < whole.size(); i += 13) whole[i] = static_cast<char>('a' + i % 26);
    std::string streamed;
    GzipWriter w([&](std::string_view c) {
      streamed.append(c);
      return OkStatus();
    });
    for (std::size_t i = 0; i < whole.size(); i += 4096) {
      REQUIRE(w.Write(std::string_view(whole).substr(i, 4096)).ok());
    }
    REQUIRE(w.Finish().ok());
    CHECK(streamed == *Gzip(whole));
  }

  TEST_CASE("a sink error stops the writer with that error") {
    GzipWriter w([](std::string_view) { return Internal("disk full"); }, 1);
    Status s = w.Write(std::string(200000, 'q'));
    if (s.ok()) s = w.Finish();
    CHECK(s.message() == "disk full");
  }

  TEST_CASE("corrupt and truncated input is DataLoss") {
    auto gz = Gzip(std::string(5000, 'z'));
    REQUIRE(gz.ok());
    CHECK(Gunzip(gz->substr(0, gz->size() / 2)).status().code() == Code::kDataLoss);
    std::string bad = *gz;
    bad[12] = static_cast<char>(bad[12] ^ 0x55);
    bad[13] = static_cast<char>(bad[13] ^ 0x55);
    CHECK_FALSE(Gunzip(bad).ok());
  }
}

}  // namespace tfsk::image
