#include "lib/image/reference.h"

#include <doctest/doctest.h>

namespace tfsk::image {

TEST_SUITE("Reference") {
  const std::string kDigest =
      "sha256:0123456789abcdef0123456789abcdef0123456789abcdef0123456789abcdef";

  TEST_CASE("the content tag: 12 hex digits of the manifest digest") {
    CHECK(ContentTag(kDigest) == "sha256-0123456789ab");
  }

  TEST_CASE("what a requested reference resolves to") {
    CHECK(*ResolveReference("", ContentTag(kDigest)) == "tfsk-serving:sha256-0123456789ab");
    CHECK(*ResolveReference("v1", "x") == "tfsk-serving:v1");
    CHECK(*ResolveReference("me/serving:v2", "x") == "me/serving:v2");
    CHECK(*ResolveReference("localhost:5000/x", ContentTag(kDigest)) ==
          "localhost:5000/x:sha256-0123456789ab");
    CHECK(*ResolveReference("localhost:5000/x:7", "x") == "localhost:5000/x:7");
  }

  TEST_CASE("invalid names and tags are refused with the rule") {
    for (const char* bad : {"Upper/Case:1", "x:-bad", "x:has space", "a//b:1", ":"}) {
      CAPTURE(bad);
      Status s = CheckReference(bad);
      CHECK(s.code() == Code::kInvalidArgument);
    }
    CHECK(CheckReference(std::string(129, 'a')).code() == Code::kInvalidArgument);
    CHECK(CheckReference("ghcr.io/team/tfsk-serving:v1.2_3").ok());
  }

  TEST_CASE("fully qualified names and tags, as Docker normalises them") {
    CHECK(FullyQualified("tfsk-serving:t") == "docker.io/library/tfsk-serving:t");
    CHECK(FullyQualified("me/tfsk-serving:t") == "docker.io/me/tfsk-serving:t");
    CHECK(FullyQualified("ghcr.io/me/x:t") == "ghcr.io/me/x:t");
    CHECK(FullyQualified("localhost/x:t") == "localhost/x:t");
    CHECK(TagOf("localhost:5000/x") == "");
    CHECK(TagOf("localhost:5000/x:9") == "9");
  }
}

}  // namespace tfsk::image
