// The workers' counters without a network: latency ring slots, sums over workers, ticks as
// differences of running totals, and the partial last second's rate.
#include "lib/stress/load_stats.h"

#include <doctest/doctest.h>

namespace tfsk::stress {
namespace {

using std::chrono::milliseconds;
using std::chrono::nanoseconds;

TEST_SUITE("stress::LoadStats") {
  TEST_CASE("the latency ring keeps the last seconds, a reused slot starts empty") {
    WorkerStats s;
    const std::vector<const WorkerStats*> one = {&s};
    CHECK(SecondLatency(one, 0).count() == 0);  // never recorded
    s.RecordLatency(0, milliseconds(1));
    s.RecordLatency(0, milliseconds(3));
    s.RecordLatency(1, milliseconds(2));
    CHECK(SecondLatency(one, 0).count() == 2);
    CHECK(SecondLatency(one, 1).count() == 1);
    // Second kLatencyRing lands in second 0's slot: second 0 is gone, the new one holds 1 value.
    s.RecordLatency(kLatencyRing, milliseconds(7));
    CHECK(SecondLatency(one, 0).count() == 0);
    const Histogram reused = SecondLatency(one, kLatencyRing);
    CHECK(reused.count() == 1);
    CHECK(reused.Percentile(0.5) == doctest::Approx(7e6).epsilon(0.01));
    CHECK(s.total.count() == 4);
  }

  TEST_CASE("sums over workers: counters, error kinds, only the statuses seen") {
    WorkerStats a, b;
    Bump(a.sent);
    Bump(a.sent);
    Bump(b.sent);
    Bump(a.answered);
    Bump(a.ok);
    Bump(b.errors[static_cast<size_t>(ErrorKind::kTimeout)]);
    Bump(a.status[200]);
    Bump(b.status[200]);
    Bump(b.status[503]);
    Bump(a.in_flight);
    Bump(b.in_flight);
    Drop(b.in_flight);
    const std::vector<const WorkerStats*> both = {&a, &b};
    const Counts c = SumCounts(both);
    CHECK(c.sent == 3);
    CHECK(c.answered == 1);
    CHECK(c.ok == 1);
    CHECK(c.errors_by_kind[static_cast<size_t>(ErrorKind::kTimeout)] == 1);
    CHECK(c.by_status == std::map<int, std::uint64_t>{{200, 2}, {503, 1}});
    CHECK(c.errors() == 2);  // the timeout and the 503
    CHECK(InFlight(both) == 1);
  }

  TEST_CASE("ticks: per-second differences, p50 of that second, a partial second's rate") {
    using Clock = std::chrono::steady_clock;
    WorkerStats s;
    const Clock::time_point start{};
    TickMaker ticks({&s}, start);
    for (int i = 0; i < 10; ++i) {
      Bump(s.sent);
      Bump(s.answered);
      Bump(s.ok);
      s.RecordLatency(0, milliseconds(4));
    }
    const Tick first = ticks.Next(start + milliseconds(1002), false);
    CHECK(first.second == 1);
    CHECK(first.elapsed_s == doctest::Approx(1.002));
    CHECK(first.sent == 10);
    CHECK(first.ok == 10);
    CHECK(first.rps == doctest::Approx(10));  // a full second, whatever the reading delay
    CHECK(first.p50_ms == doctest::Approx(4).epsilon(0.01));
    CHECK(ticks.seconds() == 1);
    // Half a second more: 3 answers and 1 error, then the run stops.
    for (int i = 0; i < 3; ++i) {
      Bump(s.sent);
      Bump(s.answered);
      s.RecordLatency(1, milliseconds(9));
    }
    Bump(s.errors[static_cast<size_t>(ErrorKind::kReset)]);
    Bump(s.status[500]);
    const Tick last = ticks.Next(start + milliseconds(1500), true);
    CHECK(last.second == 2);
    CHECK(last.sent == 3);
    CHECK(last.ok == 0);
    CHECK(last.errors == 2);
    CHECK(last.rps == doctest::Approx(6));  // 3 answers in 0.5 s
    CHECK(last.p99_ms == doctest::Approx(9).epsilon(0.01));
    CHECK(last.totals.sent == 13);
  }
}

}  // namespace
}  // namespace tfsk::stress
