// SocketReader: see socket_reader.h for why. The drain-aware path is an operation of Asio's own
// epoll reactor (boost/asio/detail), so it is compiled only for the Boost version whose
// internals it was written against; any other build uses socket.async_read_some.

#include "serving/net/socket_reader.h"

#include <sys/socket.h>

#include <cerrno>

#include <boost/asio/error.hpp>
#include <boost/asio/execution/context.hpp>
#include <boost/asio/query.hpp>
#include <boost/version.hpp>

#if BOOST_VERSION == 108100 && defined(BOOST_ASIO_HAS_EPOLL) && \
    !defined(BOOST_ASIO_HAS_IO_URING_AS_DEFAULT)
#define TFSK_DRAIN_AWARE_READ 1
#include <boost/asio/detail/reactor.hpp>
#include <boost/asio/detail/reactor_op.hpp>
#else
#define TFSK_DRAIN_AWARE_READ 0
#endif

namespace tfsk::serving::net::internal {

namespace asio = boost::asio;
using tcp = asio::ip::tcp;

#if TFSK_DRAIN_AWARE_READ

namespace {

// The socket's registration with the reactor lives in basic_socket's protected implementation;
// a pointer to member formed through a derived class is the sanctioned way to reach it.
struct SocketImplAccess : tcp::socket {
  static asio::detail::reactor::per_descriptor_data& ReactorData(tcp::socket& s) {
    return (s.*&SocketImplAccess::impl_).get_implementation().reactor_data_;
  }
};

}  // namespace

// One reactor operation per connection, reused for every read: the reactor calls Perform when
// it wants the read tried (at once, or after an EPOLLIN edge) and the scheduler calls Complete
// when it is done. Complete gets owner == nullptr when the io_context is destroyed with the
// read still queued: then only the connection is released.
struct SocketReader::Op : asio::detail::reactor_op {
  Op() : reactor_op(boost::system::error_code(), &Perform, &Complete) {}

  static status Perform(reactor_op* base) {
    Op* op = static_cast<Op*>(base);
    for (;;) {
      const ssize_t n = ::recv(op->fd, op->data, op->size, 0);
      if (n > 0) {
        op->bytes_transferred_ = static_cast<std::size_t>(n);
        // Fewer bytes than asked: the receive queue is empty now, and any byte that arrives
        // later raises a new edge. Telling the reactor lets the next read skip its recv attempt.
        return op->bytes_transferred_ < op->size ? done_and_exhausted : done;
      }
      if (n == 0) {
        op->ec_ = asio::error::eof;
        return done_and_exhausted;
      }
      if (errno == EINTR) continue;
      if (errno == EAGAIN || errno == EWOULDBLOCK) {
        ++op->empty_attempts;
        return not_done;
      }
      op->ec_ = boost::system::error_code(errno, boost::system::system_category());
      return done;
    }
  }

  static void Complete(void* owner, asio::detail::operation* base,
                       const boost::system::error_code& /*reactor's*/, std::size_t /*unused*/) {
    Op* op = static_cast<Op*>(base);
    // Moved out first: the callback may start the next read on this same Op, and releasing the
    // last reference destroys the connection, and with it this Op.
    std::shared_ptr<void> keep = std::move(op->keep);
    if (owner == nullptr) return;
    op->callback(op->target, op->ec_, op->bytes_transferred_);
  }

  asio::detail::reactor* reactor = nullptr;  // the socket's io_context's, looked up once
  int fd = -1;
  void* data = nullptr;
  std::size_t size = 0;
  std::shared_ptr<void> keep;
  Callback callback = nullptr;
  void* target = nullptr;
  std::size_t empty_attempts = 0;
};

SocketReader::SocketReader() : op_(std::make_unique<Op>()) {}

void SocketReader::Read(tcp::socket& socket, asio::mutable_buffer into, std::shared_ptr<void> keep,
                        Callback callback, void* target) {
  Op& op = *op_;
  if (op.reactor == nullptr) {
    op.reactor = &asio::use_service<asio::detail::reactor>(
        asio::query(socket.get_executor(), asio::execution::context));
  }
  if (socket.is_open() && !socket.non_blocking()) {
    boost::system::error_code ignored;
    socket.non_blocking(true, ignored);  // Perform's recv must not block the thread
  }
  op.fd = socket.native_handle();
  op.data = into.data();
  op.size = into.size();
  op.ec_ = {};
  op.bytes_transferred_ = 0;
  op.keep = std::move(keep);
  op.callback = callback;
  op.target = target;
  // A closed socket has no reactor data: start_op then completes with bad_descriptor.
  op.reactor->start_op(asio::detail::reactor::read_op, op.fd, SocketImplAccess::ReactorData(socket),
                       &op, /*is_continuation=*/false, /*allow_speculative=*/true);
}

bool SocketReader::DrainAware() { return true; }

std::size_t SocketReader::empty_attempts() const { return op_->empty_attempts; }

#else  // the public API

struct SocketReader::Op {};

SocketReader::SocketReader() = default;

void SocketReader::Read(tcp::socket& socket, asio::mutable_buffer into, std::shared_ptr<void> keep,
                        Callback callback, void* target) {
  socket.async_read_some(
      into, [keep = std::move(keep), callback, target](boost::system::error_code ec,
                                                       std::size_t n) { callback(target, ec, n); });
}

bool SocketReader::DrainAware() { return false; }

std::size_t SocketReader::empty_attempts() const { return 0; }

#endif

SocketReader::~SocketReader() = default;

}  // namespace tfsk::serving::net::internal
