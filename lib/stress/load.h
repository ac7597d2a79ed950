#pragma once
// The load generator's contract: N keep-alive HTTP/1.1 connections over T threads, each thread
// with its own io_context, either closed loop (each connection sends its next request when the
// answer arrives) or open loop (a constant total rate; latency counts from each request's
// *intended* send time, so a stalled server shows up as latency instead of fewer samples — wrk2's
// correction of coordinated omission).
//
// The engine's files: load_engine.cpp (RunLoad: threads, ticks, stop, grace), load_worker.cpp
// (the connection state machine; the only Beast/Asio file of lib/stress), load_stats.h (the
// workers' counters and the ticks made from them), load_pacing.h (threads and open-loop
// schedule), load_wire.h (the request bytes and what counts as a good answer).

#include <array>
#include <atomic>
#include <chrono>
#include <cstdint>
#include <functional>
#include <map>
#include <string>
#include <vector>

#include "lib/http/url.h"
#include "lib/stress/histogram.h"

namespace tfsk::stress {

struct LoadOptions {
  http::Url url;                      ///< host, port and target of every request
  std::string method = "POST";
  std::string body;                   ///< sent with Content-Type: application/json
  int connections = 64;
  int threads = 0;                    ///< 0 = number of cores (never more than connections)
  double rate = 0;                    ///< requests/s in total; 0 = closed loop
  std::chrono::milliseconds duration{10000};
  std::chrono::milliseconds timeout{5000};  ///< per request (connect, write, read)
  std::chrono::milliseconds grace{1000};    ///< after duration, for answers in flight
  std::string expect;                 ///< JSON the answer must equal; "" = no check
};

/// Why a request did not produce a valid answer. An HTTP answer with a non-2xx status is not
/// one of these: it is tallied by status.
enum class ErrorKind { kConnect = 0, kTimeout, kReset, kInvalid };
inline constexpr int kErrorKinds = 4;
const char* ErrorKindName(ErrorKind k);  ///< "connect", "timeout", "reset", "invalid_answer"

struct Counts {
  std::uint64_t sent = 0;      ///< requests started
  std::uint64_t answered = 0;  ///< complete HTTP answers (any status)
  std::uint64_t ok = 0;        ///< 2xx answers that passed the checks
  std::array<std::uint64_t, kErrorKinds> errors_by_kind{};
  std::map<int, std::uint64_t> by_status;
  /// Transport errors + invalid answers + non-2xx answers.
  std::uint64_t errors() const;
};

/// One second of the run (the last tick may be shorter, when the run stopped mid-second).
struct Tick {
  int second = 0;          ///< 1 for [0 s, 1 s) after the load started, ...
  double elapsed_s = 0;    ///< time since the start at the end of this tick
  std::uint64_t sent = 0;  ///< in this tick
  std::uint64_t ok = 0;
  std::uint64_t errors = 0;
  double rps = 0;          ///< answers (any status) per second in this tick
  double p50_ms = 0;       ///< of answers completed in this tick; 0 when none
  double p99_ms = 0;
  Counts totals;           ///< since the start
};

struct LoadResult {
  Counts counts;
  Histogram latency;       ///< every complete HTTP answer
  double elapsed_s = 0;    ///< from the start to the stop (excluding the grace)
  std::vector<Tick> ticks;
  std::string stop_reason; ///< "duration", "interrupted", or what the tick callback said
  int threads = 0;
  int connections = 0;
  double requested_rate = 0;
  std::uint64_t unfinished = 0;  ///< requests still in flight when the grace ended
};

/// Called once per second from the thread that called RunLoad. Return a non-empty string to
/// stop the run early (it becomes stop_reason).
using TickFn = std::function<std::string(const Tick&)>;

/// Runs the load until `options.duration`, `*interrupt` turning true (polled every 50 ms), or
/// `on_tick` asking to stop; then waits at most `options.grace` for answers in flight. Never
/// throws for network trouble: every failure is counted.
LoadResult RunLoad(const LoadOptions& options, const TickFn& on_tick = {},
                   const std::atomic<bool>* interrupt = nullptr);

}  // namespace tfsk::stress
