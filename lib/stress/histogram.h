#pragma once
// A log-linear latency histogram (HdrHistogram's layout): 128 linear sub-buckets per power of
// two, so a bucket is at most 1/128 of its lower bound wide and the reported midpoint is within
// 0.4 % of any value in it (≤ 1 % promised). Values are nanoseconds, up to ~18 minutes.
//
// One writer, any number of readers: buckets are relaxed atomics written with load+store (no
// locked instructions, no contention), so the live view may read a worker's histogram while the
// worker records into it. Merge() sums histograms of several threads.

#include <atomic>
#include <cstdint>
#include <memory>

namespace tfsk::stress {

class Histogram {
 public:
  Histogram();
  Histogram(const Histogram& other);
  Histogram& operator=(const Histogram& other);

  /// Records one value (single writer). Values beyond the range count in the top bucket.
  void Record(std::int64_t nanos);
  /// Adds every count of `other` (the caller is the only writer of *this).
  void Merge(const Histogram& other);
  /// Zeroes it (the caller is the only writer).
  void Clear();

  std::uint64_t count() const { return count_.load(std::memory_order_relaxed); }
  std::int64_t max() const { return max_.load(std::memory_order_relaxed); }
  std::int64_t min() const;  ///< 0 when empty
  double mean() const;       ///< 0 when empty
  /// The value at quantile q in [0, 1] (0.99 = p99): the midpoint of the bucket holding the
  /// ceil(q·count)-th smallest value, clamped to [min, max]. 0 when empty.
  std::int64_t Percentile(double q) const;

  static constexpr int kSubBits = 7;
  static constexpr int kSub = 1 << kSubBits;  // 128
  static constexpr int kMaxExponent = 34;     // values < 2^(34+8) ns
  static constexpr int kBuckets = (kMaxExponent + 1) * kSub + kSub;

  /// Bucket index of a value and the [low, high) range of a bucket (exposed for tests).
  static int IndexOf(std::int64_t v);
  static std::int64_t LowerBound(int index);
  static std::int64_t Width(int index);

 private:
  static void Add(std::atomic<std::uint64_t>& a, std::uint64_t n) {
    a.store(a.load(std::memory_order_relaxed) + n, std::memory_order_relaxed);
  }
  std::unique_ptr<std::atomic<std::uint64_t>[]> buckets_;
  std::atomic<std::uint64_t> count_{0};
  std::atomic<std::uint64_t> sum_{0};  // microseconds, for the mean
  std::atomic<std::int64_t> min_{INT64_MAX};
  std::atomic<std::int64_t> max_{0};
};

}  // namespace tfsk::stress
