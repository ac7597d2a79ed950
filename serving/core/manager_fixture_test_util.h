#pragma once
// A manager over a temporary base path with fake loaders and no polling thread, for the manager
// tests. Header-only, tests only.

#include <doctest/doctest.h>

#include <chrono>
#include <filesystem>
#include <memory>
#include <mutex>
#include <string>
#include <utility>
#include <vector>

#include "serving/core/fake_loader_test_util.h"
#include "serving/core/manager.h"
#include "tests/support/shared.h"

namespace tfsk::serving::core::testing {

namespace fs = std::filesystem;
using Strings = std::vector<std::string>;

// A model base path in a temp dir plus a manager with fake loaders; no polling thread.
struct Fixture {
  tfsk::testing::TempDir dir;
  FakeLoaders loaders;
  Strings logs;
  std::mutex log_mu;
  std::unique_ptr<Manager> manager;

  explicit Fixture(bool allow_labels = false, std::chrono::milliseconds period = std::chrono::milliseconds(-1)) {
    ManagerOptions options;
    options.loader_factory = loaders.Factory();
    options.poll_period = period;
    options.allow_version_labels_for_unavailable_models = allow_labels;
    options.log = [this](const std::string& line) {
      std::lock_guard lock(log_mu);
      logs.push_back(line);
    };
    manager = std::make_unique<Manager>(std::move(options));
  }
  fs::path Base(const std::string& model = "m") { return dir.path() / model; }
  void AddVersion(std::int64_t v, const std::string& model = "m") {
    fs::create_directories(Base(model) / std::to_string(v));
  }
  void RemoveVersion(std::int64_t v, const std::string& model = "m") {
    fs::remove_all(Base(model) / std::to_string(v));
  }
  ModelSpec Spec(const std::string& model = "m", VersionPolicy policy = VersionPolicy::Latest()) {
    return ModelSpec{model, Base(model), std::move(policy), {}};
  }
  std::vector<std::pair<std::int64_t, std::string>> States(const std::string& model = "m") {
    std::vector<std::pair<std::int64_t, std::string>> out;
    auto status = manager->GetModelStatus(model, std::nullopt);
    if (!status.ok()) return out;
    for (const VersionStatus& s : *status) out.emplace_back(s.version, std::string(StateName(s.state)));
    return out;
  }
  std::int64_t Latest(const std::string& model = "m") {
    auto h = manager->Find(model, VersionRequest::Latest());
    return h.ok() ? h->version : -1;
  }
  bool Logged(const std::string& part) {
    std::lock_guard lock(log_mu);
    for (const std::string& l : logs) {
      if (l.find(part) != std::string::npos) return true;
    }
    return false;
  }
};

using State = std::pair<std::int64_t, std::string>;

}  // namespace tfsk::serving::core::testing
