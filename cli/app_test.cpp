#include "cli/app.h"
#include "cli/run_args_test_util.h"

#include <doctest/doctest.h>

#include <sstream>

namespace tfsk::cli {
namespace {

using testing::RunArgs;

}  // namespace

TEST_SUITE("CliApp") {
  TEST_CASE("--help lists every planned subcommand") {
    auto r = RunArgs({"--help"});
    CHECK(r.code == 0);
    for (const char* cmd : {"up", "down", "status", "predict", "stress", "render", "doctor",
                            "serve"}) {
      CHECK_MESSAGE(r.out.find(cmd) != std::string::npos, cmd);
    }
  }

  TEST_CASE("--version prints the project version") {
    auto r = RunArgs({"--version"});
    CHECK(r.code == 0);
    CHECK(r.out.find("tfsk 0.") == 0);
  }

  TEST_CASE("an unknown subcommand is a usage error with a suggestion") {
    auto r = RunArgs({"stauts"});
    CHECK(r.code == kExitUsage);
    CHECK(r.err.find("unknown command 'stauts' (did you mean 'status'?)") != std::string::npos);
  }

  TEST_CASE("an unknown flag is a usage error with a suggestion") {
    auto r = RunArgs({"--verison"});
    CHECK(r.code == kExitUsage);
    CHECK(r.err.find("did you mean '--version'?") != std::string::npos);
  }

  TEST_CASE("no subcommand is a usage error") {
    auto r = RunArgs({});
    CHECK(r.code == kExitUsage);
    CHECK(r.err.find("subcommand") != std::string::npos);
  }
}

}  // namespace tfsk::cli
