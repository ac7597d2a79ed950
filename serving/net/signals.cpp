#include "serving/net/signals.h"

#include <pthread.h>
#include <signal.h>
#include <unistd.h>

namespace tfsk::serving::net {
namespace {

sigset_t TerminationSet() {
  sigset_t set;
  sigemptyset(&set);
  sigaddset(&set, SIGTERM);
  sigaddset(&set, SIGINT);
  return set;
}

}  // namespace

void BlockTerminationSignals() {
  sigset_t set = TerminationSet();
  pthread_sigmask(SIG_BLOCK, &set, nullptr);
}

int WaitForTerminationSignal() {
  sigset_t set = TerminationSet();
  int signal = 0;
  while (sigwait(&set, &signal) != 0) {
  }
  return signal;
}

void RaiseTermination() { kill(getpid(), SIGTERM); }

}  // namespace tfsk::serving::net
