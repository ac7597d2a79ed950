#include "lib/config/quantity.h"

#include <doctest/doctest.h>

namespace tfsk::config {

TEST_SUITE("Quantity") {
  TEST_CASE("the lab's and common quantities parse to base units") {
    CHECK(*ParseQuantity("5m") == doctest::Approx(0.005));
    CHECK(*ParseQuantity("0.5") == doctest::Approx(0.5));
    CHECK(*ParseQuantity("2") == doctest::Approx(2));
    CHECK(*ParseQuantity("32M") == doctest::Approx(32e6));
    CHECK(*ParseQuantity("64Mi") == doctest::Approx(64.0 * 1024 * 1024));
    CHECK(*ParseQuantity("1Gi") == doctest::Approx(1073741824.0));
    CHECK(*ParseQuantity("1e3") == doctest::Approx(1000));
    CHECK(*ParseQuantity(".5") == doctest::Approx(0.5));
    CHECK(*ParseQuantity("-1") == doctest::Approx(-1));
  }

  TEST_CASE("malformed quantities are rejected") {
    for (const char* bad : {"", "m", "5 m", "32MB", "1.2.3", "abc", "5mi", "1e", "--1", "1Kii"}) {
      CHECK_MESSAGE(!ParseQuantity(bad).has_value(), bad);
    }
  }
}

}  // namespace tfsk::config
