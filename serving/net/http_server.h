#pragma once
// tfsk-serving's HTTP/1.1 server (Boost.Beast/Asio underneath, hidden in the .cpp files).
//
// Design (see the shared performance notes): N worker threads, each with its own io_context
// (concurrency hint 1, no strands) and its own acceptor bound to the same port with SO_REUSEPORT,
// so the kernel spreads connections and no state is shared between threads. When SO_REUSEPORT is
// unavailable, one acceptor hands connections round-robin to the workers. Each connection keeps
// its read buffer and response object for its whole life (keep-alive), so a request costs no heap
// allocation beyond its body strings.
//
// Typical use (the main):
//   HttpServer server(options, handler);
//   if (Status s = server.Start(); !s.ok()) ...;    // listening when this returns
//   WaitForTerminationSignal();                       // serving/net/signals.h
//   server.Stop();                                    // graceful: in-flight requests finish

#include <chrono>
#include <cstddef>
#include <memory>
#include <string>

#include "lib/base/status.h"
#include "serving/net/http_types.h"

namespace tfsk::serving::net {

/// Fixed at construction.
struct HttpServerOptions {
  std::string address = "0.0.0.0";
  int port = 0;         ///< 0: an ephemeral port, see HttpServer::port()
  int num_threads = 1;  ///< worker threads (>= 1); --rest_api_num_threads
  /// Larger bodies get 413 and the connection is closed. Applies after gunzip too.
  std::size_t max_body_bytes = std::size_t{256} << 20;
  std::size_t max_header_bytes = std::size_t{64} << 10;  ///< larger headers get 431 and close
  /// Time allowed from the moment the server waits for a request (including keep-alive idle
  /// time) until its header is complete; then the connection is dropped without an answer.
  std::chrono::milliseconds header_timeout{std::chrono::seconds(60)};
  /// Time allowed to receive the body once the header is complete; then the connection is
  /// dropped.
  std::chrono::milliseconds body_timeout{std::chrono::seconds(60)};
  /// Time allowed to send a response; then the connection is dropped.
  std::chrono::milliseconds write_timeout{std::chrono::seconds(60)};
  bool reuse_port = true;       ///< false forces the single shared acceptor
  bool gunzip_requests = true;  ///< decode bodies with Content-Encoding containing "gzip"
  LogFn log;                    ///< default: stderr
};

/// Thread-safety: Start() once, from one thread; Stop(), port() and Wait() from any thread.
/// The handler is copied and must stay valid until Stop() returns.
class HttpServer {
 public:
  HttpServer(HttpServerOptions options, Handler handler);
  /// Stops (gracefully, default grace) if still running.
  ~HttpServer();
  HttpServer(const HttpServer&) = delete;
  HttpServer& operator=(const HttpServer&) = delete;

  /// Binds, listens and starts the worker threads. On return the port accepts connections.
  /// Errors: UNAVAILABLE "binding <addr>:<port>: <reason>" (port in use, bad address, ...).
  Status Start();

  /// The bound port (the real one when options.port was 0); 0 before Start().
  int port() const;

  /// True when SO_REUSEPORT could not be used and one acceptor feeds all workers.
  bool uses_shared_acceptor() const;

  /// Graceful shutdown: stops accepting, closes idle keep-alive connections, lets requests that
  /// are being received, handled or sent finish (answered with Connection: close), then joins
  /// the workers. Connections still waiting on the network after `grace` are cut; a handler that
  /// is still running cannot be interrupted and is waited for. A connection that got its last
  /// answer is drained for up to 2 s so the client reads it before the close. Idempotent (a second
  /// concurrent call returns at once; use Wait()); safe from any thread except a handler's.
  void Stop(std::chrono::milliseconds grace = std::chrono::seconds(30));

  /// Blocks until the server has stopped (after Stop() from another thread).
  void Wait();

 private:
  struct Impl;
  std::unique_ptr<Impl> impl_;
};

}  // namespace tfsk::serving::net
