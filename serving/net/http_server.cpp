// Acceptors, worker threads and shutdown. See http_server.h for the design.

#include "serving/net/http_server.h"

#include <sys/socket.h>

#include <condition_variable>
#include <iostream>
#include <mutex>
#include <thread>
#include <vector>

#include <boost/asio/post.hpp>

#include "serving/net/http_internal.h"

namespace tfsk::serving::net {

namespace internal {

void ServerShared::Log(const std::string& line) const {
  if (options.log) {
    options.log(line);
  } else {
    std::cerr << line + "\n";
  }
}

}  // namespace internal

using namespace internal;  // NOLINT(google-build-using-namespace): this file is the adapter

struct HttpServer::Impl {
  ServerShared shared;
  std::vector<std::unique_ptr<Worker>> workers;
  std::vector<std::thread> threads;
  int port = 0;
  bool shared_acceptor = false;
  std::size_t next_worker = 0;  // round-robin in shared-acceptor mode (accepting thread only)

  std::mutex mu;
  std::condition_variable cv;
  int running = 0;  // worker threads still inside run()
  bool started = false;
  bool stopped = false;
  bool joined = false;

  /// Opens and binds worker.acceptor; listens unless `listen` is false (the port probe).
  Status Bind(Worker& worker, const tcp::endpoint& endpoint, bool reuse_port, bool listen = true);
  void Accept(Worker& from);
  void OnAccept(Worker& from, Worker& to, beast::error_code ec, tcp::socket socket);
  Worker& NextWorker(Worker& from);
};

Status HttpServer::Impl::Bind(Worker& worker, const tcp::endpoint& endpoint, bool reuse_port,
                              bool listen) {
  beast::error_code ec;
  tcp::acceptor& a = worker.acceptor.emplace(worker.ioc);
  const auto fail = [&](const char* what) {
    worker.acceptor.reset();
    return Unavailable("binding " + endpoint.address().to_string() + ":" +
                       std::to_string(endpoint.port()) + ": " + what + ": " + ec.message());
  };
  if (a.open(endpoint.protocol(), ec)) return fail("open");
  if (a.set_option(asio::socket_base::reuse_address(true), ec)) return fail("SO_REUSEADDR");
  if (reuse_port) {
    int one = 1;
    if (::setsockopt(a.native_handle(), SOL_SOCKET, SO_REUSEPORT, &one, sizeof(one)) != 0) {
      ec.assign(errno, boost::system::system_category());
      return fail("SO_REUSEPORT");
    }
  }
  if (a.bind(endpoint, ec)) return fail("bind");
  if (!listen) return OkStatus();
  if (a.listen(asio::socket_base::max_listen_connections, ec)) return fail("listen");
  return OkStatus();
}

Worker& HttpServer::Impl::NextWorker(Worker& from) {
  if (!shared_acceptor) return from;
  Worker& w = *workers[next_worker];
  next_worker = (next_worker + 1) % workers.size();
  return w;
}

void HttpServer::Impl::Accept(Worker& from) {
  Worker& to = NextWorker(from);
  // The new socket belongs to the io_context of the worker that will serve it.
  from.acceptor->async_accept(to.ioc, [this, &from, &to](beast::error_code ec, tcp::socket s) {
    OnAccept(from, to, ec, std::move(s));
  });
}

void HttpServer::Impl::OnAccept(Worker& from, Worker& to, beast::error_code ec,
                                tcp::socket socket) {
  if (ec == asio::error::operation_aborted || !from.acceptor || !from.acceptor->is_open()) return;
  if (ec) {
    // E.g. EMFILE: back off briefly instead of spinning on the error.
    shared.Log("HTTP accept failed: " + ec.message());
    from.accept_retry.emplace(from.ioc, std::chrono::milliseconds(50));
    from.accept_retry->async_wait([this, &from](beast::error_code wec) {
      if (!wec && from.acceptor && from.acceptor->is_open()) Accept(from);
    });
    return;
  }
  if (&to == &from) {
    StartConnection(shared, to, std::move(socket));
  } else {
    asio::post(to.ioc, [this, &to, s = std::move(socket)]() mutable {
      StartConnection(shared, to, std::move(s));
    });
  }
  Accept(from);
}

HttpServer::HttpServer(HttpServerOptions options, Handler handler)
    : impl_(std::make_unique<Impl>()) {
  impl_->shared.options = std::move(options);
  impl_->shared.handler = std::move(handler);
}

HttpServer::~HttpServer() { Stop(); }

Status HttpServer::Start() {
  Impl& m = *impl_;
  const HttpServerOptions& o = m.shared.options;
  if (m.started) return FailedPrecondition("HTTP server already started");
  beast::error_code ec;
  const asio::ip::address address = asio::ip::make_address(o.address, ec);
  if (ec) return InvalidArgument("bad listen address '" + o.address + "': " + ec.message());
  const int n = std::max(1, o.num_threads);
  for (int i = 0; i < n; ++i) m.workers.push_back(std::make_unique<Worker>());

  // SO_REUSEPORT would silently share a port with another server of the same user (a second
  // tfsk-serving on 8501 would get half the connections); TF Serving fails with "address in
  // use" instead, so check with a plain socket first. Binding is enough to find a holder
  // (Linux refuses the bind); the probe must not listen, or a client that connects in that
  // moment (a readiness poller) lands in its backlog and is reset when the probe closes.
  if (o.port != 0 && o.reuse_port && n > 1) {
    Worker probe;
    TFSK_RETURN_IF_ERROR(m.Bind(probe, tcp::endpoint(address, static_cast<unsigned short>(o.port)),
                                false, /*listen=*/false));
  }
  // First acceptor decides the port (o.port may be 0); the others join it with SO_REUSEPORT.
  Status first = m.Bind(*m.workers[0], tcp::endpoint(address, static_cast<unsigned short>(o.port)),
                        o.reuse_port && n > 1);
  if (!first.ok() && o.reuse_port && n > 1) {
    first =
        m.Bind(*m.workers[0], tcp::endpoint(address, static_cast<unsigned short>(o.port)), false);
  }
  if (!first.ok()) {
    m.workers.clear();
    return first;
  }
  m.port = m.workers[0]->acceptor->local_endpoint().port();
  const tcp::endpoint endpoint(address, static_cast<unsigned short>(m.port));
  m.shared_acceptor = !(o.reuse_port && n > 1);
  for (int i = 1; i < n && !m.shared_acceptor; ++i) {
    if (Status s = m.Bind(*m.workers[i], endpoint, true); !s.ok()) {
      m.shared.Log("SO_REUSEPORT unavailable, using one shared acceptor: " + s.message());
      m.shared_acceptor = true;
      for (int j = 1; j < i; ++j) m.workers[j]->acceptor.reset();
    }
  }

  for (auto& w : m.workers) {
    w->work.emplace(w->ioc.get_executor());
    if (w->acceptor) m.Accept(*w);
  }
  std::lock_guard lock(m.mu);
  m.started = true;
  m.running = n;
  for (auto& w : m.workers) {
    m.threads.emplace_back([this, worker = w.get()] {
      worker->ioc.run();
      std::lock_guard done(impl_->mu);
      --impl_->running;
      impl_->cv.notify_all();
    });
  }
  return OkStatus();
}

int HttpServer::port() const { return impl_->port; }

bool HttpServer::uses_shared_acceptor() const { return impl_->shared_acceptor; }

void HttpServer::Stop(std::chrono::milliseconds grace) {
  Impl& m = *impl_;
  {
    std::unique_lock lock(m.mu);
    if (!m.started || m.stopped) return;
    m.stopped = true;
  }
  m.shared.stopping = true;
  for (auto& w : m.workers) {
    asio::post(w->ioc, [worker = w.get()] {
      beast::error_code ec;
      if (worker->acceptor) worker->acceptor->close(ec);
      if (worker->accept_retry) worker->accept_retry->cancel();
      worker->work.reset();  // run() returns once the last connection is gone
      StopConnections(*worker);
    });
  }
  {
    std::unique_lock lock(m.mu);
    if (!m.cv.wait_for(lock, grace, [&] { return m.running == 0; })) {
      m.shared.Log("HTTP server: connections still busy after the grace period; closing them");
      for (auto& w : m.workers) w->ioc.stop();
    }
  }
  for (std::thread& t : m.threads) t.join();
  std::lock_guard lock(m.mu);
  m.joined = true;
  m.cv.notify_all();
}

void HttpServer::Wait() {
  Impl& m = *impl_;
  std::unique_lock lock(m.mu);
  m.cv.wait(lock, [&] { return !m.started || m.joined; });
}

}  // namespace tfsk::serving::net
