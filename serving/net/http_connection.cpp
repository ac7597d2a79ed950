// One keep-alive HTTP connection: read header -> (100 Continue) -> read body -> handler ->
// write -> repeat. Runs entirely on its worker's thread; no strand, no locks.

#include <array>

#include <boost/asio/post.hpp>
#include <boost/asio/write.hpp>
#include <boost/beast/core/read_size.hpp>
#include <boost/beast/http/error.hpp>

#include "lib/base/coarse_clock.h"
#include "serving/net/gzip.h"
#include "serving/net/http_internal.h"
#include "serving/net/request_reader.h"
#include "serving/net/response_header.h"
#include "serving/net/socket_reader.h"

namespace tfsk::serving::net::internal {

namespace http = beast::http;

class Connection : public std::enable_shared_from_this<Connection> {
 public:
  Connection(ServerShared& shared, Worker& worker, tcp::socket socket)
      : shared_(shared),
        worker_(worker),
        socket_(std::move(socket)),
        timer_(socket_.get_executor()) {
    worker_.connections.insert(this);
  }
  ~Connection() { worker_.connections.erase(this); }

  void Run() { ReadHeader(); }

  // Graceful stop: a connection waiting for a request that has not started closes now; one in
  // the middle of a request finishes it (ReadHeader/keep-alive check `stopping` afterwards).
  void OnStop() {
    if (phase_ == Phase::kReadingHeader && !parser_->got_some() && buffer_.size() == 0) {
      beast::error_code ec;
      socket_.close(ec);  // the pending read completes with operation_aborted
    }
  }

 private:
  enum class Phase { kReadingHeader, kReadingBody, kHandling, kWriting, kClosing };

  void ReadHeader() {
    if (shared_.stopping) return Close();
    phase_ = Phase::kReadingHeader;
    parser_.emplace(request_);  // single-use, like every Beast parser
    parser_->header_limit(static_cast<std::uint32_t>(shared_.options.max_header_bytes));
    parser_->body_limit(shared_.options.max_body_bytes);
    ExpiresAfter(shared_.options.header_timeout);
    Parse();
  }

  // Feeds what is buffered to the parser and reads from the socket only when it needs more.
  // Beast's async_read_header/async_read do the same through composed operations whose
  // completions go through the scheduler even when the bytes are already here (a request's
  // body usually arrives with its header, a pipelined request with the previous one): a tenth
  // of a small request's instructions. The parser is not eager, so put() stops after the
  // header and OnHeader can answer "Expect: 100-continue" before the body is read.
  void Parse() {
    while (buffer_.size() > 0) {
      beast::error_code ec;
      const std::size_t used = parser_->put(buffer_.data(), ec);
      buffer_.consume(used);
      if (ec == http::error::need_more) break;
      if (ec) return OnReadError(ec);
      if (phase_ == Phase::kReadingHeader && parser_->is_header_done()) return OnHeader();
      if (parser_->is_done()) return Handle();
      if (used == 0) break;
    }
    reader_.Read(socket_, buffer_.prepare(beast::read_size(buffer_, kReadChunk)),
                 shared_from_this(), &Connection::OnRead, this);
  }

  static void OnRead(void* target, beast::error_code ec, std::size_t n) {
    auto* self = static_cast<Connection*>(target);
    // End of stream, a reset, or a timeout or stop closing the socket: a request cut short gets
    // no answer, as with Beast's own read.
    if (ec) return self->Close();
    self->inline_depth_ = 0;
    self->buffer_.commit(n);
    self->Parse();
  }

  void OnHeader() {
    phase_ = Phase::kReadingBody;
    ExpiresAfter(shared_.options.body_timeout);
    if (parser_->is_done()) return Handle();
    if (parser_->expects_continue()) {
      // curl sends this for bodies over 1 KiB and waits a second unless told to go on.
      static constexpr std::string_view kContinue = "HTTP/1.1 100 Continue\r\n\r\n";
      ExpiresAfter(shared_.options.write_timeout);
      asio::async_write(socket_, asio::buffer(kContinue.data(), kContinue.size()),
                        [self = shared_from_this()](beast::error_code wec, std::size_t) {
                          if (wec) return self->Close();
                          self->ExpiresAfter(self->shared_.options.body_timeout);
                          self->Parse();
                        });
      return;
    }
    Parse();
  }

