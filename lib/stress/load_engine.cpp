// The load engine: the only Beast/Asio translation unit of lib/stress.
//
// Hot-path design: each worker thread owns an io_context (concurrency hint 1: no internal
// locking), its connections and its counters; counters and histograms are single-writer relaxed
// atomics, so the once-a-second reader never takes a lock. Requests are serialized once and
// written as raw bytes. Timeouts use one sweeping timer per thread (every 20 ms) instead of a
// timer per request, which keeps the per-request cost to one write and one read.
#include <boost/asio/connect.hpp>
#include <boost/asio/io_context.hpp>
#include <boost/asio/ip/tcp.hpp>
#include <boost/asio/post.hpp>
#include <boost/asio/steady_timer.hpp>
#include <boost/asio/write.hpp>
#include <boost/beast/core/flat_buffer.hpp>
#include <boost/beast/http.hpp>

#include <algorithm>
#include <memory>
#include <optional>
#include <thread>

#include "lib/http/predict_request.h"
#include "lib/stress/load.h"

namespace tfsk::stress {
namespace {

namespace asio = boost::asio;
namespace beast = boost::beast;
namespace bhttp = boost::beast::http;
using tcp = asio::ip::tcp;
using Clock = std::chrono::steady_clock;

constexpr int kRing = 4;  // per-second latency histograms kept per thread

void Bump(std::atomic<std::uint64_t>& a) {
  a.store(a.load(std::memory_order_relaxed) + 1, std::memory_order_relaxed);
}

struct WorkerStats {
  std::atomic<std::uint64_t> sent{0}, answered{0}, ok{0}, in_flight{0}, done{0};
  std::array<std::atomic<std::uint64_t>, kErrorKinds> errors{};
  std::array<std::atomic<std::uint64_t>, 600> status{};
  Histogram total;
  std::array<Histogram, kRing> ring;
  std::array<std::atomic<std::int64_t>, kRing> ring_second{};
  WorkerStats() {
    for (auto& s : ring_second) s.store(-1);
  }
};

struct Shared {
  const LoadOptions& o;
  std::string wire;
  tcp::endpoint endpoint;
  Clock::time_point start;
  std::atomic<bool> stopping{false};
};

class Worker;

class Conn : public std::enable_shared_from_this<Conn> {
 public:
  Conn(Worker& w, Shared& sh, asio::io_context& ioc, Clock::duration interval,
       Clock::time_point first)
      : w_(w), sh_(sh), socket_(ioc), timer_(ioc), interval_(interval), next_(first) {}

  void Start() { Next(); }
  /// Called by the sweeper: closes the socket of a request past its deadline.
  void Sweep(Clock::time_point now) {
    if (busy_ && now > deadline_) {
      timed_out_ = true;
      beast::error_code ignored;
      socket_.close(ignored);
    }
  }

 private:
  bool open_loop() const { return interval_.count() > 0; }

  void Next() {
    if (sh_.stopping.load(std::memory_order_relaxed)) return;
    if (open_loop() && Clock::now() < next_) {
      timer_.expires_at(next_);
      timer_.async_wait([self = shared_from_this()](beast::error_code ec) {
        if (!ec) self->Send();
      });
      return;
    }
    Send();
  }

  void Send();
  void Connect();
  void Write();
  void Read();
  void OnAnswer();
  void Fail(ErrorKind kind);
  void Finish();

  Worker& w_;
  Shared& sh_;
  tcp::socket socket_;
  asio::steady_timer timer_;
  beast::flat_buffer buffer_;
  std::optional<bhttp::response_parser<bhttp::string_body>> parser_;
  Clock::duration interval_;
  Clock::time_point next_;
  Clock::time_point t0_;
  Clock::time_point deadline_;
  bool busy_ = false;
  bool timed_out_ = false;
  bool connected_ = false;
};

class Worker {
 public:
  Worker(Shared& sh) : sh_(sh), ioc_(1), sweeper_(ioc_) {}
  void Add(Clock::duration interval, Clock::time_point first) {
    conns_.push_back(std::make_shared<Conn>(*this, sh_, ioc_, interval, first));
  }
  void Run() {
    for (auto& c : conns_) c->Start();
    Sweep();
    ioc_.run();
  }
  void Stop() { ioc_.stop(); }
  WorkerStats stats;

