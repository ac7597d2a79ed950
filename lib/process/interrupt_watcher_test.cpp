// Ctrl-C handling: the first SIGINT to tfsk reaches its children (which live in their own
// process groups) and is recorded for the running step.
#include <doctest/doctest.h>
#include <signal.h>
#include <unistd.h>

#include <atomic>
#include <thread>

#include "lib/process/child_registry.h"
#include "lib/process/interrupt_watcher.h"
#include "lib/process/process_runner.h"

namespace tfsk {
namespace {

using std::chrono::seconds;

TEST_SUITE("InterruptWatcher") {
  TEST_CASE("SIGINT to tfsk is passed on to a Start()ed child and recorded") {
    std::atomic<int> seen{0};
    InterruptWatcher watcher([&](int sig) { seen = sig; });
    auto runner = MakeRealProcessRunner();
    auto child = runner->Start(
        {"sh", "-c", "trap 'echo got-int >&2; exit 0' INT; echo ready; while :; do sleep 0.05; done"});
    REQUIRE(child.ok());
    REQUIRE((*child)->ReadLine(seconds(10)).ok());
    CHECK_FALSE(watcher.interrupted());

    ::kill(::getpid(), SIGINT);

    auto code = (*child)->Wait(seconds(10));  // the child ends on its own, cleanly
    REQUIRE(code.ok());
    CHECK(*code == 0);
    for (int i = 0; i < 500 && seen == 0; ++i) std::this_thread::sleep_for(std::chrono::milliseconds(10));
    CHECK(seen == SIGINT);
    CHECK(watcher.interrupted());
    CHECK(watcher.signal() == SIGINT);
    (*child)->Stop();
    CHECK((*child)->StderrText() == "got-int\n");
  }

  TEST_CASE("the registry signals only live children") {
    CHECK(SignalChildGroups(0) == 0);  // nothing running
    auto runner = MakeRealProcessRunner();
    auto child = runner->Start({"sh", "-c", "echo up; exec sleep 30"});
    REQUIRE(child.ok());
    REQUIRE((*child)->ReadLine(seconds(10)).ok());
    CHECK(SignalChildGroups(0) == 1);  // signal 0: existence check only
    (*child)->Stop(std::chrono::milliseconds(500));
    CHECK(SignalChildGroups(0) == 0);
  }
}

}  // namespace
}  // namespace tfsk
