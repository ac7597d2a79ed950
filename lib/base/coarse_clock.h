// A steady-clock reading that costs a few nanoseconds, for deadlines measured in milliseconds.
#pragma once

#include <time.h>

#include <chrono>

namespace tfsk {

/// Now on `std::chrono::steady_clock`'s time line (CLOCK_MONOTONIC), read from
/// CLOCK_MONOTONIC_COARSE: never later than `steady_clock::now()` and behind it by at most one
/// kernel tick (1–10 ms). Why: under a paravirtual clock source (kvm-clock) a precise read costs
/// ~30 ns, and a request checked its deadlines about ten times (every executor step, every
/// connection phase) — 6 % of a small request's CPU. A deadline computed or checked with this
/// clock may fire up to one tick early (computed) or late (checked), which no timeout of ours
/// (milliseconds to seconds) can tell apart. Falls back to the precise clock if the coarse one
/// is missing.
inline std::chrono::steady_clock::time_point CoarseSteadyNow() noexcept {
  timespec ts{};
  if (::clock_gettime(CLOCK_MONOTONIC_COARSE, &ts) != 0) return std::chrono::steady_clock::now();
  return std::chrono::steady_clock::time_point(
      std::chrono::duration_cast<std::chrono::steady_clock::duration>(
          std::chrono::seconds(ts.tv_sec) + std::chrono::nanoseconds(ts.tv_nsec)));
}

}  // namespace tfsk
