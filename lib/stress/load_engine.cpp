// RunLoad: the run's own thread. It starts the workers (load_worker.h), ticks once a second
// from their counters (load_stats.h), decides when to stop, waits out the grace for answers in
// flight, and sums the result. No Asio here: the workers hide it.
#include <algorithm>
#include <memory>
#include <thread>

#include "lib/stress/load.h"
#include "lib/stress/load_pacing.h"
#include "lib/stress/load_stats.h"
#include "lib/stress/load_wire.h"
#include "lib/stress/load_worker.h"

namespace tfsk::stress {

LoadResult RunLoad(const LoadOptions& options, const TickFn& on_tick,
                   const std::atomic<bool>* interrupt) {
  using Clock = std::chrono::steady_clock;
  LoadResult result;
  const int conns = std::max(1, options.connections);
  const int threads = WorkerThreads(options, conns);
  result.threads = threads;
  result.connections = conns;
  result.requested_rate = options.rate;

  RunShared sh{options, RequestWire(options), ResolveAddress(options.url), {}, {}};
  std::vector<std::unique_ptr<LoadWorker>> workers;
  std::vector<const WorkerStats*> stats;
  for (int t = 0; t < threads; ++t) {
    workers.push_back(std::make_unique<LoadWorker>(sh));
    stats.push_back(&workers.back()->stats());
  }
  sh.start = Clock::now() + std::chrono::milliseconds(5);
  const Pacing pacing = PacingFor(options.rate, conns);
  for (int i = 0; i < conns; ++i) {
    workers[static_cast<size_t>(ThreadOf(i, threads))]->Add(pacing.interval,
                                                            pacing.FirstSend(sh.start, i));
  }
  std::vector<std::thread> pool;
  for (auto& w : workers) pool.emplace_back([&w] { w->Run(); });

  const auto end = sh.start + options.duration;
  TickMaker ticks(stats, sh.start);
  auto stop_at = end;
  result.stop_reason = "duration";
  while (true) {
    const auto now = Clock::now();
    if (now >= end) break;
    if (interrupt != nullptr && interrupt->load()) {
      result.stop_reason = "interrupted";
      stop_at = now;
      break;
    }
    const auto tick_at = sh.start + std::chrono::seconds(ticks.seconds() + 1);
    if (now >= tick_at) {
      // Read a second a little after it ended: answers completing at the boundary land first.
      Tick tick = ticks.Next(now, false);
      result.ticks.push_back(tick);
      if (on_tick) {
        std::string why = on_tick(tick);
        if (!why.empty()) {
          result.stop_reason = why;
          stop_at = Clock::now();
          break;
        }
      }
      continue;
    }
    std::this_thread::sleep_until(std::min(
        {tick_at + std::chrono::milliseconds(2), now + std::chrono::milliseconds(50), end}));
  }
  sh.stopping.store(true);
  const auto stopped = Clock::now();
  if (stop_at > stopped) stop_at = stopped;
  const auto grace_end = stopped + options.grace;
  while (InFlight(stats) > 0 && Clock::now() < grace_end) {
    std::this_thread::sleep_for(std::chrono::milliseconds(5));
  }
  result.unfinished = InFlight(stats);
  for (auto& w : workers) w->Stop();
  for (auto& t : pool) t.join();

  // The last, partial second (skipped when the run ended right on a tick).
  const double elapsed = std::chrono::duration<double>(stop_at - sh.start).count();
  if (elapsed > ticks.seconds() + 0.05 || result.ticks.empty()) {
    result.ticks.push_back(ticks.Next(stop_at, true));
  }
  result.elapsed_s = std::max(elapsed, 1e-9);
  result.counts = SumCounts(stats);
  for (const WorkerStats* s : stats) result.latency.Merge(s->total);
  return result;
}

}  // namespace tfsk::stress
