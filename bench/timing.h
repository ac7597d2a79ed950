#pragma once
// Timing helpers shared by bench_savedmodel's sections: medians of repeated calls, so one
// preemption on a busy machine moves a figure less than a mean would.

#include <algorithm>
#include <array>
#include <chrono>
#include <functional>
#include <vector>

namespace tfsk::bench {

using Clock = std::chrono::steady_clock;

/// Median of `samples` (any unit).
inline double Median(std::vector<double> samples) {
  std::sort(samples.begin(), samples.end());
  return samples[samples.size() / 2];
}

/// Median per-call time in ns of `fn` over about `calls` calls, timed in blocks of 16 so the
/// clock's own cost stays small; 16 warm-up calls first (plans, caches, allocator).
template <typename Fn>
double PerCallNs(int calls, Fn&& fn) {
  constexpr int kBlock = 16;
  const int blocks = std::max(1, calls / kBlock);
  for (int i = 0; i < kBlock; ++i) fn();
  std::vector<double> samples;
  samples.reserve(static_cast<std::size_t>(blocks));
  for (int b = 0; b < blocks; ++b) {
    const auto start = Clock::now();
    for (int i = 0; i < kBlock; ++i) fn();
    samples.push_back(std::chrono::duration<double, std::nano>(Clock::now() - start).count() /
                      kBlock);
  }
  return Median(std::move(samples));
}

/// Median per-call ns of each of `fns`, measured block by block in turn (a block of 16 calls of
/// the first, then of the second, ...) so that load from other processes on a shared machine
/// falls on all of them alike; `calls` calls of each, after 16 warm-up calls of each.
template <std::size_t N>
std::array<double, N> InterleavedPerCallNs(int calls,
                                           const std::array<std::function<void()>, N>& fns) {
  constexpr int kBlock = 16;
  const int blocks = std::max(1, calls / kBlock);
  for (const auto& fn : fns) {
    for (int i = 0; i < kBlock; ++i) fn();
  }
  std::array<std::vector<double>, N> samples;
  for (int b = 0; b < blocks; ++b) {
    for (std::size_t f = 0; f < N; ++f) {
      const auto start = Clock::now();
      for (int i = 0; i < kBlock; ++i) fns[f]();
      samples[f].push_back(std::chrono::duration<double, std::nano>(Clock::now() - start).count() /
                           kBlock);
    }
  }
  std::array<double, N> out{};
  for (std::size_t f = 0; f < N; ++f) out[f] = Median(std::move(samples[f]));
  return out;
}

}  // namespace tfsk::bench
