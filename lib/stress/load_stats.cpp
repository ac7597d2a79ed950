#include "lib/stress/load_stats.h"

#include <utility>

namespace tfsk::stress {

WorkerStats::WorkerStats() {
  for (auto& s : ring_second) s.store(-1);
}

void WorkerStats::RecordLatency(std::int64_t second, std::chrono::nanoseconds latency) {
  const auto ns = latency.count();
  total.Record(ns);
  const auto slot = static_cast<std::size_t>(second % kLatencyRing);
  if (ring_second[slot].load(std::memory_order_relaxed) != second) {
    ring[slot].Clear();
    ring_second[slot].store(second, std::memory_order_release);
  }
  ring[slot].Record(ns);
}

Counts SumCounts(const std::vector<const WorkerStats*>& workers) {
  Counts c;
  for (const WorkerStats* s : workers) {
    c.sent += s->sent.load(std::memory_order_relaxed);
    c.answered += s->answered.load(std::memory_order_relaxed);
    c.ok += s->ok.load(std::memory_order_relaxed);
    for (std::size_t k = 0; k < c.errors_by_kind.size(); ++k) {
      c.errors_by_kind[k] += s->errors[k].load(std::memory_order_relaxed);
    }
    for (int code = 0; code < kStatusCodes; ++code) {
      const auto n = s->status[static_cast<std::size_t>(code)].load(std::memory_order_relaxed);
      if (n != 0) c.by_status[code] += n;
    }
  }
  return c;
}

std::uint64_t InFlight(const std::vector<const WorkerStats*>& workers) {
  std::uint64_t n = 0;
  for (const WorkerStats* s : workers) n += s->in_flight.load(std::memory_order_relaxed);
  return n;
}

Histogram SecondLatency(const std::vector<const WorkerStats*>& workers, int second) {
  Histogram h;
  const auto slot = static_cast<std::size_t>(second % kLatencyRing);
  for (const WorkerStats* s : workers) {
    if (s->ring_second[slot].load(std::memory_order_acquire) == second) h.Merge(s->ring[slot]);
  }
  return h;
}

TickMaker::TickMaker(std::vector<const WorkerStats*> workers, Clock::time_point start)
    : workers_(std::move(workers)), start_(start) {}

Tick TickMaker::Next(Clock::time_point now, bool partial) {
  Tick tick;
  tick.second = second_ + 1;
  tick.elapsed_s = std::chrono::duration<double>(now - start_).count();
  tick.totals = SumCounts(workers_);
  tick.sent = tick.totals.sent - prev_.sent;
  tick.ok = tick.totals.ok - prev_.ok;
  tick.errors = tick.totals.errors() - prev_.errors();
  const double span = partial ? tick.elapsed_s - second_ : 1.0;
  tick.rps = span > 0 ? static_cast<double>(tick.totals.answered - prev_.answered) / span : 0;
  const Histogram h = SecondLatency(workers_, second_);
  tick.p50_ms = static_cast<double>(h.Percentile(0.50)) / 1e6;
  tick.p99_ms = static_cast<double>(h.Percentile(0.99)) / 1e6;
  prev_ = tick.totals;
  ++second_;
  return tick;
}

}  // namespace tfsk::stress
