#include "lib/local/daemon.h"

#include <fcntl.h>
#include <signal.h>
#include <sys/wait.h>
#include <unistd.h>

#include <cerrno>
#include <cstring>
#include <fstream>
#include <iterator>
#include <thread>

namespace tfsk::local {

StatusOr<pid_t> SpawnDaemon(const std::vector<std::string>& argv,
                            const std::filesystem::path& log) {
  if (argv.empty()) return InvalidArgument("nothing to start");
  const int log_fd = ::open(log.c_str(), O_WRONLY | O_CREAT | O_APPEND | O_CLOEXEC, 0644);
  if (log_fd < 0) return Internal("cannot open " + log.string() + ": " + std::strerror(errno));
  // The child reports a failed exec through this pipe; a successful exec closes it (CLOEXEC).
  int report[2];
  if (::pipe2(report, O_CLOEXEC) != 0) {
    ::close(log_fd);
    return Internal(std::string("pipe: ") + std::strerror(errno));
  }
  std::vector<char*> args;
  for (const auto& a : argv) args.push_back(const_cast<char*>(a.c_str()));
  args.push_back(nullptr);

  const pid_t pid = ::fork();
  if (pid < 0) {
    const std::string why = std::strerror(errno);
    ::close(log_fd);
    ::close(report[0]);
    ::close(report[1]);
    return Internal("fork: " + why);
  }
  if (pid == 0) {
    // Child: only async-signal-safe calls until exec.
    ::setsid();
    const int null_fd = ::open("/dev/null", O_RDONLY);
    if (null_fd >= 0) ::dup2(null_fd, STDIN_FILENO);
    ::dup2(log_fd, STDOUT_FILENO);
    ::dup2(log_fd, STDERR_FILENO);
    ::signal(SIGPIPE, SIG_DFL);
    ::execv(args[0], args.data());
    const int err = errno;
    [[maybe_unused]] ssize_t n = ::write(report[1], &err, sizeof err);
    ::_exit(127);
  }
  ::close(log_fd);
  ::close(report[1]);
  int child_errno = 0;
  ssize_t n = 0;
  do {
    n = ::read(report[0], &child_errno, sizeof child_errno);
  } while (n < 0 && errno == EINTR);
  ::close(report[0]);
  if (n > 0) {
    ::waitpid(pid, nullptr, 0);
    return Internal("cannot start " + argv[0] + ": " + std::strerror(child_errno));
  }
  return pid;
}

bool ProcessAlive(pid_t pid) {
  if (pid <= 0) return false;
  // Our own child that exited stays a zombie (kill(0) succeeds) until reaped.
  int status = 0;
  if (::waitpid(pid, &status, WNOHANG) == pid) return false;
  if (::kill(pid, 0) != 0 && errno == ESRCH) return false;
  std::ifstream stat("/proc/" + std::to_string(pid) + "/stat");
  std::string line;
  if (std::getline(stat, line)) {
    const auto close = line.rfind(')');
    if (close != std::string::npos && close + 2 < line.size() && line[close + 2] == 'Z') {
      return false;
    }
  }
  return true;
}

bool ProcessLooksLike(pid_t pid, const std::string& name) {
  if (!ProcessAlive(pid)) return false;
  std::ifstream in("/proc/" + std::to_string(pid) + "/cmdline", std::ios::binary);
  if (!in) return true;  // no /proc: trust the pid
  const std::string cmdline((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
  return cmdline.find(name) != std::string::npos;
}

bool StopProcessGroup(pid_t pgid, std::chrono::milliseconds grace) {
  if (pgid <= 0) return false;
  ::kill(-pgid, SIGTERM);
  const auto deadline = std::chrono::steady_clock::now() + grace;
  while (std::chrono::steady_clock::now() < deadline) {
    if (!ProcessAlive(pgid)) return false;
    std::this_thread::sleep_for(std::chrono::milliseconds(50));
  }
  ::kill(-pgid, SIGKILL);
  for (int i = 0; i < 100 && ProcessAlive(pgid); ++i) {
    std::this_thread::sleep_for(std::chrono::milliseconds(20));
  }
  return true;
}

}  // namespace tfsk::local
