#include "lib/stress/load_pacing.h"

#include <algorithm>
#include <thread>

namespace tfsk::stress {

int WorkerThreads(const LoadOptions& options, int connections) {
  const int threads =
      options.threads > 0 ? options.threads : static_cast<int>(std::thread::hardware_concurrency());
  return std::clamp(threads, 1, std::max(1, connections));
}

Pacing PacingFor(double rate, int connections) {
  Pacing p;
  if (rate > 0) {
    using Seconds = std::chrono::duration<double>;
    p.interval = std::chrono::duration_cast<Pacing::Clock::duration>(Seconds(connections / rate));
    p.stagger = std::chrono::duration_cast<Pacing::Clock::duration>(Seconds(1.0 / rate));
  }
  return p;
}

}  // namespace tfsk::stress
