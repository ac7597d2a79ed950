#pragma once
// Test double for the manager: loaders whose outcome, delay and ordering a test controls, and a
// log of load/unload events to assert swap order. Header-only; used by *_test.cpp here.

#include <atomic>
#include <condition_variable>
#include <cstdint>
#include <filesystem>
#include <map>
#include <memory>
#include <mutex>
#include <string>
#include <vector>

#include "serving/core/servable.h"

namespace tfsk::serving::core::testing {

/// A servable that counts live instances, so tests can see when the last handle let go.
struct FakeServable : Servable {
  FakeServable(std::string m, std::int64_t v, std::atomic<int>* live)
      : model(std::move(m)), version(v), live(live) {
    ++*live;
  }
  ~FakeServable() override { --*live; }
  std::string model;
  std::int64_t version;
  std::atomic<int>* live;
};

/// Makes loaders for the manager. Thread-safe.
class FakeLoaders {
 public:
  /// Loads of `version` fail with `status` (until cleared with OkStatus()).
  void FailVersion(std::int64_t version, Status status) {
    std::lock_guard lock(mu_);
    failures_[version] = std::move(status);
  }
  /// Loads of `version` block until Release(version).
  void Hold(std::int64_t version) {
    std::lock_guard lock(mu_);
    held_[version] = true;
  }
  void Release(std::int64_t version) {
    std::lock_guard lock(mu_);
    held_[version] = false;
    cv_.notify_all();
  }
  /// Blocks until a load of `version` has started (it may be held).
  void WaitLoading(std::int64_t version) {
    std::unique_lock lock(mu_);
    cv_.wait(lock, [&] { return loading_.count(version) != 0; });
  }
  /// "load m 1", "unload m 1" in the order they happened.
  std::vector<std::string> Events() {
    std::lock_guard lock(mu_);
    return events_;
  }
  void ClearEvents() {
    std::lock_guard lock(mu_);
    events_.clear();
  }
  int live() const { return live_; }

  LoaderFactory Factory() {
    return [this](const std::string& model, std::int64_t version, const std::filesystem::path&) {
      return std::make_unique<FunctionLoaderWithEvents>(this, model, version);
    };
  }

 private:
  class FunctionLoaderWithEvents : public Loader {
   public:
    FunctionLoaderWithEvents(FakeLoaders* owner, std::string model, std::int64_t version)
        : owner_(owner), model_(std::move(model)), version_(version) {}
    Status Load() override {
      std::unique_lock lock(owner_->mu_);
      owner_->events_.push_back("load " + model_ + " " + std::to_string(version_));
      owner_->loading_[version_] = true;
      owner_->cv_.notify_all();
      owner_->cv_.wait(lock, [&] { return !owner_->held_[version_]; });
      auto f = owner_->failures_.find(version_);
      if (f != owner_->failures_.end() && !f->second.ok()) return f->second;
      servable_ = std::make_shared<FakeServable>(model_, version_, &owner_->live_);
      return OkStatus();
    }
    void Unload() override {
      {
        std::lock_guard lock(owner_->mu_);
        owner_->events_.push_back("unload " + model_ + " " + std::to_string(version_));
      }
      servable_.reset();
    }
    std::shared_ptr<const Servable> servable() const override { return servable_; }

   private:
    FakeLoaders* owner_;
    std::string model_;
    std::int64_t version_;
    std::shared_ptr<const Servable> servable_;
  };

  std::mutex mu_;
  std::condition_variable cv_;
  std::map<std::int64_t, Status> failures_;
  std::map<std::int64_t, bool> held_;
  std::map<std::int64_t, bool> loading_;
  std::vector<std::string> events_;
  std::atomic<int> live_{0};
};

}  // namespace tfsk::serving::core::testing
