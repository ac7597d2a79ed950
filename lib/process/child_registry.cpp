#include "lib/process/child_registry.h"

#include <signal.h>

#include <mutex>
#include <set>

namespace tfsk {
namespace {

std::mutex& Mu() {
  static std::mutex mu;
  return mu;
}

std::set<int>& Groups() {
  static std::set<int> groups;
  return groups;
}

}  // namespace

void RegisterChildGroup(int pgid) {
  std::lock_guard<std::mutex> lock(Mu());
  Groups().insert(pgid);
}

void UnregisterChildGroup(int pgid) {
  std::lock_guard<std::mutex> lock(Mu());
  Groups().erase(pgid);
}

int SignalChildGroups(int sig) {
  std::lock_guard<std::mutex> lock(Mu());
  int n = 0;
  for (int pgid : Groups()) {
    if (::killpg(pgid, sig) == 0) ++n;
  }
  return n;
}

}  // namespace tfsk
