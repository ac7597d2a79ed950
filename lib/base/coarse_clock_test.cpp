#include "lib/base/coarse_clock.h"

#include <doctest/doctest.h>

namespace tfsk {

TEST_CASE("CoarseSteadyNow reads steady_clock's time line, never ahead of it") {
  const auto before = std::chrono::steady_clock::now();
  const auto coarse = CoarseSteadyNow();
  const auto after = std::chrono::steady_clock::now();
  // Same epoch as steady_clock (deadlines mix the two): within one kernel tick of a precise
  // reading, and not later than one taken after it. A different time line would be off by hours
  // or more (e.g. CLOCK_REALTIME's epoch), so a second is a safe bound for "one tick".
  CHECK(coarse <= after);
  CHECK(before - coarse < std::chrono::seconds(1));
  // Monotonic, like the clock it stands for.
  CHECK(CoarseSteadyNow() >= coarse);
}

}  // namespace tfsk
