#include "tests/support/serving_process.h"

#include <arpa/inet.h>
#include <fcntl.h>
#include <netinet/in.h>
#include <netinet/tcp.h>
#include <poll.h>
#include <signal.h>
#include <spawn.h>
#include <sys/socket.h>
#include <sys/wait.h>
#include <unistd.h>

#include <algorithm>
#include <cctype>
#include <cerrno>
#include <cstdlib>
#include <cstring>
#include <fstream>
#include <iostream>
#include <sstream>
#include <stdexcept>
#include <thread>

extern char** environ;

namespace tfsk::testing {
namespace {

using Clock = std::chrono::steady_clock;

int ConnectLoopback(int port) {
  int fd = ::socket(AF_INET, SOCK_STREAM | SOCK_CLOEXEC, 0);
  if (fd < 0) return -1;
  sockaddr_in addr{};
  addr.sin_family = AF_INET;
  addr.sin_port = htons(static_cast<std::uint16_t>(port));
  addr.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
  if (::connect(fd, reinterpret_cast<sockaddr*>(&addr), sizeof addr) != 0) {
    ::close(fd);
    return -1;
  }
  int one = 1;
  ::setsockopt(fd, IPPROTO_TCP, TCP_NODELAY, &one, sizeof one);
  return fd;
}

bool SendAll(int fd, const std::string& bytes) {
  std::size_t done = 0;
  while (done < bytes.size()) {
    ssize_t n = ::send(fd, bytes.data() + done, bytes.size() - done, MSG_NOSIGNAL);
    if (n < 0 && errno == EINTR) continue;
    if (n <= 0) return false;
    done += static_cast<std::size_t>(n);
  }
  return true;
}

// Reads until EOF or the deadline; false on timeout or error.
bool ReadToEof(int fd, std::string& out, std::chrono::milliseconds timeout) {
  const auto deadline = Clock::now() + timeout;
  char buf[16384];
  while (true) {
    auto left = std::chrono::duration_cast<std::chrono::milliseconds>(deadline - Clock::now());
    if (left.count() <= 0) return false;
    pollfd p{fd, POLLIN, 0};
    int r = ::poll(&p, 1, static_cast<int>(left.count()));
    if (r < 0 && errno == EINTR) continue;
    if (r <= 0) return false;
    ssize_t n = ::recv(fd, buf, sizeof buf, 0);
    if (n < 0 && errno == EINTR) continue;
    if (n < 0) return false;
    if (n == 0) return true;
    out.append(buf, static_cast<std::size_t>(n));
  }
}

HttpReply Parse(const std::string& raw) {
  HttpReply r;
  auto end = raw.find("\r\n\r\n");
  if (end == std::string::npos) {
    r.error = "no complete HTTP header in " + std::to_string(raw.size()) + " bytes";
    return r;
  }
  std::istringstream head(raw.substr(0, end));
  std::string line;
  std::getline(head, line);
  if (line.rfind("HTTP/1.", 0) != 0 || line.size() < 12) {
    r.error = "bad status line: " + line;
    return r;
  }
  r.status = std::stoi(line.substr(9, 3));
  while (std::getline(head, line)) {
    if (!line.empty() && line.back() == '\r') line.pop_back();
    auto colon = line.find(':');
    if (colon == std::string::npos) continue;
    std::string name = line.substr(0, colon);
    std::transform(name.begin(), name.end(), name.begin(),
                   [](unsigned char c) { return static_cast<char>(std::tolower(c)); });
    std::string value = line.substr(colon + 1);
    value.erase(0, value.find_first_not_of(' '));
    r.headers[name] = value;
  }
  r.body = raw.substr(end + 4);
  if (auto it = r.headers.find("content-length"); it != r.headers.end()) {
    auto len = static_cast<std::size_t>(std::stoull(it->second));
    if (r.body.size() > len) r.body.resize(len);
  }
  return r;
}

}  // namespace

std::filesystem::path ServingBinary() { return BuildDir() / "serving" / "tfsk-serving"; }

HttpReply HttpRequest(int port, const std::string& method, const std::string& target,
                      const std::string& body, const std::vector<std::string>& extra_headers,
                      std::chrono::milliseconds timeout) {
  HttpReply failed;
  int fd = ConnectLoopback(port);
  if (fd < 0) {
    failed.error = "connect to port " + std::to_string(port) + ": " + std::strerror(errno);
    return failed;
  }
  std::string req = method + " " + target + " HTTP/1.1\r\nHost: 127.0.0.1\r\nConnection: close\r\n";
  for (const auto& h : extra_headers) req += h + "\r\n";
  if (!body.empty() || method == "POST" || method == "PUT") {
    req +=
        "Content-Type: application/json\r\nContent-Length: " + std::to_string(body.size()) + "\r\n";
  }
  req += "\r\n" + body;
  std::string raw;
  bool ok = SendAll(fd, req) && ReadToEof(fd, raw, timeout);
  ::close(fd);
  if (!ok && raw.empty()) {
    failed.error = "exchange failed or timed out";
    return failed;
  }
  return Parse(raw);
}

RawConnection::RawConnection(int port) : fd_(ConnectLoopback(port)) {
  if (fd_ < 0) throw std::runtime_error("cannot connect to port " + std::to_string(port));
}
RawConnection::~RawConnection() {
  if (fd_ >= 0) ::close(fd_);
}
void RawConnection::Send(const std::string& bytes) {
  if (!SendAll(fd_, bytes)) throw std::runtime_error("send failed");
}
std::string RawConnection::ReadAll(std::chrono::milliseconds timeout) {
  std::string raw;
  ReadToEof(fd_, raw, timeout);
  return raw;
}

HttpReply RawConnection::ReadReply(std::chrono::milliseconds timeout) {
  std::string raw;
  ReadToEof(fd_, raw, timeout);
  return Parse(raw);
}

ServingProcess::ServingProcess(std::vector<std::string> args,
                               std::map<std::string, std::string> env,
                               std::vector<std::string> unset_env)
    : dir_(std::make_unique<TempDir>()), log_path_(dir_->path() / "server.log") {
  std::vector<std::string> envs;
  for (char** e = environ; *e != nullptr; ++e) {
    std::string kv = *e;
    std::string name = kv.substr(0, kv.find('='));
    if (env.count(name) != 0) continue;
    if (std::find(unset_env.begin(), unset_env.end(), name) != unset_env.end()) continue;
    envs.push_back(kv);
  }
  for (const auto& [k, v] : env) envs.push_back(k + "=" + v);

  std::string binary = ServingBinary().string();
  args.insert(args.begin(), binary);
  std::vector<char*> argv;
  for (auto& a : args) argv.push_back(a.data());
  argv.push_back(nullptr);
  std::vector<char*> envp;
  for (auto& e : envs) envp.push_back(e.data());
  envp.push_back(nullptr);

  posix_spawn_file_actions_t actions;
  posix_spawn_file_actions_init(&actions);
  posix_spawn_file_actions_addopen(&actions, 1, log_path_.c_str(), O_WRONLY | O_CREAT | O_TRUNC,
                                   0644);
  posix_spawn_file_actions_adddup2(&actions, 1, 2);
  posix_spawn_file_actions_addopen(&actions, 0, "/dev/null", O_RDONLY, 0);
  posix_spawnattr_t attr;
  posix_spawnattr_init(&attr);
  // Own process group (so the group can be killed), default signal mask and dispositions (the
  // test runner may block signals the server relies on).
  sigset_t empty, all;
  sigemptyset(&empty);
  sigfillset(&all);
  posix_spawnattr_setsigmask(&attr, &empty);
  posix_spawnattr_setsigdefault(&attr, &all);
  posix_spawnattr_setpgroup(&attr, 0);
  posix_spawnattr_setflags(&attr,
                           POSIX_SPAWN_SETPGROUP | POSIX_SPAWN_SETSIGMASK | POSIX_SPAWN_SETSIGDEF);
  int rc = posix_spawn(&pid_, binary.c_str(), &actions, &attr, argv.data(), envp.data());
  posix_spawn_file_actions_destroy(&actions);
  posix_spawnattr_destroy(&attr);
  if (rc != 0) {
    pid_ = -1;
    throw std::runtime_error("posix_spawn " + binary + ": " + std::strerror(rc));
  }
}

ServingProcess::~ServingProcess() {
  if (pid_ > 0 && !exit_code_) Stop(std::chrono::seconds(5));
}

std::optional<int> ServingProcess::Reap(bool block) {
  if (exit_code_ || pid_ <= 0) return exit_code_;
  int st = 0;
  pid_t r;
  do {
    r = ::waitpid(pid_, &st, block ? 0 : WNOHANG);
  } while (r < 0 && errno == EINTR);
  if (r != pid_) return std::nullopt;
  exit_code_ = WIFEXITED(st) ? WEXITSTATUS(st) : 128 + WTERMSIG(st);
  return exit_code_;
}

std::string ServingProcess::Log() const {
  std::ifstream in(log_path_);
  std::stringstream ss;
  ss << in.rdbuf();
  return ss.str();
}

bool ServingProcess::WaitForLog(const std::string& needle, std::chrono::milliseconds timeout) {
  const auto deadline = Clock::now() + timeout;
  while (Clock::now() < deadline) {
    if (Log().find(needle) != std::string::npos) return true;
    std::this_thread::sleep_for(std::chrono::milliseconds(10));
  }
  return Log().find(needle) != std::string::npos;
}

bool ServingProcess::WaitUntilServing(std::chrono::milliseconds timeout) {
  static const std::string kLine = "Exporting HTTP/REST API at:0.0.0.0:";
  const auto deadline = Clock::now() + timeout;
  while (Clock::now() < deadline) {
    std::string log = Log();
    if (auto at = log.find(kLine); at != std::string::npos) {
      port_ = std::atoi(log.c_str() + at + kLine.size());
      if (port_ > 0) return true;
    }
    if (Reap(false)) break;
    std::this_thread::sleep_for(std::chrono::milliseconds(5));
  }
  std::cout << "tfsk-serving did not start serving (exit "
            << (exit_code_ ? std::to_string(*exit_code_) : "none") << "); its log:\n"
            << Log() << std::endl;
  return false;
}

std::optional<int> ServingProcess::WaitForExit(std::chrono::milliseconds timeout) {
  const auto deadline = Clock::now() + timeout;
  while (true) {
    if (auto c = Reap(false)) return c;
    if (Clock::now() >= deadline) return std::nullopt;
    std::this_thread::sleep_for(std::chrono::milliseconds(5));
  }
}

void ServingProcess::Signal(int sig) {
  if (pid_ > 0 && !exit_code_) ::kill(pid_, sig);
}

int ServingProcess::Stop(std::chrono::milliseconds grace) {
  if (pid_ <= 0) return -1;
  if (exit_code_) return *exit_code_;
  ::kill(pid_, SIGTERM);
  if (auto c = WaitForExit(grace)) return *c;
  std::cout << "tfsk-serving ignored SIGTERM for " << grace.count() << " ms; killing. Log:\n"
            << Log() << std::endl;
  ::kill(-pid_, SIGKILL);
  return Reap(true).value_or(-1);
}

}  // namespace tfsk::testing
