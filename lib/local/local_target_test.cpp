#include "lib/local/local_target.h"

#include <arpa/inet.h>
#include <netinet/in.h>
#include <sys/socket.h>
#include <unistd.h>

#include <doctest/doctest.h>

#include <fstream>
#include <sstream>

#include "lib/local/daemon.h"
#include "lib/local/demo_model.h"
#include "lib/local/http_probe.h"
#include "lib/local/serving_binary.h"
#include "lib/state/local_state.h"
#include "tests/support/shared.h"

namespace tfsk::local {
namespace {

using std::chrono::milliseconds;

/// A listening socket on an ephemeral port, closed on destruction.
struct Listener {
  int fd = -1;
  int port = 0;
  Listener() {
    fd = ::socket(AF_INET, SOCK_STREAM | SOCK_CLOEXEC, 0);
    sockaddr_in addr{};
    addr.sin_family = AF_INET;
    addr.sin_addr.s_addr = htonl(INADDR_ANY);
    REQUIRE(::bind(fd, reinterpret_cast<sockaddr*>(&addr), sizeof addr) == 0);
    REQUIRE(::listen(fd, 4) == 0);
    socklen_t len = sizeof addr;
    ::getsockname(fd, reinterpret_cast<sockaddr*>(&addr), &len);
    port = ntohs(addr.sin_port);
  }
  ~Listener() { ::close(fd); }
};

/// A port that was free a moment ago.
int FreePort() {
  Listener l;
  return l.port;
}

}  // namespace

TEST_SUITE("local") {
  TEST_CASE("SpawnDaemon runs a program in its own process group, StopProcessGroup ends it") {
    tfsk::testing::TempDir dir;
    auto pid = SpawnDaemon({"/bin/sh", "-c", "echo hello; exec sleep 30"}, dir.path() / "log");
    REQUIRE(pid.ok());
    CHECK(ProcessAlive(*pid));
    // The output goes to the log (wait for the shell to get that far before stopping it).
    for (int i = 0; i < 200 && LogTail(dir.path() / "log", 5).find("hello") == std::string::npos; ++i) {
      ::usleep(10 * 1000);
    }
    CHECK(LogTail(dir.path() / "log", 5).find("hello") != std::string::npos);
    CHECK(::getpgid(*pid) == *pid);
    CHECK(ProcessLooksLike(*pid, "sleep"));
    CHECK_FALSE(ProcessLooksLike(*pid, "tfsk-serving"));
    CHECK_FALSE(StopProcessGroup(*pid, milliseconds(3000)));
    CHECK_FALSE(ProcessAlive(*pid));
  }

  TEST_CASE("StopProcessGroup falls back to SIGKILL for a child ignoring SIGTERM") {
    tfsk::testing::TempDir dir;
    auto pid = SpawnDaemon({"/bin/sh", "-c", "trap '' TERM; sleep 30 & wait; sleep 30"},
                           dir.path() / "log");
    REQUIRE(pid.ok());
    ::usleep(200 * 1000);  // let the shell install its trap
    CHECK(StopProcessGroup(*pid, milliseconds(300)));
    CHECK_FALSE(ProcessAlive(*pid));
  }

  TEST_CASE("SpawnDaemon reports a program that cannot be executed") {
    tfsk::testing::TempDir dir;
    auto pid = SpawnDaemon({(dir.path() / "missing").string()}, dir.path() / "log");
    REQUIRE_FALSE(pid.ok());
    CHECK(pid.status().message().find("cannot start") != std::string::npos);
  }

  TEST_CASE("down and status with nothing up say so and succeed") {
    tfsk::testing::TempDir dir;
    std::ostringstream out;
    CHECK(Down(dir.path(), milliseconds(100), out).ok());
    CHECK(out.str().find("Nothing is running") != std::string::npos);
    std::ostringstream st;
    CHECK(PrintStatus(dir.path(), st).ok());
    CHECK(st.str().find("nothing running") != std::string::npos);
  }

  TEST_CASE("a stale pid is detected: status fails, down cleans it") {
    tfsk::testing::TempDir dir;
    auto pid = SpawnDaemon({"/bin/true"}, dir.path() / "log");
    REQUIRE(pid.ok());
    while (ProcessAlive(*pid)) ::usleep(10 * 1000);
    REQUIRE(state::SaveLocalState(dir.path(), {*pid, 1, "m", "/m", "/l", ""}).ok());
    std::ostringstream st;
    auto s = PrintStatus(dir.path(), st);
    CHECK(s.code() == Code::kUnavailable);
    CHECK(s.message().find("stale") != std::string::npos);
    std::ostringstream out;
    CHECK(Down(dir.path(), milliseconds(100), out).ok());
    CHECK(out.str().find("no longer running") != std::string::npos);
    CHECK_FALSE(state::LoadLocalState(dir.path())->has_value());
  }

  TEST_CASE("CheckModelBase explains the expected layout") {
    tfsk::testing::TempDir dir;
    CHECK(CheckModelBase(dir.path() / "nope").message().find("does not exist") != std::string::npos);
    CHECK(CheckModelBase(dir.path()).message().find("no model version") != std::string::npos);
    bool wrote = false;
    auto base = EnsureDemoModel(dir.path(), &wrote);
    REQUIRE(base.ok());
    CHECK(wrote);
    CHECK(CheckModelBase(*base).ok());
    CHECK(CheckModelBase(*base / "1").message().find("version folder") != std::string::npos);
    REQUIRE(EnsureDemoModel(dir.path(), &wrote).ok());
    CHECK_FALSE(wrote);  // second time: already there
  }

  TEST_CASE("PortBusy sees a listener, HttpGet to a closed port is Unavailable") {
    Listener l;
    CHECK(PortBusy(l.port));
    const int free_port = FreePort();
    CHECK_FALSE(PortBusy(free_port));
    CHECK(HttpGet(free_port, "/", milliseconds(500)).status().code() == Code::kUnavailable);
  }

  TEST_CASE("ModelStateFromJson picks the highest version's state") {
    CHECK(ModelStateFromJson(R"({"model_version_status":[{"version":"1","state":"END"},)"
                             R"({"version":"2","state":"AVAILABLE"}]})") == "AVAILABLE");
    CHECK(ModelStateFromJson("{}").empty());
    CHECK(ModelStateFromJson("garbage").empty());
  }

  TEST_CASE("FindServingBinary looks beside tfsk, then in the build tree's serving/") {
    tfsk::testing::TempDir dir;
    std::filesystem::create_directories(dir.path() / "cli");
    std::filesystem::create_directories(dir.path() / "serving");
    const auto bin = dir.path() / "serving" / "tfsk-serving";
    { std::ofstream(bin) << "#!/bin/sh\n"; }
    std::filesystem::permissions(bin, std::filesystem::perms::owner_all);
    auto found = FindServingBinary(dir.path() / "cli" / "tfsk", "");
    REQUIRE(found.ok());
    CHECK(std::filesystem::equivalent(*found, bin));
    tfsk::testing::TempDir empty;
    auto missing = FindServingBinary(empty.path() / "bin" / "tfsk", "");
    CHECK(missing.status().code() == Code::kNotFound);
  }

  TEST_CASE("Up refuses a busy port and a missing model without starting anything") {
    tfsk::testing::TempDir dir;
    UpOptions o;
    o.project = dir.path();
    o.model_name = "m";
    o.model_base = dir.path() / "missing";
    std::ostringstream progress;
    CHECK(Up(o, progress).status().code() == Code::kNotFound);
    bool wrote = false;
    o.model_base = *EnsureDemoModel(dir.path(), &wrote);
    Listener l;
    o.port = l.port;
    auto busy = Up(o, progress);
    CHECK(busy.status().code() == Code::kFailedPrecondition);
    CHECK(busy.status().message().find("--port") != std::string::npos);
    CHECK_FALSE(state::LoadLocalState(dir.path())->has_value());
  }

  TEST_CASE("up, up again, status, down with the real tfsk-serving") {
    const auto binary = tfsk::testing::BuildDir() / "serving" / "tfsk-serving";
    if (!std::filesystem::exists(binary)) {
      MESSAGE("tfsk-serving not built; skipping");
      return;
    }
    tfsk::testing::TempDir dir;
    bool wrote = false;
    UpOptions o;
    o.project = dir.path();
    o.model_name = "half_plus_two";
    o.model_base = *EnsureDemoModel(dir.path(), &wrote);
    o.port = FreePort();
    o.serving_binary = binary;
    o.timeout = milliseconds(30000);
    std::ostringstream progress;
    auto up = Up(o, progress);
    REQUIRE_MESSAGE(up.ok(), up.status().message());
    CHECK_FALSE(up->already_up);
    CHECK(up->url == "http://127.0.0.1:" + std::to_string(o.port) + "/v1/models/half_plus_two");
    auto again = Up(o, progress);
    REQUIRE(again.ok());
    CHECK(again->already_up);
    std::ostringstream st;
    CHECK(PrintStatus(dir.path(), st).ok());
    CHECK(st.str().find("AVAILABLE") != std::string::npos);
    const auto pid = static_cast<pid_t>(up->state.pid);
    std::ostringstream out;
    CHECK(Down(dir.path(), milliseconds(5000), out).ok());
    CHECK(out.str().find("Stopped tfsk-serving") != std::string::npos);
    CHECK_FALSE(ProcessAlive(pid));
    CHECK_FALSE(state::LoadLocalState(dir.path())->has_value());
  }
}

}  // namespace tfsk::local
