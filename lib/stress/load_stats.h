#pragma once
// The load engine's counters and their aggregation. Each worker thread writes only its own
// WorkerStats (single-writer relaxed atomics); the thread that called RunLoad reads all of them
// once a second without taking a lock and folds them into Counts and Ticks. No Asio here.

#include <array>
#include <atomic>
#include <chrono>
#include <cstdint>
#include <vector>

#include "lib/stress/histogram.h"
#include "lib/stress/load.h"

namespace tfsk::stress {

/// Per-second latency histograms kept per thread: the reader takes second s a few milliseconds
/// after it ended, long before the writer comes back to the same slot.
inline constexpr int kLatencyRing = 4;
/// HTTP status codes tallied one by one (0..599); others count as answers only.
inline constexpr int kStatusCodes = 600;

/// Adds one to a counter that only the calling thread writes: a relaxed load and store, no
/// locked instruction on the hot path.
inline void Bump(std::atomic<std::uint64_t>& a) {
  a.store(a.load(std::memory_order_relaxed) + 1, std::memory_order_relaxed);
}

/// Subtracts one, as Bump adds one (same single-writer rule).
inline void Drop(std::atomic<std::uint64_t>& a) {
  a.store(a.load(std::memory_order_relaxed) - 1, std::memory_order_relaxed);
}

/// One worker thread's counters. Written by that thread only; read by any.
struct WorkerStats {
  std::atomic<std::uint64_t> sent{0}, answered{0}, ok{0}, in_flight{0};
  std::array<std::atomic<std::uint64_t>, kErrorKinds> errors{};
  std::array<std::atomic<std::uint64_t>, kStatusCodes> status{};
  Histogram total;                           ///< every answer's latency
  std::array<Histogram, kLatencyRing> ring;  ///< second s lives in slot s % kLatencyRing
  std::array<std::atomic<std::int64_t>, kLatencyRing> ring_second{};  ///< -1 = never used

  WorkerStats();
  /// Records one answer's latency; `second` = whole seconds from the load's start to the answer.
  /// Reusing a slot clears it first, then publishes its new second (release: a reader that sees
  /// the second sees the cleared histogram).
  void RecordLatency(std::int64_t second, std::chrono::nanoseconds latency);
};

/// The totals of all workers so far.
Counts SumCounts(const std::vector<const WorkerStats*>& workers);

/// Requests started and not yet finished, over all workers.
std::uint64_t InFlight(const std::vector<const WorkerStats*>& workers);

/// The latency of answers completed during `second`, merged over the workers whose ring still
/// holds that second (empty when none does).
Histogram SecondLatency(const std::vector<const WorkerStats*>& workers, int second);

/// Turns the workers' running totals into one Tick per second: each tick's counts are the
/// difference to the previous tick's totals.
class TickMaker {
 public:
  using Clock = std::chrono::steady_clock;

  TickMaker(std::vector<const WorkerStats*> workers, Clock::time_point start);

  /// The tick of the second in progress, read at `now`. `partial`: the run stopped before the
  /// second was over, so the rate is over the part that elapsed instead of a full second.
  Tick Next(Clock::time_point now, bool partial);

  /// Ticks made so far (the next tick is second `seconds() + 1`).
  int seconds() const { return second_; }

 private:
  std::vector<const WorkerStats*> workers_;
  Clock::time_point start_;
  Counts prev_;
  int second_ = 0;
};

}  // namespace tfsk::stress
