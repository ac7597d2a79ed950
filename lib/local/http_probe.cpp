#include "lib/local/http_probe.h"

#include <arpa/inet.h>
#include <netinet/in.h>
#include <poll.h>
#include <sys/socket.h>
#include <unistd.h>

#include <boost/json.hpp>

#include <cerrno>
#include <cstdlib>
#include <cstring>

namespace tfsk::local {
namespace {

class Fd {
 public:
  explicit Fd(int fd) : fd_(fd) {}
  ~Fd() {
    if (fd_ >= 0) ::close(fd_);
  }
  Fd(const Fd&) = delete;
  Fd& operator=(const Fd&) = delete;
  int get() const { return fd_; }

 private:
  int fd_;
};

sockaddr_in Loopback(int port) {
  sockaddr_in addr{};
  addr.sin_family = AF_INET;
  addr.sin_port = htons(static_cast<std::uint16_t>(port));
  addr.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
  return addr;
}

}  // namespace

StatusOr<HttpAnswer> HttpGet(int port, const std::string& path, std::chrono::milliseconds timeout) {
  const auto deadline = std::chrono::steady_clock::now() + timeout;
  auto left_ms = [&] {
    auto ms = std::chrono::duration_cast<std::chrono::milliseconds>(deadline - std::chrono::steady_clock::now());
    return static_cast<int>(std::max<std::int64_t>(0, ms.count()));
  };
  Fd sock(::socket(AF_INET, SOCK_STREAM | SOCK_CLOEXEC | SOCK_NONBLOCK, 0));
  if (sock.get() < 0) return Unavailable(std::string("socket: ") + std::strerror(errno));
  const sockaddr_in addr = Loopback(port);
  const std::string where = "127.0.0.1:" + std::to_string(port);
  if (::connect(sock.get(), reinterpret_cast<const sockaddr*>(&addr), sizeof addr) != 0) {
    if (errno != EINPROGRESS) return Unavailable(where + ": " + std::strerror(errno));
    pollfd p{sock.get(), POLLOUT, 0};
    if (::poll(&p, 1, left_ms()) <= 0) return Unavailable(where + ": connect timed out");
    int err = 0;
    socklen_t len = sizeof err;
    ::getsockopt(sock.get(), SOL_SOCKET, SO_ERROR, &err, &len);
    if (err != 0) return Unavailable(where + ": " + std::strerror(err));
  }
  const std::string request = "GET " + path + " HTTP/1.1\r\nHost: " + where +
                              "\r\nConnection: close\r\nAccept: application/json\r\n\r\n";
  std::size_t sent = 0;
  while (sent < request.size()) {
    pollfd p{sock.get(), POLLOUT, 0};
    if (::poll(&p, 1, left_ms()) <= 0) return Unavailable(where + ": send timed out");
    const ssize_t n = ::send(sock.get(), request.data() + sent, request.size() - sent, MSG_NOSIGNAL);
    if (n < 0 && (errno == EAGAIN || errno == EINTR)) continue;
    if (n <= 0) return Unavailable(where + ": " + std::strerror(errno));
    sent += static_cast<std::size_t>(n);
  }
  std::string raw;
  char buf[4096];
  while (true) {
    pollfd p{sock.get(), POLLIN, 0};
    if (::poll(&p, 1, left_ms()) <= 0) return Unavailable(where + ": no answer in time");
    const ssize_t n = ::recv(sock.get(), buf, sizeof buf, 0);
    if (n < 0 && (errno == EAGAIN || errno == EINTR)) continue;
    if (n < 0) return Unavailable(where + ": " + std::strerror(errno));
    if (n == 0) break;
    raw.append(buf, static_cast<std::size_t>(n));
  }
  // "HTTP/1.1 200 OK\r\n...\r\n\r\nbody"
  if (raw.rfind("HTTP/1.", 0) != 0 || raw.size() < 12) return DataLoss(where + ": not an HTTP answer");
  HttpAnswer answer;
  answer.status = std::atoi(raw.c_str() + 9);
  const auto body = raw.find("\r\n\r\n");
  if (body != std::string::npos) answer.body = raw.substr(body + 4);
  return answer;
}

bool PortBusy(int port) {
  Fd sock(::socket(AF_INET, SOCK_STREAM | SOCK_CLOEXEC, 0));
  if (sock.get() < 0) return false;
  // SO_REUSEADDR so a port only in TIME_WAIT (a server just stopped) does not count as busy.
  int one = 1;
  ::setsockopt(sock.get(), SOL_SOCKET, SO_REUSEADDR, &one, sizeof one);
  sockaddr_in addr{};
  addr.sin_family = AF_INET;
  addr.sin_port = htons(static_cast<std::uint16_t>(port));
  addr.sin_addr.s_addr = htonl(INADDR_ANY);
  return ::bind(sock.get(), reinterpret_cast<const sockaddr*>(&addr), sizeof addr) != 0 &&
         errno == EADDRINUSE;
}

std::string ModelStateFromJson(const std::string& body) {
  std::error_code ec;
  boost::json::value v = boost::json::parse(body, ec);
  if (ec || !v.is_object()) return "";
  const auto* list = v.as_object().if_contains("model_version_status");
  if (list == nullptr || !list->is_array()) return "";
  std::string best_state;
  long long best_version = -1;
  for (const auto& entry : list->as_array()) {
    if (!entry.is_object()) continue;
    const auto* state = entry.as_object().if_contains("state");
    const auto* version = entry.as_object().if_contains("version");
    if (state == nullptr || !state->is_string()) continue;
    long long ver = 0;
    if (version != nullptr && version->is_string()) ver = std::atoll(version->as_string().c_str());
    if (ver > best_version) {
      best_version = ver;
      best_state = std::string(state->as_string());
    }
  }
  return best_state;
}

}  // namespace tfsk::local
