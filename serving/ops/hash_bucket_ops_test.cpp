// Fingerprint64 against published values for every length class (0–16, 17–32, 33–64, longer),
// and StringToHashBucketFast against TensorFlow's own test.

#include <doctest/doctest.h>

#include "serving/ops/fingerprint64.h"
#include "serving/ops/op_test_util.h"

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
}

}  // namespace tfsk::serving
