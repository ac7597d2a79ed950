#pragma once
// One load worker: a thread's io_context and the keep-alive connections it drives. The
// implementation (load_worker.cpp) is the only Beast/Asio translation unit of lib/stress; this
// header keeps Asio out of everything else.

#include <atomic>
#include <chrono>
#include <memory>
#include <string>

#include "lib/http/url.h"
#include "lib/stress/load.h"
#include "lib/stress/load_stats.h"

namespace tfsk::stress {

/// What every worker of one run reads. Set before the threads start; afterwards only
/// `stopping` changes.
struct RunShared {
  using Clock = std::chrono::steady_clock;

  const LoadOptions& options;
  std::string wire;                   ///< RequestWire(options), written as is by every connection
  std::string address;                ///< the server's IP address (ResolveAddress), resolved once
  Clock::time_point start;            ///< second 0 of the ticks and the latency ring
  std::atomic<bool> stopping{false};  ///< no new requests once set; answers in flight finish
};

/// The IP address `url.host` resolves to first, or 127.0.0.1 when it does not resolve. Called
/// once per run: the load measures the server, not the resolver.
std::string ResolveAddress(const http::Url& url);

/// One thread's share of the connections. Each connection loops: wait for its intended send
/// time (open loop), connect if it has no socket, write the request, read the answer, count
/// it, repeat. A 20 ms sweeper closes the socket of any request past options.timeout, so there
/// is no timer per request.
class LoadWorker {
 public:
  explicit LoadWorker(RunShared& shared);
  ~LoadWorker();
  LoadWorker(const LoadWorker&) = delete;
  LoadWorker& operator=(const LoadWorker&) = delete;

  /// Adds a connection (before Run). `interval`: between its sends, zero = closed loop;
  /// `first`: its first intended send.
  void Add(std::chrono::steady_clock::duration interval,
           std::chrono::steady_clock::time_point first);
  /// Drives the connections until Stop; call on the worker's own thread.
  void Run();
  /// Makes Run return, abandoning requests still in flight (any thread).
  void Stop();
  /// This worker's counters (written only by the thread in Run, readable from any).
  const WorkerStats& stats() const;

 private:
  class Impl;
  std::unique_ptr<Impl> impl_;
};

}  // namespace tfsk::stress
