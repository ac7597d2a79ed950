#include <doctest/doctest.h>

#include <boost/json.hpp>

#include <filesystem>
#include <fstream>
#include <sstream>

#include "lib/stress/cluster_view.h"
#include "lib/stress/report.h"
#include "lib/cluster/kubectl.h"
#include "tests/support/fake_process_runner.h"

namespace tfsk::stress {
namespace {

std::string Slurp(const std::filesystem::path& p) {
  std::ifstream f(p);
  std::ostringstream os;
  os << f.rdbuf();
  return os.str();
}

LoadResult Sample() {
  LoadResult r;
  r.elapsed_s = 2;
  r.connections = 4;
  r.threads = 2;
  r.counts.sent = 12;
  r.counts.answered = 10;
  r.counts.ok = 9;
  r.counts.by_status = {{200, 9}, {503, 1}};
  r.counts.errors_by_kind[static_cast<size_t>(ErrorKind::kTimeout)] = 2;
  for (int i = 1; i <= 10; ++i) r.latency.Record(i * 1000000);
  for (int s = 1; s <= 2; ++s) {
    Tick t;
    t.second = s;
    t.elapsed_s = s;
    t.sent = 6;
    t.ok = 4 + s;
    t.rps = 5;
    t.p50_ms = 5;
    t.p99_ms = 10;
    r.ticks.push_back(t);
  }
  r.stop_reason = "duration";
  return r;
}

TEST_SUITE("stress::Report") {
  TEST_CASE("summary.json, timeseries.csv and chart.svg hold the right fields") {
    auto r = Sample();
    std::vector<SeriesRow> rows = {{r.ticks[0], 1, 45}, {r.ticks[1], 3, std::nullopt}};
    ReportInfo info{"http://127.0.0.1:1/v1/models/m:predict", "closed", 3, 1.0};
    const auto dir = std::filesystem::temp_directory_path() / "tfsk_stress_report_test";
    std::filesystem::remove_all(dir);
    REQUIRE(WriteReport(dir.string(), r, info, rows).ok());

    auto summary = boost::json::parse(Slurp(dir / "summary.json")).as_object();
    CHECK(summary["requests"].to_number<std::uint64_t>() == 10);
    CHECK(summary["errors"].to_number<std::uint64_t>() == 3);  // one 503 + two timeouts
    CHECK(summary["status"].as_object()["503"].to_number<std::uint64_t>() == 1);
    CHECK(summary["error_kinds"].as_object()["timeout"].to_number<std::uint64_t>() == 2);
    CHECK(summary["latency"].as_object().contains("p99_9_ms"));
    CHECK(summary["time_to_scale_s"].as_double() == 1.0);

    std::istringstream csv(Slurp(dir / "timeseries.csv"));
    std::string line;
    std::getline(csv, line);
    CHECK(line == "t,sent,ok,errors,p50_ms,p99_ms,replicas,cpu_percent");
    std::getline(csv, line);
    CHECK(line == "1.000,6,5,0,5.000,10.000,1,45");
    std::getline(csv, line);
    CHECK(line == "2.000,6,6,0,5.000,10.000,3,");

    const std::string svg = Slurp(dir / "chart.svg");
    CHECK(svg.rfind("<svg", 0) == 0);
    CHECK(svg.find("replicas") != std::string::npos);
    CHECK(SummaryText(r, info).find("p99.9") != std::string::npos);
    std::filesystem::remove_all(dir);
  }
}

TEST_SUITE("stress::ClusterView") {
  TEST_CASE("the live view reads the HPA and the pods through kubectl") {
    testing::FakeProcessRunner fake;
    const Argv k = {"kubectl", "--context", "tfsk", "--namespace", "default"};
    auto K = [&](std::initializer_list<std::string> rest) {
      Argv a = k;
      a.insert(a.end(), rest);
      return a;
    };
    fake.Expect(K({"get", "hpa", "tf-serving-hpa", "-o", "json"}))
        .Stdout(testing::ReadTestData("cluster/kubectl/hpa_scaling.json"));
    fake.Expect(K({"get", "pods", "-l", "app=tf-serving", "-o", "json"}))
        .Stdout(testing::ReadTestData("cluster/kubectl/pods_running.json"));
    fake.Expect(K({"get", "hpa", "tf-serving-hpa", "-o", "json"}))
        .Stderr(testing::ReadTestData("cluster/kubectl/get_hpa_not_found.stderr"))
        .ExitCode(1);
    cluster::Kubectl kubectl(fake, {"tfsk", "default"});
    KubectlClusterView view(kubectl, "tf-serving-hpa", "app=tf-serving");
    auto s = view.Sample();
    REQUIRE(s.ok());
    CHECK(s->current_replicas == 1);
    CHECK(s->desired_replicas == 3);
    CHECK(s->cpu_current == 45);
    CHECK(s->cpu_target == 20);
    CHECK(s->pods_ready == 1);
    CHECK(FormatCluster(*s) == "replicas 1->3  cpu 45%/20%  pods 1/1 ready");
    CHECK_FALSE(view.Sample().ok());
    fake.VerifyAllConsumed();
  }
}

}  // namespace
}  // namespace tfsk::stress
