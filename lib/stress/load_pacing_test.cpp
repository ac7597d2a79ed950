// Threads, round robin and the open-loop schedule, without a network.
#include "lib/stress/load_pacing.h"

#include <doctest/doctest.h>

#include <thread>

namespace tfsk::stress {
namespace {

using std::chrono::milliseconds;

TEST_SUITE("stress::LoadPacing") {
  TEST_CASE("worker threads: as asked, the cores when 0, never more than the connections") {
    LoadOptions o;
    o.threads = 3;
    CHECK(WorkerThreads(o, 8) == 3);
    CHECK(WorkerThreads(o, 2) == 2);
    o.threads = 0;
    const int cores = std::max(1, static_cast<int>(std::thread::hardware_concurrency()));
    CHECK(WorkerThreads(o, 1000) == cores);
    CHECK(WorkerThreads(o, 1) == 1);
  }

  TEST_CASE("open loop: each connection every conns/rate, first sends 1/rate apart") {
    const Pacing p = PacingFor(200, 4);  // 200 req/s over 4 connections
    CHECK(p.interval == milliseconds(20));
    CHECK(p.stagger == milliseconds(5));
    const Pacing::Clock::time_point start{};
    CHECK(p.FirstSend(start, 0) == start);
    CHECK(p.FirstSend(start, 3) == start + milliseconds(15));
  }

  TEST_CASE("closed loop: no interval, all connections start together") {
    for (double rate : {0.0, -1.0}) {
      const Pacing p = PacingFor(rate, 4);
      CHECK(p.interval.count() == 0);
      CHECK(p.FirstSend({}, 3) == Pacing::Clock::time_point{});
    }
  }

  TEST_CASE("connections go round robin over the threads") {
    int per_thread[3] = {0, 0, 0};
    for (int i = 0; i < 8; ++i) ++per_thread[ThreadOf(i, 3)];
    CHECK(per_thread[0] == 3);
    CHECK(per_thread[1] == 3);
    CHECK(per_thread[2] == 2);
  }
}

}  // namespace
}  // namespace tfsk::stress
