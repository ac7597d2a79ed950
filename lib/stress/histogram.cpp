#include "lib/stress/histogram.h"

#include <algorithm>
#include <bit>
#include <cmath>

namespace tfsk::stress {

Histogram::Histogram() : buckets_(new std::atomic<std::uint64_t>[kBuckets]) { Clear(); }

Histogram::Histogram(const Histogram& other) : Histogram() { Merge(other); }

Histogram& Histogram::operator=(const Histogram& other) {
  if (this != &other) {
    Clear();
    Merge(other);
  }
  return *this;
}

// Exponent e = bit_width(v) - 8 (0 for v < 256); mantissa v >> e lies in [128, 256) for e > 0
// and [0, 256) for e = 0, so index = e·128 + mantissa is dense and monotonic.
int Histogram::IndexOf(std::int64_t v) {
  if (v < 0) v = 0;
  const auto u = static_cast<std::uint64_t>(v);
  int e = std::max(0, static_cast<int>(std::bit_width(u)) - (kSubBits + 1));
  if (e > kMaxExponent) return kBuckets - 1;
  return e * kSub + static_cast<int>(u >> e);
}

std::int64_t Histogram::LowerBound(int index) {
  if (index < 2 * kSub) return index;
  const int e = index / kSub - 1;
  const std::int64_t mantissa = index - e * kSub;
  return mantissa << e;
}

std::int64_t Histogram::Width(int index) {
  if (index < 2 * kSub) return 1;
  return std::int64_t{1} << (index / kSub - 1);
}

void Histogram::Record(std::int64_t nanos) {
  if (nanos < 0) nanos = 0;
  Add(buckets_[static_cast<size_t>(IndexOf(nanos))], 1);
  Add(count_, 1);
  Add(sum_, static_cast<std::uint64_t>(nanos / 1000));
  if (nanos > max_.load(std::memory_order_relaxed)) max_.store(nanos, std::memory_order_relaxed);
  if (nanos < min_.load(std::memory_order_relaxed)) min_.store(nanos, std::memory_order_relaxed);
}

void Histogram::Merge(const Histogram& other) {
  for (int i = 0; i < kBuckets; ++i) {
    const auto n = other.buckets_[static_cast<size_t>(i)].load(std::memory_order_relaxed);
    if (n != 0) Add(buckets_[static_cast<size_t>(i)], n);
  }
  Add(count_, other.count_.load(std::memory_order_relaxed));
  Add(sum_, other.sum_.load(std::memory_order_relaxed));
  max_.store(std::max(max(), other.max()), std::memory_order_relaxed);
  min_.store(std::min(min_.load(std::memory_order_relaxed),
                      other.min_.load(std::memory_order_relaxed)),
             std::memory_order_relaxed);
}

void Histogram::Clear() {
  for (int i = 0; i < kBuckets; ++i) {
    buckets_[static_cast<size_t>(i)].store(0, std::memory_order_relaxed);
  }
  count_.store(0, std::memory_order_relaxed);
  sum_.store(0, std::memory_order_relaxed);
  min_.store(INT64_MAX, std::memory_order_relaxed);
  max_.store(0, std::memory_order_relaxed);
}

std::int64_t Histogram::min() const {
  const auto m = min_.load(std::memory_order_relaxed);
  return m == INT64_MAX ? 0 : m;
}

double Histogram::mean() const {
  const auto n = count();
  if (n == 0) return 0;
  return static_cast<double>(sum_.load(std::memory_order_relaxed)) * 1000.0 /
         static_cast<double>(n);
}

std::int64_t Histogram::Percentile(double q) const {
  // Sum the buckets rather than trusting count_: a live reader may see them slightly apart.
  std::uint64_t total = 0;
  for (int i = 0; i < kBuckets; ++i) {
    total += buckets_[static_cast<size_t>(i)].load(std::memory_order_relaxed);
  }
  if (total == 0) return 0;
  q = std::clamp(q, 0.0, 1.0);
  auto rank = static_cast<std::uint64_t>(std::ceil(q * static_cast<double>(total)));
  rank = std::clamp<std::uint64_t>(rank, 1, total);
  std::uint64_t seen = 0;
  for (int i = 0; i < kBuckets; ++i) {
    seen += buckets_[static_cast<size_t>(i)].load(std::memory_order_relaxed);
    if (seen >= rank) {
      const std::int64_t mid = LowerBound(i) + Width(i) / 2;
      return std::clamp(mid, min(), std::max(min(), max()));
    }
  }
  return max();
}

}  // namespace tfsk::stress
