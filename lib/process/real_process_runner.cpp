// The real ProcessRunner. This is the only file that includes Boost.Process (and through it
// Boost.Asio): those headers are heavy, and one place keeps the platform details together.
//
// Every child runs in its own process group, so a timeout or Stop() also reaches what the child
// itself started (kubectl's exec'd version-matched binary, minikube's ssh tunnels).

#include <signal.h>
#include <sys/wait.h>
#include <unistd.h>

#include <array>
#include <atomic>
#include <cerrno>
#include <condition_variable>
#include <cstdlib>
#include <deque>
#include <filesystem>
#include <mutex>
#include <thread>

#include <boost/asio.hpp>
#include <boost/process.hpp>
#include <boost/process/extend.hpp>

#include "lib/process/child_registry.h"
#include "lib/process/process_runner.h"

namespace tfsk {
namespace {

namespace bp = boost::process;
namespace asio = boost::asio;
using Clock = std::chrono::steady_clock;

int DecodeWaitStatus(int raw) {
  if (WIFEXITED(raw)) return WEXITSTATUS(raw);
  if (WIFSIGNALED(raw)) return 128 + WTERMSIG(raw);
  return raw;
}

// tfsk ignores SIGPIPE (see MakeRealProcessRunner); ignored dispositions survive exec, so give
// the child the defaults back, and an empty signal mask.
void ResetChildSignals() {
  ::signal(SIGPIPE, SIG_DFL);
  ::signal(SIGINT, SIG_DFL);
  ::signal(SIGTERM, SIG_DFL);
  sigset_t none;
  sigemptyset(&none);
  ::sigprocmask(SIG_SETMASK, &none, nullptr);
}

std::string PathFor(const RunOptions& options) {
  auto it = options.env.find("PATH");
  if (it != options.env.end()) return it->second;
  const char* path = std::getenv("PATH");
  return path != nullptr ? path : "/usr/local/bin:/usr/bin:/bin";
}

bp::environment ChildEnvironment(const RunOptions& options) {
  bp::environment env = boost::this_process::environment();
  for (const auto& [key, value] : options.env) env[key] = value;
  for (const auto& key : options.env_remove) env.erase(key);
  return env;
}

std::string WorkingDir(const RunOptions& options) {
  return options.cwd.empty() ? std::filesystem::current_path().string() : options.cwd;
}

struct Resolved {
  std::string exe;
  std::vector<std::string> args;
};

StatusOr<Resolved> Resolve(const Argv& argv, const RunOptions& options) {
  if (argv.empty() || argv[0].empty()) return InvalidArgument("empty command line");
  auto exe = FindProgram(argv[0], PathFor(options));
  if (!exe) return NotFound(argv[0] + ": command not found on PATH");
  return Resolved{*exe, std::vector<std::string>(argv.begin() + 1, argv.end())};
}

// Appends everything read from an async pipe to `sink` until EOF or error, then calls `done`.
struct PipeReader {
  bp::async_pipe& pipe;
  std::string& sink;
  std::function<void()> done;
  std::array<char, 8192> buf{};

  void Next() {
    pipe.async_read_some(asio::buffer(buf), [this](const boost::system::error_code& ec,
                                                   std::size_t n) {
      sink.append(buf.data(), n);
      if (ec) {
        done();
        return;
      }
      Next();
    });
  }
};

// A Start()ed child: two reader threads drain stdout (split into lines) and stderr (kept whole).
class RealChild : public ChildProcess {
 public:
  explicit RealChild(Argv argv) : argv_(std::move(argv)) {}
  RealChild(const RealChild&) = delete;
  RealChild& operator=(const RealChild&) = delete;
  ~RealChild() override { Stop(std::chrono::seconds(2)); }

  Status Spawn(const Resolved& r, const RunOptions& options) {
    std::error_code ec;
    child_ = bp::child(bp::exe = r.exe, bp::args = r.args, bp::std_in < bp::null,
                       bp::std_out > out_, bp::std_err > err_, ChildEnvironment(options),
                       bp::start_dir = WorkingDir(options), group_,
                       bp::extend::on_exec_setup = [](auto&) { ResetChildSignals(); }, ec);
    if (ec) return Internal("starting `" + FormatArgv(argv_) + "`: " + ec.message());
    running_ = true;
    RegisterChildGroup(child_.id());
    out_thread_ = std::thread([this] { Drain(out_.pipe().native_source(), true); });
    err_thread_ = std::thread([this] { Drain(err_.pipe().native_source(), false); });
    return OkStatus();
  }

