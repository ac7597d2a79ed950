#pragma once
// How the load is spread: how many worker threads, which thread drives which connection, and,
// in the open loop, when each connection sends. No Asio here.

#include <chrono>

#include "lib/stress/load.h"

namespace tfsk::stress {

/// options.threads, or the number of cores when it is 0; at least 1 and never more than
/// `connections` (a thread without a connection would only spin its timer).
int WorkerThreads(const LoadOptions& options, int connections);

/// The open loop's schedule: a constant total `rate` spread evenly over the connections.
struct Pacing {
  using Clock = std::chrono::steady_clock;

  /// Between two sends of one connection: connections / rate. Zero = closed loop (each
  /// connection sends its next request when the answer arrives).
  Clock::duration interval{0};
  /// Between the first sends of connection i and i + 1: 1 / rate, so the connections together
  /// send every 1 / rate instead of in bursts.
  Clock::duration stagger{0};

  /// The intended time of connection `index`'s first send.
  Clock::time_point FirstSend(Clock::time_point start, int index) const {
    return start + stagger * index;
  }
};

/// The schedule for `rate` requests/s in total over `connections`; rate <= 0: closed loop.
Pacing PacingFor(double rate, int connections);

/// The worker thread that drives connection `index`: round robin, so each thread gets an even
/// share and, in the open loop, an even share of the rate.
inline int ThreadOf(int index, int threads) { return index % threads; }

}  // namespace tfsk::stress
