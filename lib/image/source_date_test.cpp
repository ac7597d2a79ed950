#include "lib/image/source_date.h"

#include <doctest/doctest.h>

namespace tfsk::image {

TEST_SUITE("SourceDate") {
  TEST_CASE("SOURCE_DATE_EPOCH, or 0") {
    CHECK(*SourceDateEpoch(std::nullopt) == 0);
    CHECK(*SourceDateEpoch("") == 0);
    CHECK(*SourceDateEpoch("1700000000") == 1700000000);
    CHECK(SourceDateEpoch("yesterday").status().code() == Code::kInvalidArgument);
    CHECK(SourceDateEpoch("-5").status().code() == Code::kInvalidArgument);
    CHECK(SourceDateEpoch("99999999999999999999").status().code() == Code::kInvalidArgument);
  }

  TEST_CASE("RFC 3339 in UTC") {
    CHECK(Rfc3339(0) == "1970-01-01T00:00:00Z");
    CHECK(Rfc3339(1700000000) == "2023-11-14T22:13:20Z");
  }
}

}  // namespace tfsk::image