  StatusOr<std::string> ReadLine(std::chrono::milliseconds timeout) override {
    std::unique_lock<std::mutex> lock(mu_);
    cv_.wait_for(lock, timeout, [this] { return !lines_.empty() || out_closed_; });
    if (!lines_.empty()) {
      std::string line = std::move(lines_.front());
      lines_.pop_front();
      return line;
    }
    if (out_closed_) return OutOfRange("`" + FormatArgv(argv_) + "` closed its stdout");
    return DeadlineExceeded("no line from `" + FormatArgv(argv_) + "` within " +
                            std::to_string(timeout.count()) + " ms");
  }

  std::string StderrText() override {
    std::lock_guard<std::mutex> lock(mu_);
    return err_text_;
  }

  bool Running() override { return !WaitFor(std::chrono::milliseconds(0)); }

  StatusOr<int> Wait(std::chrono::milliseconds timeout) override {
    if (!WaitFor(timeout)) {
      return DeadlineExceeded("`" + FormatArgv(argv_) + "` still running after " +
                              std::to_string(timeout.count()) + " ms");
    }
    return exit_code_;
  }

  int Stop(std::chrono::milliseconds grace) override {
    if (running_) {
      for (int sig : {SIGINT, SIGTERM}) {
        Signal(sig);
        if (WaitFor(grace)) break;
      }
      if (running_) {
        Signal(SIGKILL);
        std::error_code ec;
        child_.wait(ec);
        exit_code_ = DecodeWaitStatus(child_.native_exit_code());
        running_ = false;
      }
    }
    // The leader is gone; whatever it left in its group (ssh tunnels) goes too, which also
    // closes the pipes so the readers can finish.
    if (child_.valid()) {
      ::killpg(child_.id(), SIGKILL);
      UnregisterChildGroup(child_.id());
      group_.detach();
    }
    if (out_thread_.joinable()) out_thread_.join();
    if (err_thread_.joinable()) err_thread_.join();
    return exit_code_;
  }

  const Argv& argv() const override { return argv_; }

 private:
  void Signal(int sig) {
    if (running_) ::killpg(child_.id(), sig);
  }

  // True once the child has exited (reaping it); polls because waitpid has no timeout.
  bool WaitFor(std::chrono::milliseconds timeout) {
    if (!running_) return true;
    auto deadline = Clock::now() + timeout;
    for (;;) {
      std::error_code ec;
      if (!child_.running(ec) || ec) {
        exit_code_ = DecodeWaitStatus(child_.native_exit_code());
        running_ = false;
        return true;
      }
      if (Clock::now() >= deadline) return false;
      std::this_thread::sleep_for(std::chrono::milliseconds(10));
    }
  }

  void Drain(int fd, bool is_stdout) {
    std::array<char, 4096> buf{};
    std::string partial;
    for (;;) {
      ssize_t n = ::read(fd, buf.data(), buf.size());
      if (n < 0 && errno == EINTR) continue;
      if (n <= 0) break;
      std::lock_guard<std::mutex> lock(mu_);
      if (!is_stdout) {
        err_text_.append(buf.data(), static_cast<std::size_t>(n));
        continue;
      }
      partial.append(buf.data(), static_cast<std::size_t>(n));
      std::size_t nl;
      while ((nl = partial.find('\n')) != std::string::npos) {
        std::string line = partial.substr(0, nl);
        if (!line.empty() && line.back() == '\r') line.pop_back();
        lines_.push_back(std::move(line));
        partial.erase(0, nl + 1);
      }
      cv_.notify_all();
    }
    std::lock_guard<std::mutex> lock(mu_);
    if (is_stdout) {
      if (!partial.empty()) lines_.push_back(partial);
      out_closed_ = true;
      cv_.notify_all();
    }
  }

  Argv argv_;
  bp::group group_;
  bp::ipstream out_;
  bp::ipstream err_;
  bp::child child_;
  bool running_ = false;
  int exit_code_ = -1;