  void Record(Clock::time_point now, Clock::duration latency) {
    const auto ns = std::chrono::duration_cast<std::chrono::nanoseconds>(latency).count();
    stats.total.Record(ns);
    const auto sec =
        std::chrono::duration_cast<std::chrono::seconds>(now - sh_.start).count();
    auto& slot_second = stats.ring_second[static_cast<size_t>(sec % kRing)];
    auto& slot = stats.ring[static_cast<size_t>(sec % kRing)];
    if (slot_second.load(std::memory_order_relaxed) != sec) {
      slot.Clear();
      slot_second.store(sec, std::memory_order_release);
    }
    slot.Record(ns);
  }

 private:
  void Sweep() {
    sweeper_.expires_after(std::chrono::milliseconds(20));
    sweeper_.async_wait([this](beast::error_code ec) {
      if (ec) return;
      const auto now = Clock::now();
      for (auto& c : conns_) c->Sweep(now);
      Sweep();
    });
  }

  Shared& sh_;
  asio::io_context ioc_;
  asio::steady_timer sweeper_;
  std::vector<std::shared_ptr<Conn>> conns_;
};

void Conn::Send() {
  if (sh_.stopping.load(std::memory_order_relaxed)) return;
  const auto now = Clock::now();
  if (open_loop()) {
    t0_ = next_;  // the intended send time: waiting for a slow server counts as latency
    next_ += interval_;
  } else {
    t0_ = now;
  }
  busy_ = true;
  timed_out_ = false;
  deadline_ = now + sh_.o.timeout;
  Bump(w_.stats.sent);
  Bump(w_.stats.in_flight);
  if (connected_) {
    Write();
  } else {
    Connect();
  }
}

void Conn::Connect() {
  socket_.async_connect(sh_.endpoint, [self = shared_from_this()](beast::error_code ec) {
    if (ec) return self->Fail(self->timed_out_ ? ErrorKind::kTimeout : ErrorKind::kConnect);
    self->connected_ = true;
    beast::error_code ignored;
    self->socket_.set_option(tcp::no_delay(true), ignored);
    self->Write();
  });
}

void Conn::Write() {
  asio::async_write(socket_, asio::buffer(sh_.wire),
                    [self = shared_from_this()](beast::error_code ec, size_t) {
                      if (ec) {
                        return self->Fail(self->timed_out_ ? ErrorKind::kTimeout
                                                           : ErrorKind::kReset);
                      }
                      self->Read();
                    });
}

void Conn::Read() {
  parser_.emplace();
  parser_->body_limit(64u << 20);
  bhttp::async_read(socket_, buffer_, *parser_,
                    [self = shared_from_this()](beast::error_code ec, size_t) {
                      if (!ec) return self->OnAnswer();
                      if (self->timed_out_) return self->Fail(ErrorKind::kTimeout);
                      if (ec == bhttp::error::end_of_stream || ec == asio::error::eof ||
                          ec == asio::error::connection_reset ||
                          ec == asio::error::broken_pipe || ec == bhttp::error::partial_message) {
                        return self->Fail(ErrorKind::kReset);
                      }
                      self->Fail(ErrorKind::kInvalid);  // not HTTP
                    });
}

bool LooksLikeJson(const std::string& body) {
  for (char c : body) {
    if (c == ' ' || c == '\n' || c == '\r' || c == '\t') continue;
    return c == '{' || c == '[';
  }
  return false;
}

void Conn::OnAnswer() {
  const auto now = Clock::now();
  auto& res = parser_->get();
  const int status = static_cast<int>(res.result_int());
  w_.Record(now, now - t0_);
  Bump(w_.stats.answered);
  if (status >= 0 && status < 600) Bump(w_.stats.status[static_cast<size_t>(status)]);
  if (status >= 200 && status < 300) {
    const bool valid = sh_.o.expect.empty() ? LooksLikeJson(res.body())
                                            : http::JsonEqual(res.body(), sh_.o.expect);
    if (valid) {
      Bump(w_.stats.ok);
    } else {
      Bump(w_.stats.errors[static_cast<size_t>(ErrorKind::kInvalid)]);
    }
  }
  if (!res.keep_alive()) {
    beast::error_code ignored;
    socket_.close(ignored);
    connected_ = false;
    buffer_.clear();
  }
  Finish();
  Next();
}

void Conn::Fail(ErrorKind kind) {
  Bump(w_.stats.errors[static_cast<size_t>(kind)]);
  beast::error_code ignored;
  socket_.close(ignored);
  connected_ = false;
  buffer_.clear();
  Finish();
  if (kind == ErrorKind::kConnect && !open_loop()) {
    // A refusing server would otherwise make a closed loop spin; 10 ms keeps the count honest.
    timer_.expires_after(std::chrono::milliseconds(10));
    timer_.async_wait([self = shared_from_this()](beast::error_code ec) {
      if (!ec) self->Next();
    });
    return;
  }
  Next();
}

void Conn::Finish() {
  busy_ = false;
  w_.stats.in_flight.store(w_.stats.in_flight.load(std::memory_order_relaxed) - 1,
                           std::memory_order_relaxed);
}

Counts Sum(const std::vector<std::unique_ptr<Worker>>& workers) {
  Counts c;
  for (const auto& w : workers) {
    const auto& s = w->stats;
    c.sent += s.sent.load(std::memory_order_relaxed);
    c.answered += s.answered.load(std::memory_order_relaxed);
    c.ok += s.ok.load(std::memory_order_relaxed);
    for (int k = 0; k < kErrorKinds; ++k) {
      c.errors_by_kind[static_cast<size_t>(k)] +=
          s.errors[static_cast<size_t>(k)].load(std::memory_order_relaxed);
    }
    for (int code = 0; code < 600; ++code) {
      const auto n = s.status[static_cast<size_t>(code)].load(std::memory_order_relaxed);
      if (n != 0) c.by_status[code] += n;
    }
  }
  return c;
}

std::uint64_t InFlight(const std::vector<std::unique_ptr<Worker>>& workers) {
  std::uint64_t n = 0;
  for (const auto& w : workers) n += w->stats.in_flight.load(std::memory_order_relaxed);
  return n;
}

std::string Wire(const LoadOptions& o) {
  std::string w = o.method + " " + o.url.target + " HTTP/1.1\r\nHost: " + o.url.HostHeader() +
                  "\r\nUser-Agent: tfsk-stress\r\n";
  if (!o.body.empty() || o.method == "POST") {
    w += "Content-Type: application/json\r\nContent-Length: " + std::to_string(o.body.size()) +
         "\r\n";
  }
  return w + "\r\n" + o.body;
}

}  // namespace

LoadResult RunLoad(const LoadOptions& options, const TickFn& on_tick,
                   const std::atomic<bool>* interrupt) {
  LoadResult result;
  const int conns = std::max(1, options.connections);
  int threads = options.threads > 0 ? options.threads
                                    : static_cast<int>(std::thread::hardware_concurrency());
  threads = std::clamp(threads, 1, conns);
  result.threads = threads;
  result.connections = conns;
  result.requested_rate = options.rate;

  Shared sh{options, Wire(options), {}, {}, {}};
  {
    // Resolve once: the load measures the server, not the resolver.
    asio::io_context ioc;
    tcp::resolver resolver(ioc);
    beast::error_code ec;
    auto rs = resolver.resolve(options.url.host, std::to_string(options.url.port), ec);
    if (ec || rs.empty()) {
      sh.endpoint = tcp::endpoint(asio::ip::make_address("127.0.0.1"),
                                  static_cast<unsigned short>(options.url.port));
    } else {
      sh.endpoint = rs.begin()->endpoint();
    }
  }

  std::vector<std::unique_ptr<Worker>> workers;
  for (int t = 0; t < threads; ++t) workers.push_back(std::make_unique<Worker>(sh));
  sh.start = Clock::now() + std::chrono::milliseconds(5);
  // Open loop: each connection sends every conns/rate seconds, staggered by 1/rate.
  Clock::duration interval{0};
  Clock::duration stagger{0};
  if (options.rate > 0) {
    interval = std::chrono::duration_cast<Clock::duration>(
        std::chrono::duration<double>(conns / options.rate));
    stagger = std::chrono::duration_cast<Clock::duration>(
        std::chrono::duration<double>(1.0 / options.rate));
  }
  for (int i = 0; i < conns; ++i) {
    workers[static_cast<size_t>(i % threads)]->Add(interval, sh.start + stagger * i);
  }
  std::vector<std::thread> pool;
  for (auto& w : workers) pool.emplace_back([&w] { w->Run(); });

  const auto end = sh.start + options.duration;
  Counts prev;
  int second = 0;
  auto stop_at = end;
  result.stop_reason = "duration";
  auto make_tick = [&](Clock::time_point now, bool partial) {
    Tick tick;
    tick.second = second + 1;
    tick.elapsed_s = std::chrono::duration<double>(now - sh.start).count();
    tick.totals = Sum(workers);
    tick.sent = tick.totals.sent - prev.sent;
    tick.ok = tick.totals.ok - prev.ok;
    tick.errors = tick.totals.errors() - prev.errors();
    const double span = partial ? tick.elapsed_s - second : 1.0;
    tick.rps = span > 0 ? static_cast<double>(tick.totals.answered - prev.answered) / span : 0;
    Histogram h;
    for (auto& w : workers) {
      const auto slot = static_cast<size_t>(second % kRing);
      if (w->stats.ring_second[slot].load(std::memory_order_acquire) == second) {
        h.Merge(w->stats.ring[slot]);
      }
    }
    tick.p50_ms = static_cast<double>(h.Percentile(0.50)) / 1e6;
    tick.p99_ms = static_cast<double>(h.Percentile(0.99)) / 1e6;
    prev = tick.totals;
    ++second;
    return tick;
  };

  while (true) {
    const auto now = Clock::now();
    if (now >= end) break;
    if (interrupt != nullptr && interrupt->load()) {
      result.stop_reason = "interrupted";
      stop_at = now;
      break;
    }
    const auto tick_at = sh.start + std::chrono::seconds(second + 1);
    if (now >= tick_at) {
      // Read a second a little after it ended: answers completing at the boundary land first.
      Tick tick = make_tick(now, false);
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
    std::this_thread::sleep_until(std::min({tick_at + std::chrono::milliseconds(2),
                                            now + std::chrono::milliseconds(50), end}));
  }
  sh.stopping.store(true);
  const auto stopped = Clock::now();
  if (stop_at > stopped) stop_at = stopped;
  const auto grace_end = stopped + options.grace;
  while (InFlight(workers) > 0 && Clock::now() < grace_end) {
    std::this_thread::sleep_for(std::chrono::milliseconds(5));
  }
  result.unfinished = InFlight(workers);
  for (auto& w : workers) w->Stop();
  for (auto& t : pool) t.join();

  // The last, partial second (skipped when the run ended right on a tick).
  const double elapsed = std::chrono::duration<double>(stop_at - sh.start).count();
  if (elapsed > second + 0.05 || result.ticks.empty()) {
    result.ticks.push_back(make_tick(stop_at, true));
  }
  result.elapsed_s = std::max(elapsed, 1e-9);
  result.counts = Sum(workers);
  for (auto& w : workers) result.latency.Merge(w->stats.total);
  return result;
}

}  // namespace tfsk::stress
