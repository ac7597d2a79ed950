#pragma once
// Internal to serving/net: the Beast/Asio types shared by http_server.cpp and
// http_connection.cpp. Never include from outside this folder (keeps heavy headers out of the
// rest of the build).

#include <atomic>
#include <memory>
#include <optional>
#include <unordered_set>

#include <boost/asio/executor_work_guard.hpp>
#include <boost/asio/io_context.hpp>
#include <boost/asio/ip/tcp.hpp>
#include <boost/asio/steady_timer.hpp>
#include <boost/beast/core/error.hpp>
#include <boost/beast/core/flat_buffer.hpp>

#include "serving/net/http_server.h"

namespace tfsk::serving::net::internal {

namespace asio = boost::asio;
namespace beast = boost::beast;
using tcp = asio::ip::tcp;

class Connection;

/// What every connection of a server reads: immutable after Start() except `stopping`.
struct ServerShared {
  HttpServerOptions options;
  Handler handler;
  std::atomic<bool> stopping{false};
  void Log(const std::string& line) const;
};

/// One worker thread's world. Only that thread touches `acceptor` and `connections` (other
/// threads post to `ioc`).
struct Worker {
  // Declared first so it outlives `ioc`: destroying the io_context destroys pending handlers,
  // and with them connections that unregister themselves here.
  std::unordered_set<Connection*> connections;
  asio::io_context ioc{1};  // concurrency hint 1: no internal locking needed
  std::optional<tcp::acceptor> acceptor;
  std::optional<asio::steady_timer> accept_retry;
  std::optional<asio::executor_work_guard<asio::io_context::executor_type>> work;
};

/// Creates a connection on `worker` (must run on the worker's thread) and starts reading.
void StartConnection(ServerShared& shared, Worker& worker, tcp::socket socket);

/// Asks every connection of `worker` to wind down (runs on the worker's thread): idle ones close
/// now, busy ones after their current response.
void StopConnections(Worker& worker);

}  // namespace tfsk::serving::net::internal
