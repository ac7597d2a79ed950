// The connection state machine and its worker thread: the only Beast/Asio translation unit of
// lib/stress.
//
// Hot-path design: each worker thread owns an io_context (concurrency hint 1: no internal
// locking), its connections and its counters (load_stats.h). Requests are serialized once and
// written as raw bytes. Timeouts use one sweeping timer per thread (every 20 ms) instead of a
// timer per request, which keeps the per-request cost to one write and one read.
#include "lib/stress/load_worker.h"

#include <boost/asio/io_context.hpp>
#include <boost/asio/ip/tcp.hpp>
#include <boost/asio/steady_timer.hpp>
#include <boost/asio/write.hpp>
#include <boost/beast/core/flat_buffer.hpp>
#include <boost/beast/http.hpp>

#include <optional>
#include <vector>

#include "lib/stress/load_wire.h"

namespace tfsk::stress {
namespace {

namespace asio = boost::asio;
namespace beast = boost::beast;
namespace bhttp = boost::beast::http;
using tcp = asio::ip::tcp;
using Clock = std::chrono::steady_clock;

// One keep-alive connection. Every callback holds a shared_ptr to it, so it outlives the
// operations in flight when the worker stops.
class Conn : public std::enable_shared_from_this<Conn> {
 public:
  Conn(WorkerStats& stats, const RunShared& sh, const tcp::endpoint& endpoint,
       asio::io_context& ioc, Clock::duration interval, Clock::time_point first)
      : stats_(stats),
        sh_(sh),
        endpoint_(endpoint),
        socket_(ioc),
        timer_(ioc),
        interval_(interval),
        next_(first) {}

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

  WorkerStats& stats_;
  const RunShared& sh_;
  const tcp::endpoint& endpoint_;
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
  deadline_ = now + sh_.options.timeout;
  Bump(stats_.sent);
  Bump(stats_.in_flight);
  if (connected_) {
    Write();
  } else {
    Connect();
  }
}

void Conn::Connect() {
  socket_.async_connect(endpoint_, [self = shared_from_this()](beast::error_code ec) {
    if (ec) return self->Fail(self->timed_out_ ? ErrorKind::kTimeout : ErrorKind::kConnect);
    self->connected_ = true;
    beast::error_code ignored;
    self->socket_.set_option(tcp::no_delay(true), ignored);
    self->Write();
  });
}

void Conn::Write() {
  asio::async_write(
      socket_, asio::buffer(sh_.wire), [self = shared_from_this()](beast::error_code ec, size_t) {
        if (ec) {
          return self->Fail(self->timed_out_ ? ErrorKind::kTimeout : ErrorKind::kReset);
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
                          ec == asio::error::connection_reset || ec == asio::error::broken_pipe ||
                          ec == bhttp::error::partial_message) {
                        return self->Fail(ErrorKind::kReset);
                      }
                      self->Fail(ErrorKind::kInvalid);  // not HTTP
                    });
}

void Conn::OnAnswer() {
  const auto now = Clock::now();
  auto& res = parser_->get();
  const int status = static_cast<int>(res.result_int());
  stats_.RecordLatency(std::chrono::duration_cast<std::chrono::seconds>(now - sh_.start).count(),
                       std::chrono::duration_cast<std::chrono::nanoseconds>(now - t0_));
  Bump(stats_.answered);
  if (status >= 0 && status < kStatusCodes) Bump(stats_.status[static_cast<size_t>(status)]);
  if (status >= 200 && status < 300) {
    if (AnswerValid(res.body(), sh_.options.expect)) {
      Bump(stats_.ok);
    } else {
      Bump(stats_.errors[static_cast<size_t>(ErrorKind::kInvalid)]);
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
  Bump(stats_.errors[static_cast<size_t>(kind)]);
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
  Drop(stats_.in_flight);
}

}  // namespace

class LoadWorker::Impl {
 public:
  explicit Impl(RunShared& sh)
      : sh_(sh),
        endpoint_(asio::ip::make_address(sh.address),
                  static_cast<unsigned short>(sh.options.url.port)),
        ioc_(1),
        sweeper_(ioc_) {}

  void Add(Clock::duration interval, Clock::time_point first) {
    conns_.push_back(std::make_shared<Conn>(stats, sh_, endpoint_, ioc_, interval, first));
  }
  void Run() {
    for (auto& c : conns_) c->Start();
    Sweep();
    ioc_.run();
  }
  void Stop() { ioc_.stop(); }

  WorkerStats stats;

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

  RunShared& sh_;
  tcp::endpoint endpoint_;
  asio::io_context ioc_;
  asio::steady_timer sweeper_;
  std::vector<std::shared_ptr<Conn>> conns_;
};

LoadWorker::LoadWorker(RunShared& shared) : impl_(std::make_unique<Impl>(shared)) {}
LoadWorker::~LoadWorker() = default;
void LoadWorker::Add(Clock::duration interval, Clock::time_point first) {
  impl_->Add(interval, first);
}
void LoadWorker::Run() { impl_->Run(); }
void LoadWorker::Stop() { impl_->Stop(); }
const WorkerStats& LoadWorker::stats() const { return impl_->stats; }

std::string ResolveAddress(const http::Url& url) {
  asio::io_context ioc;
  tcp::resolver resolver(ioc);
  beast::error_code ec;
  auto rs = resolver.resolve(url.host, std::to_string(url.port), ec);
  if (ec || rs.empty()) return "127.0.0.1";
  return rs.begin()->endpoint().address().to_string();
}

}  // namespace tfsk::stress
