#pragma once
// Ctrl-C for a program whose children live in their own process groups: the first SIGINT,
// SIGTERM or SIGHUP is passed on to every child as SIGINT (minikube's tunnel exits cleanly on
// it) and recorded, so the running step can notice, stop and leave its state consistent; a
// second one kills the children's groups and ends tfsk with 128 + signal.

#include <atomic>
#include <functional>
#include <thread>

namespace tfsk {

class InterruptWatcher {
 public:
  /// Blocks SIGINT, SIGTERM and SIGHUP in the calling thread (threads started later inherit
  /// that) and waits for them on a thread of its own. Create it first thing in main(), before
  /// any other thread exists, and keep it for the program's life. `on_signal` (optional) runs on
  /// the watcher thread after the children were signalled. At most one instance at a time.
  explicit InterruptWatcher(std::function<void(int)> on_signal = {});
  /// Stops watching and restores the calling thread's signal mask.
  ~InterruptWatcher();
  InterruptWatcher(const InterruptWatcher&) = delete;
  InterruptWatcher& operator=(const InterruptWatcher&) = delete;

  /// True once a signal arrived. Thread-safe.
  bool interrupted() const { return signal_.load() != 0; }
  /// The first signal received, or 0.
  int signal() const { return signal_.load(); }

 private:
  void Watch();

  std::function<void(int)> on_signal_;
  std::atomic<int> signal_{0};
  std::atomic<bool> quitting_{false};
  std::thread thread_;
};

}  // namespace tfsk
