// The real runner against tiny system programs (/bin/echo, /bin/false, sh). Everything above
// the seam is tested with the fake runner instead.
#include <doctest/doctest.h>
#include <signal.h>

#include <chrono>
#include <fstream>

#include "lib/process/process_runner.h"
#include "tests/support/shared.h"

namespace tfsk {
namespace {

using std::chrono::milliseconds;
using std::chrono::seconds;

RunOptions WithTimeout(milliseconds timeout) {
  RunOptions options;
  options.timeout = timeout;
  return options;
}

TEST_SUITE("RealProcessRunner") {
  TEST_CASE("echo: stdout captured, exit 0") {
    auto runner = MakeRealProcessRunner();
    auto r = runner->Run({"/bin/echo", "hello", "world"});
    REQUIRE(r.ok());
    CHECK(r->exit_code == 0);
    CHECK(r->out == "hello world\n");
    CHECK(r->err.empty());
  }

  TEST_CASE("a program is found on PATH by name") {
    auto runner = MakeRealProcessRunner();
    auto r = runner->Run({"echo", "x"});
    REQUIRE(r.ok());
    CHECK(r->out == "x\n");
    CHECK(runner->Which("sh").has_value());
  }

  TEST_CASE("false: non-zero exit is a result, not an error") {
    auto runner = MakeRealProcessRunner();
    auto r = runner->Run({"/bin/false"});
    REQUIRE(r.ok());
    CHECK(r->exit_code == 1);
  }

  TEST_CASE("stdin is fed and closed, stdout and stderr are both read") {
    auto runner = MakeRealProcessRunner();
    auto r = runner->Run({"sh", "-c", "cat; echo oops >&2; exit 3"}, "line1\nline2\n");
    REQUIRE(r.ok());
    CHECK(r->exit_code == 3);
    CHECK(r->out == "line1\nline2\n");
    CHECK(r->err == "oops\n");
  }

  TEST_CASE("large stdout and stderr at once do not deadlock") {
    auto runner = MakeRealProcessRunner();
    std::string big(300000, 'x');
    // cat echoes 300 kB to stdout while the shell also writes 300 kB to stderr: far beyond
    // one pipe buffer each, so a sequential reader would hang.
    auto r = runner->Run({"sh", "-c", "head -c 300000 /dev/zero >&2; cat"}, big,
                         WithTimeout(seconds(20)));
    REQUIRE(r.ok());
    CHECK(r->out.size() == big.size());
    CHECK(r->err.size() == 300000);
  }

  TEST_CASE("a child that does not read stdin does not kill us (SIGPIPE ignored)") {
    auto runner = MakeRealProcessRunner();
    std::string big(1 << 20, 'y');
    auto r = runner->Run({"/bin/true"}, big);
    REQUIRE(r.ok());
    CHECK(r->exit_code == 0);
  }

  TEST_CASE("a missing program is NotFound with a clear message") {
    auto runner = MakeRealProcessRunner();
    auto r = runner->Run({"tfsk-no-such-program-xyz", "status"});
    REQUIRE_FALSE(r.ok());
    CHECK(r.status().code() == Code::kNotFound);
    CHECK(r.status().message() == "tfsk-no-such-program-xyz: command not found on PATH");
    CHECK_FALSE(runner->Which("tfsk-no-such-program-xyz").has_value());
    CHECK(runner->Start({"tfsk-no-such-program-xyz"}).status().code() == Code::kNotFound);
  }

  TEST_CASE("empty argv is InvalidArgument") {
    auto runner = MakeRealProcessRunner();
    CHECK(runner->Run({}).status().code() == Code::kInvalidArgument);
  }

  TEST_CASE("timeout kills the child and its group") {
    auto runner = MakeRealProcessRunner();
    auto start = std::chrono::steady_clock::now();
    // The inner sleep is a grandchild holding the pipes: only a group kill ends it.
    auto r = runner->Run({"sh", "-c", "echo started >&2; sleep 30; echo never"}, {},
                         WithTimeout(milliseconds(300)));
    auto took = std::chrono::steady_clock::now() - start;
    REQUIRE_FALSE(r.ok());
    CHECK(r.status().code() == Code::kDeadlineExceeded);
    CHECK(r.status().message().find("did not finish within 300 ms") != std::string::npos);
    CHECK(r.status().message().find("started") != std::string::npos);
    CHECK(took < seconds(10));
  }

  TEST_CASE("env overrides, removals and cwd reach the child") {
    auto runner = MakeRealProcessRunner();
    testing::TempDir dir;
    RunOptions options;
    options.env["TFSK_TEST_VAR"] = "value 1";
    options.env_remove.push_back("HOME");
    options.cwd = dir.path().string();
    auto r = runner->Run({"sh", "-c", "echo \"$TFSK_TEST_VAR|${HOME-unset}|$(pwd -P)\""}, {},
                         options);
    REQUIRE(r.ok());
    auto expected_dir = std::filesystem::canonical(dir.path()).string();
    CHECK(r->out == "value 1|unset|" + expected_dir + "\n");
  }

  TEST_CASE("PATH in the options is used to find the program") {
    auto runner = MakeRealProcessRunner();
    testing::TempDir dir;
    auto tool = dir.path() / "tfsk-standin-tool";
    {
      std::ofstream f(tool);
      f << "#!/bin/sh\necho from-standin \"$@\"\n";
    }
    std::filesystem::permissions(tool, std::filesystem::perms::owner_all);
    RunOptions options;
    options.env["PATH"] = dir.path().string() + ":/usr/bin:/bin";
    auto r = runner->Run({"tfsk-standin-tool", "a"}, {}, options);
    REQUIRE(r.ok());
    CHECK(r->out == "from-standin a\n");
  }

  TEST_CASE("a signalled child reports 128 + signal") {
    auto runner = MakeRealProcessRunner();
    auto r = runner->Run({"sh", "-c", "kill -TERM $$"});
    REQUIRE(r.ok());
    CHECK(r->exit_code == 128 + 15);
  }

  TEST_CASE("Start: reads a line, then Stop sends SIGINT and the child exits cleanly") {
    auto runner = MakeRealProcessRunner();
    // Like `minikube service --url` on a tunnel driver: URL on stdout, note on stderr, then
    // block until SIGINT and exit 0.
    auto child = runner->Start(
        {"sh", "-c",
         "trap 'echo interrupted >&2; exit 0' INT; echo http://127.0.0.1:50123; "
         "echo '! keep the terminal open' >&2; while :; do sleep 0.05; done"});
    REQUIRE(child.ok());
    auto line = (*child)->ReadLine(seconds(10));
    REQUIRE(line.ok());
    CHECK(*line == "http://127.0.0.1:50123");
    CHECK((*child)->Running());
    CHECK((*child)->ReadLine(milliseconds(100)).status().code() == Code::kDeadlineExceeded);
    CHECK((*child)->Wait(milliseconds(50)).status().code() == Code::kDeadlineExceeded);
    int code = (*child)->Stop(seconds(5));
    CHECK(code == 0);
    CHECK_FALSE((*child)->Running());
    CHECK((*child)->StderrText().find("! keep the terminal open") != std::string::npos);
    CHECK((*child)->StderrText().find("interrupted") != std::string::npos);
    CHECK((*child)->Stop() == 0);  // idempotent
  }

  TEST_CASE("Start: a child that ignores SIGINT and SIGTERM is killed after the grace period") {
    auto runner = MakeRealProcessRunner();
    auto child = runner->Start(
        {"sh", "-c", "trap '' INT TERM; echo up; while :; do sleep 0.05; done"});
    REQUIRE(child.ok());
    REQUIRE((*child)->ReadLine(seconds(10)).ok());
    CHECK((*child)->Stop(milliseconds(200)) == 128 + 9);
  }

  TEST_CASE("Start: a child that ends on its own gives its lines, then OutOfRange and its code") {
    auto runner = MakeRealProcessRunner();
    auto child = runner->Start({"sh", "-c", "echo one; printf two; exit 4"});
    REQUIRE(child.ok());
    CHECK((*child)->ReadLine(seconds(10)).value() == "one");
    CHECK((*child)->ReadLine(seconds(10)).value() == "two");
    CHECK((*child)->ReadLine(seconds(10)).status().code() == Code::kOutOfRange);
    auto code = (*child)->Wait(seconds(10));
    REQUIRE(code.ok());
    CHECK(*code == 4);
  }

  TEST_CASE("Start: destroying the handle stops the child") {
    auto runner = MakeRealProcessRunner();
    testing::TempDir dir;
    auto marker = dir.path() / "pid";
    {
      auto child = runner->Start(
          {"sh", "-c", "echo $$ > '" + marker.string() + "'; echo ready; exec sleep 60"});
      REQUIRE(child.ok());
      REQUIRE((*child)->ReadLine(seconds(10)).ok());
    }
    std::ifstream f(marker);
    int pid = 0;
    f >> pid;
    REQUIRE(pid > 0);
    CHECK(::kill(pid, 0) != 0);  // gone (and reaped)
  }
}

TEST_SUITE("ProcessRunnerHelpers") {
  TEST_CASE("FormatArgv quotes only what needs quoting") {
    CHECK(FormatArgv({"kubectl", "--context", "tfsk", "apply", "-f", "-"}) ==
          "kubectl --context tfsk apply -f -");
    CHECK(FormatArgv({"sh", "-c", "echo it's"}) == "sh -c 'echo it'\\''s'");
    CHECK(FormatArgv({"x", ""}) == "x ''");
  }

  TEST_CASE("TailLines keeps the last non-empty lines, indented") {
    CHECK(TailLines("a\n\nb\r\nc\n", 2) == "  b\n  c\n");
    CHECK(TailLines("", 3).empty());
  }

  TEST_CASE("FindProgram searches PATH entries in order") {
    CHECK(FindProgram("sh", "/nonexistent:/bin").value() == "/bin/sh");
    CHECK_FALSE(FindProgram("sh", "/nonexistent").has_value());
    CHECK(FindProgram("/bin/sh", "").value() == "/bin/sh");
    CHECK_FALSE(FindProgram("", "/bin").has_value());
  }
}

}  // namespace
}  // namespace tfsk
