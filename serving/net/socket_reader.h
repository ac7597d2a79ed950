#pragma once
// Internal to serving/net: a connection's reads from its socket, without the failed recv that
// tcp::socket::async_read_some costs on every keep-alive request.
//
// Asio's epoll reactor tries a read at once ("speculatively") before it waits for epoll, unless
// the last read on the socket told it the socket is drained. Its own reads say so only at end
// of stream. For a request/response connection that attempt is nearly always wasted: the
// answer has just gone out, so the client's next request cannot be there yet, and the recv
// fails with EAGAIN — a system call (~1.2 µs here, ~9 % of a small predict's CPU time) per
// request. SocketReader's read reports "drained" whenever recv returns fewer bytes than asked
// (the receive queue was empty at that moment), so the next read waits for the next EPOLLIN
// edge, which epoll raises for any byte that arrives after. A pipelined request already in the
// connection's buffer needs no read at all (the connection parses its buffer first).
//
// Where the reactor is not Boost 1.81's epoll_reactor (other platforms or Boost versions, which
// may lay out their internals differently), reads fall back to socket.async_read_some.

#include <cstddef>
#include <memory>

#include <boost/asio/buffer.hpp>
#include <boost/asio/ip/tcp.hpp>
#include <boost/beast/core/error.hpp>

namespace tfsk::serving::net::internal {

/// One pending read at a time on one socket, owned by the connection that reads.
class SocketReader {
 public:
  /// Called on the socket's io_context thread with the read's outcome (an error, or n > 0
  /// bytes; end of stream is boost::asio::error::eof).
  using Callback = void (*)(void* target, boost::beast::error_code ec, std::size_t n);

  SocketReader();
  ~SocketReader();
  SocketReader(const SocketReader&) = delete;
  SocketReader& operator=(const SocketReader&) = delete;

  /// Reads at most `into.size()` bytes from `socket` (open, non-blocking, its io_context run by
  /// one thread) and calls `callback(target, ...)` from that io_context, never from inside
  /// Read. `keep` (the connection) is held until then, and released without a call if the
  /// io_context is destroyed first. Closing the socket completes a pending read with
  /// operation_aborted. Only one read may be pending.
  void Read(boost::asio::ip::tcp::socket& socket, boost::asio::mutable_buffer into,
            std::shared_ptr<void> keep, Callback callback, void* target);

  /// True when reads go through the drain-aware reactor operation (false: the fallback).
  static bool DrainAware();

  /// How many recv attempts of this reader found nothing to read (EAGAIN) so far. A read that
  /// follows a drained one and waits for the next edge makes none; the fallback's reads
  /// cannot be counted and report 0.
  std::size_t empty_attempts() const;

 private:
  struct Op;
  std::unique_ptr<Op> op_;
};

}  // namespace tfsk::serving::net::internal
