#include "lib/process/interrupt_watcher.h"

#include <pthread.h>
#include <signal.h>
#include <unistd.h>

#include "lib/process/child_registry.h"

namespace tfsk {
namespace {

sigset_t WatchedSignals() {
  sigset_t set;
  sigemptyset(&set);
  sigaddset(&set, SIGINT);
  sigaddset(&set, SIGTERM);
  sigaddset(&set, SIGHUP);
  return set;
}

}  // namespace

InterruptWatcher::InterruptWatcher(std::function<void(int)> on_signal)
    : on_signal_(std::move(on_signal)) {
  sigset_t set = WatchedSignals();
  pthread_sigmask(SIG_BLOCK, &set, nullptr);
  thread_ = std::thread([this] { Watch(); });
}

InterruptWatcher::~InterruptWatcher() {
  quitting_ = true;
  // Wake the watcher with a signal it waits for; it sees quitting_ and returns.
  pthread_kill(thread_.native_handle(), SIGHUP);
  thread_.join();
  sigset_t set = WatchedSignals();
  pthread_sigmask(SIG_UNBLOCK, &set, nullptr);
}

void InterruptWatcher::Watch() {
  sigset_t set = WatchedSignals();
  for (;;) {
    int sig = 0;
    if (sigwait(&set, &sig) != 0) continue;
    if (quitting_) return;
    int expected = 0;
    if (signal_.compare_exchange_strong(expected, sig)) {
      // First signal: let the children stop the way Ctrl-C stops them in a terminal.
      SignalChildGroups(SIGINT);
      if (on_signal_) on_signal_(sig);
      continue;
    }
    // Second signal: the user insists.
    SignalChildGroups(SIGKILL);
    ::_exit(128 + sig);
  }
}

}  // namespace tfsk