  std::mutex mu_;
  std::condition_variable cv_;
  std::deque<std::string> lines_;
  bool out_closed_ = false;
  std::string err_text_;
  std::thread out_thread_;
  std::thread err_thread_;
};

class RealProcessRunner : public ProcessRunner {
 public:
  StatusOr<ProcessResult> Run(const Argv& argv, std::string_view stdin_text,
                              const RunOptions& options) override {
    TFSK_ASSIGN_OR_RETURN(Resolved r, Resolve(argv, options));
    asio::io_context ioc;
    bp::async_pipe out_pipe(ioc), err_pipe(ioc), in_pipe(ioc);
    bp::group group;
    std::error_code ec;
    bp::child child(bp::exe = r.exe, bp::args = r.args, bp::std_in < in_pipe,
                    bp::std_out > out_pipe, bp::std_err > err_pipe, ChildEnvironment(options),
                    bp::start_dir = WorkingDir(options), group,
                    bp::extend::on_exec_setup = [](auto&) { ResetChildSignals(); }, ec);
    if (ec) return Internal("running `" + FormatArgv(argv) + "`: " + ec.message());
    RegisterChildGroup(child.id());

    const bool limited = options.timeout.count() > 0;
    const auto deadline = Clock::now() + options.timeout;
    bool timed_out = false;
    auto kill_group = [&] {
      timed_out = true;
      std::error_code ignored;
      group.terminate(ignored);
    };

    ProcessResult result;
    asio::steady_timer timer(ioc);
    int open_streams = 2;
    auto stream_done = [&] {
      if (--open_streams == 0) timer.cancel();
    };
    PipeReader out_reader{out_pipe, result.out, stream_done};
    PipeReader err_reader{err_pipe, result.err, stream_done};
    out_reader.Next();
    err_reader.Next();

    std::string input(stdin_text);
    if (input.empty()) {
      in_pipe.close();
    } else {
      // A child that exits without reading makes this fail with EPIPE; that is not our error.
      asio::async_write(in_pipe, asio::buffer(input),
                        [&](const boost::system::error_code&, std::size_t) { in_pipe.close(); });
    }
    if (limited) {
      timer.expires_at(deadline);
      timer.async_wait([&](const boost::system::error_code& wait_ec) {
        if (!wait_ec) kill_group();
      });
    }
    ioc.run();

    // The streams are closed; the child may still be finishing (or may have closed them early).
    if (!limited) {
      child.wait(ec);
    } else {
      while (child.running(ec) && !ec) {
        if (Clock::now() >= deadline) {
          kill_group();
          child.wait(ec);
          break;
        }
        std::this_thread::sleep_for(std::chrono::milliseconds(5));
      }
    }
    UnregisterChildGroup(child.id());
    // Without detach, ~group would kill what the child left running on purpose (a daemon).
    group.detach();
    if (timed_out) {
      return DeadlineExceeded("`" + FormatArgv(argv) + "` did not finish within " +
                              std::to_string(options.timeout.count()) + " ms and was killed" +
                              (result.err.empty() ? "" : "; stderr:\n" + TailLines(result.err, 10)));
    }
    result.exit_code = DecodeWaitStatus(child.native_exit_code());
    return result;
  }

  StatusOr<std::unique_ptr<ChildProcess>> Start(const Argv& argv,
                                                const RunOptions& options) override {
    TFSK_ASSIGN_OR_RETURN(Resolved r, Resolve(argv, options));
    auto child = std::make_unique<RealChild>(argv);
    TFSK_RETURN_IF_ERROR(child->Spawn(r, options));
    return std::unique_ptr<ChildProcess>(std::move(child));
  }

  std::optional<std::string> Which(std::string_view program) override {
    return FindProgram(program, PathFor(RunOptions{}));
  }
};

}  // namespace

std::unique_ptr<ProcessRunner> MakeRealProcessRunner() {
  // Once per process: writing to a child that already exited must give EPIPE, not kill tfsk.
  static const bool sigpipe_ignored = [] {
    ::signal(SIGPIPE, SIG_IGN);
    return true;
  }();
  (void)sigpipe_ignored;
  return std::make_unique<RealProcessRunner>();
}

}  // namespace tfsk
