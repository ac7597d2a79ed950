#include "lib/local/local_target.h"

#include <ctime>
#include <deque>
#include <fstream>
#include <thread>

#include <fmt/format.h>

#include "lib/local/daemon.h"
#include "lib/local/http_probe.h"
#include "lib/local/serving_binary.h"
#include "lib/state/state_dir.h"

namespace tfsk::local {
namespace fs = std::filesystem;
using std::chrono::milliseconds;

namespace {

constexpr const char* kServerName = "tfsk-serving";

std::string Url(const state::LocalState& s) {
  return fmt::format("http://127.0.0.1:{}/v1/models/{}", s.port, s.model_name);
}

std::string NowUtc() {
  const std::time_t t = std::time(nullptr);
  std::tm tm{};
  ::gmtime_r(&t, &tm);
  char buf[32];
  std::strftime(buf, sizeof buf, "%Y-%m-%dT%H:%M:%SZ", &tm);
  return buf;
}

/// The model state the server reports, or "unreachable: <why>".
std::string QueryState(const state::LocalState& s, milliseconds timeout) {
  auto answer = HttpGet(s.port, "/v1/models/" + s.model_name, timeout);
  if (!answer.ok()) return "unreachable (" + answer.status().message() + ")";
  const std::string st = ModelStateFromJson(answer->body);
  if (answer->status != 200 || st.empty()) return fmt::format("HTTP {}: {}", answer->status, answer->body);
  return st;
}

std::string WithLog(const std::string& message, const fs::path& log) {
  const std::string tail = LogTail(log, 15);
  std::string out = message + "\n  log: " + log.string();
  if (!tail.empty()) out += "\n  last lines:\n" + tail;
  return out;
}

}  // namespace

std::string LogTail(const fs::path& log, int lines) {
  std::ifstream in(log);
  std::deque<std::string> last;
  for (std::string line; std::getline(in, line);) {
    last.push_back(line);
    if (static_cast<int>(last.size()) > lines) last.pop_front();
  }
  std::string out;
  for (const auto& l : last) out += "    " + l + "\n";
  return out;
}

Status CheckModelBase(const fs::path& base) {
  std::error_code ec;
  const std::string layout = "expected <model dir>/<version number>/saved_model.pb, e.g. " +
                             (base / "1" / "saved_model.pb").string() +
                             " (write a demo one with: tfsk model init half_plus_two <dir>)";
  if (!fs::is_directory(base, ec)) return NotFound("model folder " + base.string() + " does not exist; " + layout);
  if (fs::exists(base / "saved_model.pb", ec)) {
    return NotFound(base.string() + " is a version folder; pass its parent " +
                    base.parent_path().string() + " (tfsk-serving serves a folder of versions)");
  }
  for (const auto& e : fs::directory_iterator(base, ec)) {
    const std::string name = e.path().filename().string();
    if (!name.empty() && name.find_first_not_of("0123456789") == std::string::npos &&
        fs::exists(e.path() / "saved_model.pb", ec)) {
      return OkStatus();
    }
  }
  return NotFound("no model version in " + base.string() + "; " + layout);
}

StatusOr<UpResult> Up(const UpOptions& o, std::ostream& progress) {
  TFSK_ASSIGN_OR_RETURN(auto existing, state::LoadLocalState(o.project));
  if (existing) {
    const state::LocalState& s = *existing;
    if (ProcessLooksLike(static_cast<pid_t>(s.pid), kServerName)) {
      const bool same = s.model_name == o.model_name && fs::path(s.model_path) == o.model_base &&
                        s.port == o.port;
      const std::string st = QueryState(s, milliseconds(2000));
      if (same && st == "AVAILABLE") return UpResult{Url(s), true, s};
      return FailedPrecondition(fmt::format(
          "tfsk-serving (pid {}) is already running model '{}' from {} on port {} (state: {}); "
          "run 'tfsk down' first",
          s.pid, s.model_name, s.model_path, s.port, st));
    }
    progress << fmt::format(
        "Cleaning up stale state: tfsk-serving (pid {}) from .tfsk/local.json is no longer running\n",
        s.pid);
    TFSK_RETURN_IF_ERROR(state::ClearLocalState(o.project));
  }
  TFSK_RETURN_IF_ERROR(CheckModelBase(o.model_base));
  if (PortBusy(o.port)) {
    return FailedPrecondition(fmt::format(
        "port {} is already in use by another program; choose a free one with --port (e.g. "
        "--port {})",
        o.port, o.port + 1));
  }
  fs::path binary = o.serving_binary;
  if (binary.empty()) {
    TFSK_ASSIGN_OR_RETURN(binary, FindServingBinary());
  }
  const fs::path dir = state::StateDir(o.project);
  std::error_code ec;
  fs::create_directories(dir, ec);
  const fs::path log = fs::absolute(dir / "tfsk-serving.log", ec);
  std::vector<std::string> argv{binary.string(),
                                "--model_name=" + o.model_name,
                                "--model_base_path=" + o.model_base.string(),
                                "--rest_api_port=" + std::to_string(o.port),
                                "--port=0"};
  TFSK_ASSIGN_OR_RETURN(pid_t pid, SpawnDaemon(argv, log));
  state::LocalState s{pid, o.port, o.model_name, o.model_base.string(), log.string(), NowUtc()};
  // Saved before waiting, so `tfsk down` can stop a server whose startup we gave up on.
  if (Status saved = state::SaveLocalState(o.project, s); !saved.ok()) {
    StopProcessGroup(pid, milliseconds(3000));
    return saved;
  }
  progress << fmt::format("Started tfsk-serving (pid {}), log {}\n", pid, log.string());

  const auto start = std::chrono::steady_clock::now();
  auto next_progress = start + o.progress_every;
  std::string last_state = "starting";
  while (true) {
    if (!ProcessAlive(pid)) {
      (void)state::ClearLocalState(o.project);
      return Unavailable(WithLog("tfsk-serving exited during startup", log));
    }
    last_state = QueryState(s, milliseconds(1000));
    if (last_state == "AVAILABLE") break;
    const auto now = std::chrono::steady_clock::now();
    if (now - start > o.timeout) {
      StopProcessGroup(pid, milliseconds(5000));
      (void)state::ClearLocalState(o.project);
      return DeadlineExceeded(WithLog(
          fmt::format("model '{}' not AVAILABLE after {} s (last: {}); stopped the server",
                      o.model_name, o.timeout.count() / 1000, last_state),
          log));
    }
    if (now >= next_progress) {
      progress << fmt::format("Waiting for model '{}' to become AVAILABLE ({} s, {})\n",
                              o.model_name,
                              std::chrono::duration_cast<std::chrono::seconds>(now - start).count(),
                              last_state);
      next_progress = now + o.progress_every;
    }
    std::this_thread::sleep_for(milliseconds(100));
  }
  return UpResult{Url(s), false, s};
}

Status Down(const fs::path& project, milliseconds grace, std::ostream& out) {
  TFSK_ASSIGN_OR_RETURN(auto existing, state::LoadLocalState(project));
  if (!existing) {
    out << "Nothing is running locally (no .tfsk/local.json); nothing to do.\n";
    return OkStatus();
  }
  const auto pid = static_cast<pid_t>(existing->pid);
  if (!ProcessLooksLike(pid, kServerName)) {
    out << fmt::format("tfsk-serving (pid {}) was no longer running; removed the stale state.\n", pid);
    return state::ClearLocalState(project);
  }
  const bool killed = StopProcessGroup(pid, grace);
  out << fmt::format("Stopped tfsk-serving (pid {}, model '{}', port {}){}.\n", pid,
                     existing->model_name, existing->port,
                     killed ? fmt::format(" with SIGKILL after {} s", grace.count() / 1000) : "");
  return state::ClearLocalState(project);
}

Status PrintStatus(const fs::path& project, std::ostream& out) {
  TFSK_ASSIGN_OR_RETURN(auto existing, state::LoadLocalState(project));
  if (!existing) {
    out << "local: nothing running (no .tfsk/local.json); start with 'tfsk up'\n";
    return OkStatus();
  }
  const state::LocalState& s = *existing;
  const bool alive = ProcessLooksLike(static_cast<pid_t>(s.pid), kServerName);
  out << "target:  local\n";
  out << fmt::format("server:  tfsk-serving pid {} ({})\n", s.pid, alive ? "running" : "not running");
  out << fmt::format("model:   {} from {}\n", s.model_name, s.model_path);
  out << fmt::format("url:     {}\n", Url(s));
  out << fmt::format("log:     {}\n", s.log_path);
  out << fmt::format("since:   {}\n", s.started_at);
  if (!alive) {
    return Unavailable(fmt::format(
        "tfsk-serving (pid {}) is gone (stale .tfsk/local.json); run 'tfsk down' to clean up or "
        "'tfsk up' to start again",
        s.pid));
  }
  const std::string st = QueryState(s, milliseconds(2000));
  out << fmt::format("state:   {}\n", st);
  if (st != "AVAILABLE") return Unavailable("model '" + s.model_name + "' is not AVAILABLE: " + st);
  return OkStatus();
}

}  // namespace tfsk::local
