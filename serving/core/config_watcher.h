#pragma once
// --model_config_file with --model_config_file_poll_wait_seconds: reads the config file and
// applies it to the Manager, once at startup and then periodically when the text changes.

#include <chrono>
#include <condition_variable>
#include <filesystem>
#include <mutex>
#include <string>
#include <thread>

#include "lib/base/status.h"
#include "serving/core/manager.h"
#include "serving/core/version_source.h"

namespace tfsk::serving::core {

/// Owns a polling thread (only when period > 0). The Manager must outlive the watcher.
/// Thread-safe: ApplyNow() may race with the thread; applies are serialized by the manager.
class ConfigFileWatcher {
 public:
  ConfigFileWatcher(std::filesystem::path path, std::chrono::milliseconds period, Manager& manager,
                    LogFn log = {});
  /// Stops the thread.
  ~ConfigFileWatcher();
  ConfigFileWatcher(const ConfigFileWatcher&) = delete;
  ConfigFileWatcher& operator=(const ConfigFileWatcher&) = delete;

  /// Reads and parses the file and applies it when its text differs from the last applied one.
  /// On an error (unreadable, bad syntax, label rejected) nothing changes and the error is
  /// returned; the next call tries again. Use it at startup to fail fast on a bad file.
  Status ApplyNow();

  /// Starts re-reading every period (> 0; otherwise does nothing). Errors are logged, and the
  /// previous config keeps serving. Idempotent.
  void Start();
  /// Stops and joins the thread. Idempotent.
  void Stop();

 private:
  void Loop();

  const std::filesystem::path path_;
  const std::chrono::milliseconds period_;
  Manager& manager_;
  LogFn log_;

  std::mutex apply_mu_;  // guards last_applied_
  std::string last_applied_;
  bool applied_once_ = false;

  std::mutex mu_;
  std::condition_variable cv_;
  bool stopping_ = false;
  std::thread thread_;
};

}  // namespace tfsk::serving::core