  // A parse error (socket errors close in Parse). Limits get their status; anything else
  // malformed in the request line or headers is a 400.
  void OnReadError(beast::error_code ec) {
    if (ec == http::error::body_limit) return SendError(413, "Payload Too Large");
    if (ec == http::error::header_limit) return SendError(431, "Request Header Fields Too Large");
    SendError(400, "Bad Request");
  }

  void Handle() {
    phase_ = Phase::kHandling;
    deadline_ = kNoDeadline;
    // The reader has filled request_ (method, target, the header values, the body).
    const bool keep_alive = parser_->keep_alive();
    // Answer HTTP/1.0 in kind, so a 1.0 keep-alive client (ab -k) gets "Connection: keep-alive".
    version_ = parser_->version() == 10 ? 10 : 11;
    const bool head = parser_->method() == http::verb::head;

    if (shared_.options.gunzip_requests &&
        request_.content_encoding.find("gzip") != std::string::npos) {
      StatusOr<std::string> plain = Gunzip(request_.body, shared_.options.max_body_bytes);
      if (!plain.ok()) {
        return plain.status().code() == Code::kResourceExhausted
                   ? SendError(413, "Payload Too Large")
                   : SendError(400, plain.status().message());
      }
      request_.body = std::move(plain).value();
    }

    Response response;
    try {
      response = shared_.handler(request_);
    } catch (const std::exception& e) {
      shared_.Log(std::string("HTTP handler threw: ") + e.what());
      response = Response{500, "", "", {}, false};
    }
    // The body's buffer is reused by the next request, unless a large request grew it: an idle
    // connection should not pin megabytes.
    request_.body.clear();
    if (request_.body.capacity() > kKeptBodyCapacity) std::string().swap(request_.body);
    Send(std::move(response), keep_alive, head);
  }

  void SendError(int status, const std::string& text) {
    version_ = 11;
    Response r{status, "text/plain", text + "\n", {}, true};
    Send(std::move(r), /*keep_alive=*/false, /*head=*/false);
  }

  void Send(Response&& response, bool keep_alive, bool head) {
    phase_ = Phase::kWriting;
    close_after_write_ = response.close || !keep_alive || shared_.stopping;
    body_ = std::move(response.body);
    if (StatusHasNoBody(response.status)) body_.clear();
    BuildResponseHeader(header_, response, version_, !close_after_write_, body_.size());
    // HEAD keeps the Content-Length of the GET answer and sends no body.
    if (head) body_.clear();
    // An answer usually fits the socket's send buffer: write it now (the socket is
    // non-blocking) and go on without a round trip through the scheduler, which an async_write
    // costs even when it completes at once. What does not fit is written asynchronously.
    std::array<asio::const_buffer, 2> buffers{asio::buffer(header_), asio::buffer(body_)};
    beast::error_code ec;
    std::size_t written = socket_.write_some(buffers, ec);
    if (ec == asio::error::would_block || ec == asio::error::try_again) {
      ec = {};
      written = 0;
    }
    if (ec) return Close();
    if (written == header_.size() + body_.size()) return OnWritten();
    if (written < header_.size()) {
      buffers[0] += written;
    } else {
      buffers = {asio::const_buffer(), asio::buffer(body_) + (written - header_.size())};
    }
    ExpiresAfter(shared_.options.write_timeout);
    asio::async_write(socket_, buffers,
                      [self = shared_from_this()](beast::error_code wec, std::size_t) {
                        if (wec) return self->Close();
                        self->inline_depth_ = 0;
                        self->OnWritten();
                      });
  }

  void OnWritten() {
    if (close_after_write_) return LingeringClose();
    // Answering in line means pipelined requests already buffered recurse (Parse -> Handle ->
    // Send -> here); past a few levels the next one starts from the scheduler instead.
    if (++inline_depth_ > kMaxInlineDepth) {
      inline_depth_ = 0;
      asio::post(socket_.get_executor(), [self = shared_from_this()] { self->ReadHeader(); });
      return;
    }
    ReadHeader();
  }

  // After answering with Connection: close while the client may still be sending (e.g. a 413),
  // closing at once would reset the connection and could destroy the answer before the client
  // reads it. Half-close, drain what arrives for a short while, then close.
  void LingeringClose() {
    phase_ = Phase::kClosing;
    beast::error_code ec;
    socket_.shutdown(tcp::socket::shutdown_send, ec);
    if (ec) return Close();
    ExpiresAfter(std::chrono::seconds(2));
    Drain();
  }

