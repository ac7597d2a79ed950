#pragma once
// Runs the real tfsk-serving binary as a child process for end-to-end tests, and talks HTTP to it.
//
// The child gets its own process group, its stdout+stderr go to a log file in a TempDir, and the
// REST port is learnt from the server's own log line "Exporting HTTP/REST API at:0.0.0.0:<port>"
// (tests pass --rest_api_port=0), so parallel tests never race for a port.

#include <sys/types.h>

#include <chrono>
#include <filesystem>
#include <map>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "tests/support/shared.h"

namespace tfsk::testing {

/// <build>/serving/tfsk-serving.
std::filesystem::path ServingBinary();

/// One answer as seen on the wire.
struct HttpReply {
  int status = 0;                              ///< 0 when the exchange failed
  std::map<std::string, std::string> headers;  ///< names lower-cased
  std::string body;
  std::string error;  ///< transport failure, if any
};

/// One blocking request to 127.0.0.1:port with "Connection: close"; reads until EOF.
/// `extra_headers` are raw "Name: value" lines. Never throws; failures land in `error`.
HttpReply HttpRequest(int port, const std::string& method, const std::string& target,
                      const std::string& body = "",
                      const std::vector<std::string>& extra_headers = {},
                      std::chrono::milliseconds timeout = std::chrono::seconds(10));

/// A connected TCP socket to 127.0.0.1:port for hand-written exchanges (slow clients).
class RawConnection {
 public:
  explicit RawConnection(int port);  ///< throws std::runtime_error when it cannot connect
  ~RawConnection();
  RawConnection(const RawConnection&) = delete;
  RawConnection& operator=(const RawConnection&) = delete;
  void Send(const std::string& bytes);
  /// Reads until EOF or `timeout`, then parses the first answer.
  HttpReply ReadReply(std::chrono::milliseconds timeout = std::chrono::seconds(10));
  /// Reads until EOF or `timeout` and returns the raw bytes (several pipelined answers).
  std::string ReadAll(std::chrono::milliseconds timeout = std::chrono::seconds(10));

 private:
  int fd_ = -1;
};

/// A running tfsk-serving. Always terminated (SIGTERM, then SIGKILL after a grace) and reaped by
/// the destructor; Stop() does the same and returns the exit code for assertions.
class ServingProcess {
 public:
  /// Spawns `ServingBinary() args...`; `env` entries are added to (or replace in) the environment,
  /// and names in `unset_env` are removed. Does not wait for readiness.
  ServingProcess(std::vector<std::string> args, std::map<std::string, std::string> env = {},
                 std::vector<std::string> unset_env = {});
  ~ServingProcess();
  ServingProcess(const ServingProcess&) = delete;
  ServingProcess& operator=(const ServingProcess&) = delete;

  /// Waits for the REST line in the log; true with port() set, false when the process exited or
  /// the timeout passed (the log is printed to stdout then).
  bool WaitUntilServing(std::chrono::milliseconds timeout = std::chrono::seconds(20));
  /// Waits for the child to exit on its own; its exit code (128+signal when killed), or nullopt
  /// on timeout.
  std::optional<int> WaitForExit(std::chrono::milliseconds timeout);
  /// SIGTERM, wait up to `grace`, then SIGKILL the group. Returns the exit code (as above).
  int Stop(std::chrono::milliseconds grace = std::chrono::seconds(15));
  /// Sends a signal to the server process only.
  void Signal(int sig);

  int port() const { return port_; }
  pid_t pid() const { return pid_; }
  /// Everything the server wrote so far.
  std::string Log() const;
  /// Waits until the log contains `needle`; false on timeout.
  bool WaitForLog(const std::string& needle, std::chrono::milliseconds timeout);

  /// Convenience: HttpRequest against this server.
  HttpReply Get(const std::string& target) const { return HttpRequest(port_, "GET", target); }
  HttpReply Post(const std::string& target, const std::string& body) const {
    return HttpRequest(port_, "POST", target, body);
  }

 private:
  std::optional<int> Reap(bool block);

  std::unique_ptr<TempDir> dir_;
  std::filesystem::path log_path_;
  pid_t pid_ = -1;
  int port_ = 0;
  std::optional<int> exit_code_;
};

}  // namespace tfsk::testing
