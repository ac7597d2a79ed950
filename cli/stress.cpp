// `tfsk stress`: load the model with many keep-alive connections (closed loop) or at a fixed rate
// (open loop), show a live line each second (plus the HPA when --hpa is given), and write a
// report. Ctrl-C stops the load early; the summary and the report are still produced.
#include <fmt/format.h>
#include <unistd.h>
#include <CLI/CLI.hpp>

#include <algorithm>
#include <atomic>
#include <csignal>
#include <memory>
#include <optional>

#include "cli/app.h"
#include "cli/context.h"
#include "cli/request_args.h"
#include "lib/cluster/kubectl.h"
#include "lib/http/url.h"
#include "lib/process/process_runner.h"
#include "lib/stress/cluster_view.h"
#include "lib/stress/load.h"
#include "lib/stress/report.h"

namespace tfsk::cli {
namespace {

struct StressOptions {
  RequestArgs req;
  int connections = 64;
  int threads = 0;
  double duration_s = 30;
  double rate = 0;
  double timeout_s = 5;
  std::string expect;
  std::string report;
  std::optional<int> until_replicas;
  std::string hpa;
  std::string selector;
  std::string kube_context;
  std::string kube_namespace = "default";
  int interval_s = 5;
};

/// Which HPA (and pods) the live view follows.
struct ClusterWatch {
  std::string hpa, selector, context, name_space;
};

std::atomic<bool> g_interrupted{false};
void OnSigint(int) { g_interrupted.store(true); }

// SIGINT/SIGTERM set a flag for the duration of the load; the previous handlers come back after.
class SigintScope {
 public:
  SigintScope() {
    g_interrupted.store(false);
    struct sigaction sa {};
    sa.sa_handler = OnSigint;
    sigemptyset(&sa.sa_mask);
    sigaction(SIGINT, &sa, &old_int_);
    sigaction(SIGTERM, &sa, &old_term_);
  }
  ~SigintScope() {
    sigaction(SIGINT, &old_int_, nullptr);
    sigaction(SIGTERM, &old_term_, nullptr);
  }

