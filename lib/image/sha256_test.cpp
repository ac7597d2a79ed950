#include "lib/image/sha256.h"

#include <doctest/doctest.h>

namespace tfsk::image {

TEST_SUITE("Sha256") {
  TEST_CASE("FIPS 180-2 test vectors") {
    CHECK(Sha256Hex("") == "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855");
    CHECK(Sha256Hex("abc") == "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad");
  }

  TEST_CASE("feeding in pieces gives the digest of the whole") {
    Sha256 h;
    h.Update("a");
    h.Update("");
    h.Update("bc");
    CHECK(h.HexDigest() == Sha256Hex("abc"));
    CHECK(DigestOf("ab12") == "sha256:ab12");
  }
}

}  // namespace tfsk::image
