// Fingerprint64 against published values for every length class (0–16, 17–32, 33–64, longer),
// SipHash-2-4 against the reference implementation's vectors, TensorFlow's legacy Hash64
// against the values TensorFlow's tests print, and the three bucket ops against TensorFlow's
// own tests.

#include <doctest/doctest.h>

#include "serving/ops/fingerprint64.h"
#include "serving/ops/op_test_util.h"
#include "serving/ops/string_hashes.h"

namespace tfsk::serving {
using namespace testing;

namespace {

std::string Repeat(const std::string& s, int n) {
  std::string out;
  for (int i = 0; i < n; ++i) out += s;
  return out;
}

}  // namespace

TEST_SUITE("hash bucket ops") {
  TEST_CASE("Fingerprint64 gives FarmHash's published fingerprints") {
    using ops::Fingerprint64;
    CHECK(Fingerprint64("") == 0x9ae16a3b2f90404fULL);
    CHECK(Fingerprint64("a") == 12917804110809363939ULL);  // 1–3 bytes
    CHECK(Fingerprint64("d") == 4470636696479570465ULL);
    CHECK(Fingerprint64("WW5") == 6316074107149058620ULL);
    CHECK(Fingerprint64("test") == 8581389452482819506ULL);  // 4–7 bytes
    CHECK(Fingerprint64("P9|0-Xg") == 15614415556471156694ULL);
    CHECK(Fingerprint64("^b2z)XYJ\\95") == 3150268469206098298ULL);       // 8–16 bytes
    CHECK(Fingerprint64("M)(iJ1-nf>5XCc0L?") == 9968500208262240300ULL);  // 17–32 bytes
    CHECK(Fingerprint64(Repeat("test", 8)) == 14250503356343785354ULL);
    CHECK(Fingerprint64("fDVY|(%&aF#3<l>b?1Y Hqt)qY(0%b@VIk#Rlofs") ==
          1687730506231245221ULL);                                       // 33–64 bytes
    CHECK(Fingerprint64(Repeat("test", 64)) == 3500507768004279527ULL);  // longer
  }

  TEST_CASE("StringToHashBucketFast buckets by fingerprint, as TensorFlow's test expects") {
    OpRunner r;
    Tensor out = r.One("StringToHashBucketFast", {S({"a", "b", "c", "d"}, {2, 2})},
                       Attrs({{"num_buckets", AttrValue::Int(10)}}));
    CHECK(out.shape() == Shape{2, 2});
    CHECK(Values<std::int64_t>(out) == std::vector<std::int64_t>{9, 2, 2, 5});
    CHECK(Values<std::int64_t>(r.One("StringToHashBucketFast", {S({"a", "b"}, {2})},
                                     Attrs({{"num_buckets", AttrValue::Int(1)}}))) ==
          std::vector<std::int64_t>{0, 0});
    CHECK(r.Error("StringToHashBucketFast", {S({"a"}, {1})},
                  Attrs({{"num_buckets", AttrValue::Int(0)}})) ==
          "num_buckets must be at least 1, got 0");
  }

  TEST_CASE("SipHash24 gives the reference vectors (key 00..0f, message 00..n-1)") {
    const std::uint64_t k0 = 0x0706050403020100ULL;
    const std::uint64_t k1 = 0x0f0e0d0c0b0a0908ULL;
    std::string m;
    for (int i = 0; i < 16; ++i) m.push_back(static_cast<char>(i));
    CHECK(ops::SipHash24(k0, k1, m.substr(0, 0)) == 0x726fdb47dd0e0e31ULL);
    CHECK(ops::SipHash24(k0, k1, m.substr(0, 1)) == 0x74f839c593dc67fdULL);
    CHECK(ops::SipHash24(k0, k1, m.substr(0, 7)) == 0xab0200f58b01d137ULL);
    CHECK(ops::SipHash24(k0, k1, m.substr(0, 8)) == 0x93f5f5799a932462ULL);
    CHECK(ops::SipHash24(k0, k1, m.substr(0, 15)) == 0xa129ca6149be45e5ULL);
    CHECK(ops::SipHash24(k0, k1, m.substr(0, 16)) == 0x3f2acc7f57c29bdbULL);
    CHECK(ops::SipHash24(0, 0, "") == 0x1e924b9d737700d7ULL);
  }

  TEST_CASE("StringToHashBucketStrong: SipHash under the key attr, as TensorFlow's test") {
    OpRunner r;
    // TensorFlow's string_to_hash_bucket_op_test: key [98765, 132] hashes 'a', 'b', 'c' to
    // 7157389809176466784, 15805638358933211562, 18100027895074076528.
    CHECK(ops::SipHash24(98765, 132, "a") == 7157389809176466784ULL);
    CHECK(ops::SipHash24(98765, 132, "b") == 15805638358933211562ULL);
    CHECK(ops::SipHash24(98765, 132, "c") == 18100027895074076528ULL);
    auto attrs = [](std::int64_t buckets, std::vector<std::int64_t> key) {
      return Attrs({{"num_buckets", AttrValue::Int(buckets)}, {"key", AttrValue::Ints(key)}});
    };
    Tensor out =
        r.One("StringToHashBucketStrong", {S({"a", "b", "c"}, {3})}, attrs(10, {98765, 132}));
    CHECK(Values<std::int64_t>(out) == std::vector<std::int64_t>{4, 2, 8});
    // The example of tf.strings.to_hash_bucket_strong's documentation.
    CHECK(Values<std::int64_t>(r.One("StringToHashBucketStrong", {S({"Hello", "TF"}, {1, 2})},
                                     attrs(3, {1, 2}))) == std::vector<std::int64_t>{2, 0});
    CHECK(r.Error("StringToHashBucketStrong", {S({"a"}, {1})}, attrs(10, {98765})) ==
          "Key must have 2 elements");
  }

  TEST_CASE("StringToHashBucket (legacy) uses TensorFlow's Hash64") {
    // TensorFlow's test: Hash64('a') = 2996632905371535868, 'b' = 5795986006276551370,
    // 'c' = 14899841994519054197.
    CHECK(ops::LegacyHash64("a") == 2996632905371535868ULL);
    CHECK(ops::LegacyHash64("b") == 5795986006276551370ULL);
    CHECK(ops::LegacyHash64("c") == 14899841994519054197ULL);
    // TensorFlow's hash_test.cc vectors (seeded; tails of 0-4 bytes and a 48-byte input).
    auto bytes = [](std::vector<unsigned char> v) { return std::string(v.begin(), v.end()); };
    CHECK(ops::LegacyHash64("", 0xbc9f1d34) == 0x4c61ea3eeda4cb87ULL);
    CHECK(ops::LegacyHash64(bytes({0x62}), 0xbc9f1d34) == 0x091309f7ef916c8aULL);
    CHECK(ops::LegacyHash64(bytes({0xc3, 0x97}), 0xbc9f1d34) == 0xa815bcdf1d1af01cULL);
    CHECK(ops::LegacyHash64(bytes({0xe2, 0x99, 0xa5}), 0xbc9f1d34) == 0x02167564e4d06430ULL);
    CHECK(ops::LegacyHash64(bytes({0xe1, 0x80, 0xb9, 0x32}), 0xbc9f1d34) == 0x8f7ed82ffc21071fULL);
    const std::string d5 = bytes({0x01, 0xc0, 0, 0, 0, 0, 0,    0, 0,    0, 0, 0,    0, 0, 0, 0,
                                  0x14, 0,    0, 0, 0, 0, 0x04, 0, 0,    0, 0, 0x14, 0, 0, 0, 0x18,
                                  0x28, 0,    0, 0, 0, 0, 0,    0, 0x02, 0, 0, 0,    0, 0, 0, 0});
    REQUIRE(d5.size() == 48);
    CHECK(ops::LegacyHash64(d5, 0x12345678) == 0xce196580c97aff1eULL);
    OpRunner r;
    Tensor out = r.One("StringToHashBucket", {S({"a", "b", "c"}, {3})},
                       Attrs({{"num_buckets", AttrValue::Int(10)}}));
    CHECK(Values<std::int64_t>(out) == std::vector<std::int64_t>{8, 0, 7});
  }
}

}  // namespace tfsk::serving
