#include "serving/net/socket_reader.h"

#include <doctest/doctest.h>

#include <chrono>
#include <memory>
#include <string>

#include <boost/asio/connect.hpp>
#include <boost/asio/io_context.hpp>
#include <boost/asio/write.hpp>

namespace tfsk::serving::net::internal {
namespace {

namespace asio = boost::asio;
using tcp = asio::ip::tcp;

// A connected pair on loopback: `server` is read through SocketReader, `client` writes with
// plain blocking calls.
struct Pair {
  explicit Pair(asio::io_context& ioc) : server(ioc), client(ioc) {
    tcp::acceptor acceptor(ioc, tcp::endpoint(asio::ip::make_address("127.0.0.1"), 0));
    client.connect(acceptor.local_endpoint());
    acceptor.accept(server);
    server.non_blocking(true);
  }
  void Send(const std::string& bytes) { asio::write(client, asio::buffer(bytes)); }
  tcp::socket server;
  tcp::socket client;
};

struct Outcome {
  bool called = false;
  boost::system::error_code ec;
  std::string bytes;
};

struct Reading {
  char buf[64];
  Outcome out;
  static void OnRead(void* target, boost::system::error_code ec, std::size_t n) {
    auto* r = static_cast<Reading*>(target);
    r->out.called = true;
    r->out.ec = ec;
    r->out.bytes.assign(r->buf, n);
  }
  // Starts a read of at most `size` bytes and runs the io_context until it completes.
  Outcome ReadNow(SocketReader& reader, asio::io_context& ioc, tcp::socket& s, std::size_t size) {
    out = {};
    reader.Read(s, asio::buffer(buf, size), nullptr, &Reading::OnRead, this);
    ioc.restart();
    while (!out.called && ioc.run_one_for(std::chrono::seconds(5)) > 0) {
    }
    return out;
  }
};

TEST_CASE("SocketReader: after a drained read the next one waits for epoll, not for recv") {
  asio::io_context ioc{1};
  Pair p(ioc);
  SocketReader reader;
  Reading r;

  // Nothing sent yet: the first read tries recv once (EAGAIN), then waits for the edge.
  r.out = {};
  reader.Read(p.server, asio::buffer(r.buf, sizeof r.buf), nullptr, &Reading::OnRead, &r);
  ioc.poll();
  CHECK_FALSE(r.out.called);
  const std::size_t first = reader.empty_attempts();
  if (SocketReader::DrainAware()) CHECK(first == 1);
  p.Send("hello");
  while (!r.out.called && ioc.run_one_for(std::chrono::seconds(5)) > 0) {
  }
  REQUIRE(r.out.called);
  CHECK_FALSE(r.out.ec);
  CHECK(r.out.bytes == "hello");

  // "hello" was fewer bytes than asked: the socket was drained, so the next read goes straight
  // to the reactor's queue. The client's next bytes raise the edge that completes it.
  r.out = {};
  reader.Read(p.server, asio::buffer(r.buf, sizeof r.buf), nullptr, &Reading::OnRead, &r);
  ioc.restart();
  ioc.poll();
  CHECK_FALSE(r.out.called);
  p.Send("world");
  ioc.restart();
  while (!r.out.called && ioc.run_one_for(std::chrono::seconds(5)) > 0) {
  }
  REQUIRE(r.out.called);
  CHECK(r.out.bytes == "world");
  CHECK(reader.empty_attempts() == first);  // no recv before the edge
}

TEST_CASE("SocketReader: a read that fills its buffer leaves the rest for the next, at once") {
  asio::io_context ioc{1};
  Pair p(ioc);
  SocketReader reader;
  Reading r;
  p.Send("0123456789");
  std::string got;
  for (int i = 0; i < 3; ++i) {
    const Outcome o = r.ReadNow(reader, ioc, p.server, 4);
    REQUIRE(o.called);
    REQUIRE_FALSE(o.ec);
    got += o.bytes;
  }
  CHECK(got == "0123456789");
  CHECK(reader.empty_attempts() == 0);  // the data was there for each read
}

TEST_CASE("SocketReader: end of stream and a closed socket") {
  asio::io_context ioc{1};
  Reading r;
  SUBCASE("the peer's shutdown reads as eof") {
    Pair p(ioc);
    SocketReader reader;
    p.client.shutdown(tcp::socket::shutdown_send);
    const Outcome o = r.ReadNow(reader, ioc, p.server, sizeof r.buf);
    REQUIRE(o.called);
    CHECK(o.ec == asio::error::eof);
  }
  SUBCASE("closing the socket completes a pending read with operation_aborted") {
    Pair p(ioc);
    SocketReader reader;
    r.out = {};
    reader.Read(p.server, asio::buffer(r.buf, sizeof r.buf), nullptr, &Reading::OnRead, &r);
    ioc.poll();
    REQUIRE_FALSE(r.out.called);
    p.server.close();
    ioc.restart();
    while (!r.out.called && ioc.run_one_for(std::chrono::seconds(5)) > 0) {
    }
    REQUIRE(r.out.called);
    CHECK(r.out.ec == asio::error::operation_aborted);
  }
  SUBCASE("a read of a closed socket fails, from the io_context, not inside Read") {
    Pair p(ioc);
    SocketReader reader;
    p.server.close();
    r.out = {};
    reader.Read(p.server, asio::buffer(r.buf, sizeof r.buf), nullptr, &Reading::OnRead, &r);
    CHECK_FALSE(r.out.called);
    ioc.restart();
    ioc.poll();
    REQUIRE(r.out.called);
    CHECK(r.out.ec);
  }
}

// The server's shape: a connection owns its socket and reader and is kept alive only by its
// pending read; destroying the io_context must free it without calling back.
struct Conn {
  explicit Conn(asio::io_context& ioc) : pair(ioc) {}
  Pair pair;
  SocketReader reader;
  char buf[16];
};

TEST_CASE("SocketReader: destroying the io_context releases a reading connection, no call") {
  auto ioc = std::make_unique<asio::io_context>(1);
  bool called = false;
  std::weak_ptr<Conn> watch;
  {
    auto conn = std::make_shared<Conn>(*ioc);
    watch = conn;
    conn->reader.Read(
        conn->pair.server, asio::buffer(conn->buf), conn,
        [](void* target, boost::system::error_code, std::size_t) {
          *static_cast<bool*>(target) = true;
        },
        &called);
  }
  ioc->poll();
  REQUIRE_FALSE(watch.expired());  // the pending read holds it
  ioc.reset();
  CHECK(watch.expired());
  CHECK_FALSE(called);
}

}  // namespace
}  // namespace tfsk::serving::net::internal
