// tfsk predict / stress through the CLI against the in-process test server (127.0.0.1).
#include <doctest/doctest.h>

#include <filesystem>
#include <sstream>

#include "cli/app.h"
#include "cli/run_args_test_util.h"
#include "lib/http/test_server.h"

namespace tfsk::cli {
namespace {

using testing::RunArgs;

TEST_SUITE("tfsk predict") {
  TEST_CASE("prints the answer, sends the body and path built from the flags") {
    std::string seen;
    http::TestServer server([&](const http::TestRequest& r) {
      seen = r.target + " " + r.body;
      return http::TestReply{};
    });
    auto r = RunArgs({"predict", "--url", server.url(), "--instances", "1.0,2.0,5.0"});
    CHECK(r.code == 0);
    CHECK(r.out == "{\"predictions\": [2.5, 3.0, 4.5]}\n");
    CHECK(seen == R"(/v1/models/half_plus_two:predict {"instances": [1.0, 2.0, 5.0]})");
    auto t = RunArgs({"predict", "--url", server.url(), "--model", "m", "--version", "2", "-o",
                      "table"});
    CHECK(t.code == 0);
    CHECK(t.out.find("0  2.5") != std::string::npos);
    CHECK(seen.rfind("/v1/models/m/versions/2:predict", 0) == 0);
  }
  TEST_CASE("an HTTP error prints the server's message and exits 1") {
    http::TestServer server([](const http::TestRequest&) {
      return http::TestReply{404, "{\n    \"error\": \"Servable not found for request: Latest(x)\"\n}"};
    });
    auto r = RunArgs({"predict", "--url", server.url(), "--model", "x"});
    CHECK(r.code == 1);
    CHECK(r.err.find("HTTP 404: Servable not found for request: Latest(x)") != std::string::npos);
  }
  TEST_CASE("an unreachable endpoint names the URL and suggests tfsk status") {
    const std::string url = "http://127.0.0.1:" + std::to_string(http::RefusedPort());
    auto r = RunArgs({"predict", "--url", url});
    CHECK(r.code == 1);
    CHECK(r.err.find("connecting to " + url + ": Connection refused") != std::string::npos);
    CHECK(r.err.find("tfsk status") != std::string::npos);
  }
  TEST_CASE("malformed --instances is a usage error naming the problem") {
    auto r = RunArgs({"predict", "--url", "http://127.0.0.1:1", "--instances", "1,x"});
    CHECK(r.code == 2);
    CHECK(r.err.find("'x') is not a number") != std::string::npos);
    CHECK(RunArgs({"predict", "--url", "https://h:1"}).code == 2);
  }
}

TEST_SUITE("tfsk stress") {
  TEST_CASE("a short run prints the summary and writes the report") {
    http::TestServer server([](const http::TestRequest&) { return http::TestReply{}; });
    const auto dir = std::filesystem::temp_directory_path() / "tfsk_cli_stress_report";
    std::filesystem::remove_all(dir);
    auto r = RunArgs({"stress", "--url", server.url(), "-c", "2", "-t", "1", "-d", "1.2",
                      "--report", dir.string()});
    CHECK(r.code == 0);
    CHECK(r.out.find("latency") != std::string::npos);
    CHECK(std::filesystem::exists(dir / "summary.json"));
    CHECK(std::filesystem::exists(dir / "timeseries.csv"));
    CHECK(std::filesystem::exists(dir / "chart.svg"));
    std::filesystem::remove_all(dir);
  }
}

}  // namespace
}  // namespace tfsk::cli