 private:
  struct sigaction old_int_ {};
  struct sigaction old_term_ {};
};

int RunStress(const StressOptions& o, Context& ctx) {
  auto prepared = PrepareRequest(o.req);
  if (!prepared.ok()) {
    ctx.err << "tfsk stress: " << prepared.status().message() << "\n";
    return PrepareErrorExit(prepared.status());
  }
  auto url = http::ParseUrl(prepared->url);
  if (!url.ok()) {
    ctx.err << "tfsk stress: " << url.status().message() << "\n";
    return kExitUsage;
  }
  if (o.connections < 1 || o.duration_s <= 0 || o.rate < 0 || o.timeout_s <= 0) {
    ctx.err << "tfsk stress: --connections, --duration and --timeout must be positive\n";
    return kExitUsage;
  }

  stress::LoadOptions lo;
  lo.url = *url;
  lo.body = prepared->body;
  lo.connections = o.connections;
  lo.threads = o.threads;
  lo.rate = o.rate;
  lo.duration = std::chrono::milliseconds(static_cast<long long>(o.duration_s * 1000));
  lo.timeout = std::chrono::milliseconds(static_cast<long long>(o.timeout_s * 1000));
  lo.expect = o.expect;

  // Load on what `tfsk up` deployed to a cluster: watch its HPA and pods without being told.
  ClusterWatch watch{o.hpa, o.selector, o.kube_context, o.kube_namespace};
  if (const auto& d = prepared->deployment; watch.hpa.empty() && d && !d->hpa.empty()) {
    watch = {d->hpa, d->selector, d->context, d->name_space};
    ctx.err << fmt::format("watching hpa/{} in {} (from {})\n", watch.hpa, watch.context,
                           prepared->source);
  }
  if (o.until_replicas && watch.hpa.empty()) {
    ctx.err << "tfsk stress: --until-replicas needs --hpa NAME (and --selector to count Ready "
               "pods) to watch the cluster, or a cluster deployed by `tfsk up` here\n";
    return kExitUsage;
  }

  std::unique_ptr<ProcessRunner> runner;
  std::unique_ptr<cluster::Kubectl> kubectl;
  std::unique_ptr<stress::ClusterView> view;
  std::unique_ptr<stress::ClusterPoller> poller;
  if (!watch.hpa.empty()) {
    runner = MakeRealProcessRunner();
    kubectl = std::make_unique<cluster::Kubectl>(
        *runner, cluster::KubeTarget{watch.context, watch.name_space});
    view = std::make_unique<stress::KubectlClusterView>(*kubectl, watch.hpa, watch.selector);
    poller = std::make_unique<stress::ClusterPoller>(*view, std::chrono::milliseconds(2000));
  }

  const bool tty = ::isatty(STDERR_FILENO) == 1;
  std::vector<stress::SeriesRow> rows;
  stress::ReportInfo info;
  info.url = prepared->url;
  info.mode = o.rate > 0 ? "open" : "closed";
  info.until_replicas = o.until_replicas;

  ctx.err << fmt::format("stress {} for {:.0f}s: {} connections, {}\n", prepared->url, o.duration_s,
                         o.connections,
                         o.rate > 0 ? fmt::format("{:.0f} req/s", o.rate) : "closed loop");
  auto on_tick = [&](const stress::Tick& t) -> std::string {
    stress::SeriesRow row{t, std::nullopt, std::nullopt};
    std::optional<stress::ClusterSample> cs;
    if (poller) cs = poller->Latest();
    if (cs) {
      row.replicas = cs->current_replicas;
      row.cpu_percent = cs->cpu_current;
    }
    rows.push_back(row);
    std::string line =
        fmt::format("{:>4}s  {:>8.0f} req/s  errors {:<6} p50 {:.2f} ms  p99 {:.2f} ms", t.second,
                    t.rps, t.errors, t.p50_ms, t.p99_ms);
    if (cs) line += "  " + stress::FormatCluster(*cs);
    if (tty) {
      ctx.err << "\r" << line << "\x1b[K" << std::flush;
    } else if (t.second % std::max(1, o.interval_s) == 0) {
      ctx.err << line << "\n";
    }
    if (o.until_replicas && cs) {
      const auto ready = cs->pods_ready ? cs->pods_ready : cs->current_replicas;
      if (ready && *ready >= *o.until_replicas) {
        info.time_to_scale_s = t.elapsed_s;
        return fmt::format("{} replicas ready", *o.until_replicas);
      }
    }
    return "";
  };

  stress::LoadResult result;
  {
    SigintScope sigint;
    result = stress::RunLoad(lo, on_tick, &g_interrupted);
  }
  poller.reset();
  if (tty) ctx.err << "\n";
  // The final partial tick was not shown live; add it to the series.
  if (!result.ticks.empty() &&
      (rows.empty() || rows.back().tick.second != result.ticks.back().second)) {
    stress::SeriesRow last{result.ticks.back(), std::nullopt, std::nullopt};
    if (!rows.empty()) {
      last.replicas = rows.back().replicas;
      last.cpu_percent = rows.back().cpu_percent;
    }
    rows.push_back(last);
  }
  ctx.out << stress::SummaryText(result, info);
  if (!o.report.empty()) {
    Status s = stress::WriteReport(o.report, result, info, rows);
    if (!s.ok()) {
      ctx.err << "tfsk stress: " << s.message() << "\n";
      return kExitFailure;
    }
    ctx.out << fmt::format("report: {}/summary.json, timeseries.csv, chart.svg\n", o.report);
  }
  if (result.counts.answered == 0) {
    ctx.err << fmt::format(
        "tfsk stress: no answer from {} (see the error counts above; check "
        "'tfsk status')\n",
        prepared->url);
    return kExitFailure;
  }
  if (o.until_replicas && !info.time_to_scale_s) {
    ctx.err << fmt::format("tfsk stress: {} replicas were not ready before the load ended\n",
                           *o.until_replicas);
    return kExitFailure;
  }
  return result.stop_reason == "interrupted" ? 130 : kExitOk;
}

}  // namespace

void SetupStress(CLI::App& parent, Context& ctx) {
  auto o = std::make_shared<StressOptions>();
  CLI::App* cmd =
      parent.add_subcommand("stress", "Generate load and watch the autoscaler add replicas");
  cmd->footer(
      "Examples:\n  tfsk stress --duration 60\n"
      "  tfsk stress --url http://127.0.0.1:8501 --rate 500 --report out/\n"
      "  tfsk stress --duration 300 --until-replicas 3   (watches the HPA `tfsk up` deployed)\n"
      "  tfsk stress --url URL --hpa tf-serving-hpa --selector app=tf-serving --until-replicas 4");
  AddRequestArgs(cmd, o->req);
  cmd->add_option("-c,--connections", o->connections, "Keep-alive connections")
      ->capture_default_str();
  cmd->add_option("-t,--threads", o->threads, "Threads (default: number of cores)");
  cmd->add_option("-d,--duration", o->duration_s, "Seconds of load")->capture_default_str();
  cmd->add_option("-R,--rate", o->rate,
                  "Open loop: total requests/s, latency from each intended send time");
  cmd->add_option("--timeout", o->timeout_s, "Seconds before a request counts as timed out")
      ->capture_default_str();
  cmd->add_option("--expect", o->expect, "JSON every answer must equal (else invalid_answer)");
  cmd->add_option("--report", o->report, "Folder for summary.json, timeseries.csv, chart.svg");
  cmd->add_option("--until-replicas", o->until_replicas,
                  "Stop once N replicas are Ready and report the time to scale (needs --hpa)");
  cmd->add_option("--hpa", o->hpa, "HorizontalPodAutoscaler to show live (kubectl)");
  cmd->add_option("--selector", o->selector, "Label selector of the model's pods (Ready count)");
  cmd->add_option("--context", o->kube_context, "kubectl context for --hpa");
  cmd->add_option("--namespace", o->kube_namespace, "Namespace for --hpa")->capture_default_str();
  cmd->add_option("--interval", o->interval_s, "Seconds between lines when not on a terminal")
      ->capture_default_str();
  cmd->callback([o, &ctx] { ctx.exit_code = RunStress(*o, ctx); });
}

}  // namespace tfsk::cli