  void Drain() {
    buffer_.clear();
    socket_.async_read_some(buffer_.prepare(16384),
                            [self = shared_from_this()](beast::error_code ec, std::size_t) {
                              if (ec || self->drained_++ > 64) return self->Close();
                              self->Drain();
                            });
  }

  // Timeouts without a timer operation per read or write (beast::tcp_stream armed and cancelled
  // one for every operation, a tenth of a request's instructions): each phase only moves
  // deadline_. One timer per connection checks it when it fires and re-arms for the new deadline
  // if that moved later; it is re-armed at once only when a deadline moves earlier than its
  // expiry (a long header timeout followed by a short body timeout). A timeout closes the
  // socket, so the pending read or write completes with an error and the connection closes.
  // The coarse clock (a few ns, ≤ one tick behind) is enough for timeouts of 100 ms and more:
  // a deadline may come a tick early. OnTimer reads the precise clock, which the timer itself
  // uses, or a deadline a tick ahead of the coarse reading would re-arm the timer in a loop.
  void ExpiresAfter(std::chrono::steady_clock::duration timeout) {
    deadline_ = CoarseSteadyNow() + timeout;
    if (!timer_armed_ || deadline_ < timer_expiry_) ArmTimer();
  }

  void ArmTimer() {
    timer_armed_ = true;
    timer_expiry_ = deadline_;
    timer_.expires_at(deadline_);  // cancels a pending wait: its handler sees operation_aborted
    timer_.async_wait([self = shared_from_this()](beast::error_code ec) { self->OnTimer(ec); });
  }

  void OnTimer(beast::error_code ec) {
    if (ec) return;  // cancelled: re-armed (a newer wait is pending) or closing
    timer_armed_ = false;
    if (!socket_.is_open() || deadline_ == kNoDeadline) return;  // next ExpiresAfter re-arms
    if (std::chrono::steady_clock::now() < deadline_) return ArmTimer();
    beast::error_code ignored;
    socket_.close(ignored);  // the pending operation completes with operation_aborted
  }

  void Close() {
    phase_ = Phase::kClosing;
    timer_.cancel();  // lets the connection go now, not when the timer would have fired
    beast::error_code ec;
    socket_.shutdown(tcp::socket::shutdown_both, ec);
    socket_.close(ec);
  }

  static constexpr std::size_t kReadChunk = 65536;  // at most per read, as Beast's own reads
  static constexpr std::size_t kKeptBodyCapacity = 65536;
  static constexpr int kMaxInlineDepth = 16;

  ServerShared& shared_;
  Worker& worker_;
  static constexpr std::chrono::steady_clock::time_point kNoDeadline =
      std::chrono::steady_clock::time_point::max();

  tcp::socket socket_;
  SocketReader reader_;  // reads socket_ (see socket_reader.h)
  asio::steady_timer timer_;  // checks deadline_; see ExpiresAfter
  std::chrono::steady_clock::time_point deadline_ = kNoDeadline;
  std::chrono::steady_clock::time_point timer_expiry_;  // when the pending wait fires
  bool timer_armed_ = false;
  beast::flat_buffer buffer_;            // reused for the connection's life
  Request request_;                      // reused: strings keep their capacity
  std::optional<RequestReader> parser_;  // writes into request_ (declared after it)
  std::string header_;                   // the answer's header bytes, reused
  std::string body_;                     // the answer's body, kept alive until the write completes
  Phase phase_ = Phase::kReadingHeader;
  unsigned version_ = 11;  // HTTP version of the answer: 10 or 11
  bool close_after_write_ = false;
  int drained_ = 0;
  int inline_depth_ = 0;  // answers written in line since the last scheduler turn
};

void StartConnection(ServerShared& shared, Worker& worker, tcp::socket socket) {
  beast::error_code ec;
  socket.set_option(tcp::no_delay(true), ec);
  socket.non_blocking(true, ec);  // Send writes in line first; Asio's async operations still work
  std::make_shared<Connection>(shared, worker, std::move(socket))->Run();
}

void StopConnections(Worker& worker) {
  // OnStop may close a socket, whose handler later erases from the set: copy first.
  std::vector<Connection*> connections(worker.connections.begin(), worker.connections.end());
  for (Connection* c : connections) c->OnStop();
}

}  // namespace tfsk::serving::net::internal
