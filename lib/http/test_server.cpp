#include "lib/http/test_server.h"

#include <arpa/inet.h>
#include <netinet/in.h>
#include <netinet/tcp.h>
#include <poll.h>
#include <sys/socket.h>
#include <unistd.h>

#include <cstring>
#include <mutex>
#include <thread>
#include <vector>

namespace tfsk::http {
namespace {

const char* Reason(int status) {
  switch (status) {
    case 200: return "OK";
    case 400: return "Bad Request";
    case 404: return "Not Found";
    case 500: return "Internal Server Error";
    case 503: return "Service Unavailable";
    default: return "Status";
  }
}

int Listen(int* port) {
  int fd = ::socket(AF_INET, SOCK_STREAM, 0);
  int one = 1;
  ::setsockopt(fd, SOL_SOCKET, SO_REUSEADDR, &one, sizeof one);
  sockaddr_in addr{};
  addr.sin_family = AF_INET;
  addr.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
  addr.sin_port = 0;
  ::bind(fd, reinterpret_cast<sockaddr*>(&addr), sizeof addr);
  ::listen(fd, 512);
  socklen_t len = sizeof addr;
  ::getsockname(fd, reinterpret_cast<sockaddr*>(&addr), &len);
  *port = ntohs(addr.sin_port);
  return fd;
}

}  // namespace

struct TestServer::Impl {
  Handler handler;
  int listen_fd = -1;
  int port = 0;
  std::atomic<bool> stopping{false};
  std::atomic<long long> requests{0};
  std::thread acceptor;
  std::mutex mu;
  std::vector<std::thread> threads;
  std::vector<int> fds;

  void Serve(int fd) {
    std::string buf;
    char chunk[16384];
    while (!stopping) {
      size_t head_end;
      while ((head_end = buf.find("\r\n\r\n")) == std::string::npos) {
        ssize_t n = ::recv(fd, chunk, sizeof chunk, 0);
        if (n <= 0) return;
        buf.append(chunk, static_cast<size_t>(n));
      }
      std::string head = buf.substr(0, head_end);
      size_t length = 0;
      for (const char* key : {"Content-Length:", "content-length:"}) {
        auto p = head.find(key);
        if (p != std::string::npos) length = std::stoul(head.substr(p + std::strlen(key)));
      }
      while (buf.size() < head_end + 4 + length) {
        ssize_t n = ::recv(fd, chunk, sizeof chunk, 0);
        if (n <= 0) return;
        buf.append(chunk, static_cast<size_t>(n));
      }
      TestRequest req;
      const auto sp1 = head.find(' ');
      const auto sp2 = head.find(' ', sp1 + 1);
      req.method = head.substr(0, sp1);
      req.target = head.substr(sp1 + 1, sp2 - sp1 - 1);
      req.body = buf.substr(head_end + 4, length);
      buf.erase(0, head_end + 4 + length);
      ++requests;
      TestReply reply = handler(req);
      if (reply.delay.count() > 0) {
        // Sleep in slices so the destructor does not wait for long injected delays.
        auto until = std::chrono::steady_clock::now() + reply.delay;
        while (!stopping && std::chrono::steady_clock::now() < until) {
          std::this_thread::sleep_for(std::chrono::milliseconds(5));
        }
      }
      if (reply.drop || stopping) return;
      std::string out = "HTTP/1.1 " + std::to_string(reply.status) + " " + Reason(reply.status) +
                        "\r\nContent-Type: application/json\r\nContent-Length: " +
                        std::to_string(reply.body.size()) + "\r\n" +
                        (reply.close_after ? "Connection: close\r\n" : "") + "\r\n" + reply.body;
      size_t off = 0;
      while (off < out.size()) {
        ssize_t n = ::send(fd, out.data() + off, out.size() - off, MSG_NOSIGNAL);
        if (n <= 0) return;
        off += static_cast<size_t>(n);
      }
      if (reply.close_after) return;
    }
  }
};

TestServer::TestServer(Handler handler) : impl_(std::make_unique<Impl>()) {
  impl_->handler = std::move(handler);
  impl_->listen_fd = Listen(&impl_->port);
  impl_->acceptor = std::thread([impl = impl_.get()] {
    while (!impl->stopping) {
      pollfd p{impl->listen_fd, POLLIN, 0};
      if (::poll(&p, 1, 20) <= 0) continue;
      int fd = ::accept(impl->listen_fd, nullptr, nullptr);
      if (fd < 0) continue;
      int one = 1;
      ::setsockopt(fd, IPPROTO_TCP, TCP_NODELAY, &one, sizeof one);
      std::lock_guard<std::mutex> lock(impl->mu);
      impl->fds.push_back(fd);
      impl->threads.emplace_back([impl, fd] {
        impl->Serve(fd);
        ::shutdown(fd, SHUT_RDWR);
      });
    }
  });
}

TestServer::~TestServer() {
  impl_->stopping = true;
  impl_->acceptor.join();
  {
    std::lock_guard<std::mutex> lock(impl_->mu);
    for (int fd : impl_->fds) ::shutdown(fd, SHUT_RDWR);
  }
  for (auto& t : impl_->threads) t.join();
  for (int fd : impl_->fds) ::close(fd);
  ::close(impl_->listen_fd);
}

int TestServer::port() const { return impl_->port; }
std::string TestServer::url() const { return "http://127.0.0.1:" + std::to_string(port()); }
long long TestServer::requests() const { return impl_->requests; }

int RefusedPort() {
  int port = 0;
  int fd = Listen(&port);
  ::close(fd);
  return port;
}

}  // namespace tfsk::http
