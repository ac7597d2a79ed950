// The load engine against the in-process test server (127.0.0.1, ephemeral port): counts,
// status tallies, error kinds, latency on known delays and the open-loop rate. Bounds are
// generous: the machine running the tests may be loaded.
#include <doctest/doctest.h>

#include <atomic>
#include <thread>

#include "lib/http/test_server.h"
#include "lib/stress/load.h"

namespace tfsk::stress {
namespace {

using std::chrono::milliseconds;

LoadOptions Options(int port, milliseconds duration) {
  LoadOptions o;
  o.url = *http::ParseUrl("http://127.0.0.1:" + std::to_string(port) + "/v1/models/m:predict");
  o.body = R"({"instances": [1.0, 2.0, 5.0]})";
  o.connections = 4;
  o.threads = 2;
  o.duration = duration;
  o.timeout = milliseconds(1000);
  return o;
}

std::uint64_t Kind(const Counts& c, ErrorKind k) { return c.errors_by_kind[static_cast<size_t>(k)]; }

TEST_SUITE("stress::RunLoad") {
  TEST_CASE("closed loop: every answer counted, by status, with ticks") {
    std::atomic<int> n{0};
    http::TestServer server([&](const http::TestRequest&) {
      http::TestReply r;
      if (++n % 4 == 0) r = http::TestReply{503, R"({"error": "busy"})"};
      return r;
    });
    auto r = RunLoad(Options(server.port(), milliseconds(1500)));
    CHECK(r.counts.answered > 20);
    CHECK(r.counts.answered <= static_cast<std::uint64_t>(server.requests()));
    CHECK(r.counts.sent >= r.counts.answered);
    CHECK(r.counts.by_status[200] + r.counts.by_status[503] == r.counts.answered);
    CHECK(r.counts.by_status[503] > 0);
    CHECK(r.counts.ok == r.counts.by_status[200]);
    CHECK(r.counts.errors() == r.counts.by_status[503]);
    CHECK(r.ticks.size() >= 2);
    CHECK(r.stop_reason == "duration");
    CHECK(r.elapsed_s == doctest::Approx(1.5).epsilon(0.2));
  }
  TEST_CASE("a refused port gives connect errors and stops on time") {
    auto o = Options(http::RefusedPort(), milliseconds(500));
    const auto t0 = std::chrono::steady_clock::now();
    auto r = RunLoad(o);
    CHECK(std::chrono::steady_clock::now() - t0 < milliseconds(3000));
    CHECK(Kind(r.counts, ErrorKind::kConnect) > 0);
    CHECK(r.counts.answered == 0);
  }
  TEST_CASE("a server closing connections gives reset errors") {
    http::TestServer server([](const http::TestRequest&) {
      http::TestReply r;
      r.drop = true;
      return r;
    });
    auto r = RunLoad(Options(server.port(), milliseconds(500)));
    CHECK(Kind(r.counts, ErrorKind::kReset) > 0);
    CHECK(r.counts.answered == 0);
  }
  TEST_CASE("a delay beyond the timeout gives timeouts, and the run ends within the grace") {
    http::TestServer server([](const http::TestRequest&) {
      http::TestReply r;
      r.delay = milliseconds(3000);
      return r;
    });
    auto o = Options(server.port(), milliseconds(800));
    o.timeout = milliseconds(200);
    o.grace = milliseconds(300);
    const auto t0 = std::chrono::steady_clock::now();
    auto r = RunLoad(o);
    CHECK(std::chrono::steady_clock::now() - t0 < milliseconds(2500));
    CHECK(Kind(r.counts, ErrorKind::kTimeout) >= 4);
  }
  TEST_CASE("answers that differ from --expect are invalid answers") {
    http::TestServer server([](const http::TestRequest&) { return http::TestReply{}; });
    auto o = Options(server.port(), milliseconds(400));
    o.expect = R"({"predictions": [2.5, 3.0, 4.5]})";
    auto good = RunLoad(o);
    CHECK(good.counts.ok > 0);
    CHECK(Kind(good.counts, ErrorKind::kInvalid) == 0);
    o.expect = R"({"predictions": [0]})";
    auto bad = RunLoad(o);
    CHECK(bad.counts.ok == 0);
    CHECK(Kind(bad.counts, ErrorKind::kInvalid) == bad.counts.answered);
  }
  TEST_CASE("latency percentiles reflect a known server delay") {
    http::TestServer server([](const http::TestRequest&) {
      http::TestReply r;
      r.delay = milliseconds(50);
      return r;
    });
    auto o = Options(server.port(), milliseconds(1000));
    o.connections = 2;
    auto r = RunLoad(o);
    REQUIRE(r.counts.answered > 5);
    const double p50 = static_cast<double>(r.latency.Percentile(0.5)) / 1e6;
    CHECK(p50 >= 49.0);
    CHECK(p50 < 200.0);
  }
  TEST_CASE("open loop: 200 req/s for 2 s sends about 400 requests") {
    http::TestServer server([](const http::TestRequest&) { return http::TestReply{}; });
    auto o = Options(server.port(), milliseconds(2000));
    o.rate = 200;
    auto r = RunLoad(o);
    CHECK(r.counts.sent >= 300);
    CHECK(r.counts.sent <= 500);
  }
  TEST_CASE("an interrupt or the tick callback stops the run early") {
    http::TestServer server([](const http::TestRequest&) { return http::TestReply{}; });
    std::atomic<bool> stop{false};
    std::thread t([&] {
      std::this_thread::sleep_for(milliseconds(300));
      stop = true;
    });
    auto r = RunLoad(Options(server.port(), milliseconds(20000)), {}, &stop);
    t.join();
    CHECK(r.stop_reason == "interrupted");
    CHECK(r.elapsed_s < 5);
    auto r2 = RunLoad(Options(server.port(), milliseconds(20000)),
                      [](const Tick& tick) { return tick.second >= 1 ? std::string("enough") : ""; });
    CHECK(r2.stop_reason == "enough");
    CHECK(r2.elapsed_s < 5);
  }
}

}  // namespace
}  // namespace tfsk::stress
