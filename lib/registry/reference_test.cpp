#include "lib/registry/reference.h"

#include <doctest/doctest.h>

namespace tfsk::registry {

namespace {
const std::string kDigest =
    "sha256:2a92fdabdec6575016448029d3e027aebd9dbf5464e512c27522a47db4d95beb";
}

TEST_SUITE("ImageReference") {
  TEST_CASE("tagged and pinned references keep the registry's path") {
    CHECK(TaggedReference("registry.example.com:5000/team", "tfsk-serving", "half_plus_two") ==
          "registry.example.com:5000/team/tfsk-serving:half_plus_two");
    auto pinned = PinnedReference("registry.example.com:5000/team", "tfsk-serving", kDigest + "\n");
    REQUIRE(pinned.ok());
    CHECK(*pinned == "registry.example.com:5000/team/tfsk-serving@" + kDigest);
  }

  TEST_CASE("a digest is sha256 and 64 lowercase hex digits") {
    CHECK(ParseDigest("  " + kDigest + "\n").ok());
    CHECK_FALSE(ParseDigest("").ok());
    CHECK_FALSE(ParseDigest("sha256:abc").ok());
    CHECK_FALSE(ParseDigest("sha512:" + kDigest.substr(7)).ok());
    std::string upper = kDigest;
    upper.back() = 'F';
    auto bad = ParseDigest(upper);
    REQUIRE_FALSE(bad.ok());
    CHECK(bad.status().message().find("is not an image digest") != std::string::npos);
  }

  TEST_CASE("loopback registries are the ones pushed to without TLS by default") {
    CHECK(IsLoopbackRegistry("localhost:5001"));
    CHECK(IsLoopbackRegistry("localhost"));
    CHECK(IsLoopbackRegistry("127.0.0.1:5000/team"));
    CHECK(IsLoopbackRegistry("[::1]:5000"));
    CHECK_FALSE(IsLoopbackRegistry("registry.example.com"));
    CHECK_FALSE(IsLoopbackRegistry("localhost.example.com:5000"));
    CHECK_FALSE(IsLoopbackRegistry("10.0.0.1:5000"));
  }
}

}  // namespace tfsk::registry
