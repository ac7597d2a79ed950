#include "serving/core/config_watcher.h"

#include <iostream>

#include "serving/core/model_config.h"

namespace tfsk::serving::core {

ConfigFileWatcher::ConfigFileWatcher(std::filesystem::path path, std::chrono::milliseconds period,
                                     Manager& manager, LogFn log)
    : path_(std::move(path)), period_(period), manager_(manager), log_(std::move(log)) {}

ConfigFileWatcher::~ConfigFileWatcher() { Stop(); }

Status ConfigFileWatcher::ApplyNow() {
  std::lock_guard lock(apply_mu_);
  TFSK_ASSIGN_OR_RETURN(std::string text, ReadFileToString(path_));
  // Unchanged text: nothing to do (and no label re-check that could fail spuriously).
  if (applied_once_ && text == last_applied_) return OkStatus();
  StatusOr<ModelServerConfig> config = ParseModelServerConfig(text);
  if (!config.ok()) return config.status().WithPrefix("parsing " + path_.string());
  TFSK_RETURN_IF_ERROR(manager_.ApplyConfig(config->models).WithPrefix("applying " + path_.string()));
  last_applied_ = std::move(text);
  applied_once_ = true;
  return OkStatus();
}

void ConfigFileWatcher::Start() {
  std::lock_guard lock(mu_);
  if (period_.count() <= 0 || thread_.joinable()) return;
  stopping_ = false;
  thread_ = std::thread([this] { Loop(); });
}

void ConfigFileWatcher::Stop() {
  {
    std::lock_guard lock(mu_);
    stopping_ = true;
  }
  cv_.notify_all();
  if (thread_.joinable()) thread_.join();
}

void ConfigFileWatcher::Loop() {
  std::unique_lock lock(mu_);
  while (!cv_.wait_for(lock, period_, [this] { return stopping_; })) {
    lock.unlock();
    if (Status s = ApplyNow(); !s.ok()) {
      const std::string line = "Failed to reload model config: " + s.ToString();
      if (log_) {
        log_(line);
      } else {
        std::cerr << line + "\n";
      }
    }
    lock.lock();
  }
}

}  // namespace tfsk::serving::core
