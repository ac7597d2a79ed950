#include "lib/local/local_logs.h"

#include <doctest/doctest.h>

#include <fstream>
#include <sstream>

#include "tests/support/shared.h"

namespace tfsk::local {
namespace {

void Append(const std::filesystem::path& p, const std::string& text) {
  std::ofstream(p, std::ios::app | std::ios::binary) << text;
}

TEST_SUITE("PrintLog") {
  TEST_CASE("the last N complete lines, a half-written line waits") {
    testing::TempDir dir;
    const auto log = dir.path() / "serving.log";
    Append(log, "one\ntwo\nthree\nfour\npart");
    std::ostringstream out;
    LogsOptions o;
    o.tail = 2;
    REQUIRE(PrintLog(log, o, out).ok());
    CHECK(out.str() == "three\nfour\n");

    std::ostringstream all;
    o.tail = -1;
    REQUIRE(PrintLog(log, o, all).ok());
    CHECK(all.str() == "one\ntwo\nthree\nfour\n");
  }

  TEST_CASE("follow prints what the server appends, and restarts on a new file") {
    testing::TempDir dir;
    const auto log = dir.path() / "serving.log";
    Append(log, "start\n");
    int polls = 0;
    LogsOptions o;
    o.follow = true;
    o.poll = std::chrono::milliseconds(1);
    o.stop = [&] {
      ++polls;
      if (polls == 1) Append(log, "request 1\nhalf");
      if (polls == 2) Append(log, " done\n");
      if (polls == 3) std::ofstream(log, std::ios::trunc) << "new\n";  // a new `tfsk up`
      return polls > 4;
    };
    std::ostringstream out;
    REQUIRE(PrintLog(log, o, out).ok());
    CHECK(out.str() == "start\nrequest 1\nhalf done\nnew\n");
  }

  TEST_CASE("a missing log and a project with nothing up say what to run") {
    testing::TempDir dir;
    std::ostringstream out;
    Status missing = PrintLog(dir.path() / "nope.log", {}, out);
    CHECK(missing.code() == Code::kNotFound);
    CHECK(missing.message().find("tfsk up --target local") != std::string::npos);
    Status none = PrintProjectLog(dir.path(), {}, out);
    CHECK(none.code() == Code::kFailedPrecondition);
    CHECK(none.message().find("tfsk up --target local") != std::string::npos);
  }
}

}  // namespace
}  // namespace tfsk::local
