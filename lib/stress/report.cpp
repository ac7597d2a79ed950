#include "lib/stress/report.h"

#include <boost/json.hpp>
#include <fmt/format.h>

#include <algorithm>
#include <filesystem>
#include <fstream>

namespace tfsk::stress {
namespace {

double Ms(std::int64_t ns) { return static_cast<double>(ns) / 1e6; }

std::string Cell(const std::optional<int>& v) { return v ? std::to_string(*v) : ""; }

Status WriteText(const std::filesystem::path& p, const std::string& text) {
  std::ofstream f(p, std::ios::binary | std::ios::trunc);
  f << text;
  f.close();
  if (!f) return Internal("writing " + p.string() + " failed");
  return OkStatus();
}

}  // namespace

std::string SummaryText(const LoadResult& r, const ReportInfo& info) {
  const auto& c = r.counts;
  std::string out = fmt::format(
      "{} requests in {:.2f}s to {} ({} loop, {} connections, {} threads{})\n", c.answered,
      r.elapsed_s, info.url, info.mode, r.connections, r.threads,
      r.requested_rate > 0 ? fmt::format(", {:.0f} req/s requested", r.requested_rate) : "");
  out += fmt::format("  req/s      {:.1f}   (ok {}, errors {})\n",
                     static_cast<double>(c.answered) / r.elapsed_s, c.ok, c.errors());
  const auto& h = r.latency;
  out += fmt::format(
      "  latency    p50 {:.3f} ms  p90 {:.3f} ms  p99 {:.3f} ms  p99.9 {:.3f} ms  max {:.3f} ms\n",
      Ms(h.Percentile(0.5)), Ms(h.Percentile(0.9)), Ms(h.Percentile(0.99)),
      Ms(h.Percentile(0.999)), Ms(h.max()));
  std::string statuses;
  for (const auto& [code, n] : c.by_status) statuses += fmt::format(" {}:{}", code, n);
  out += fmt::format("  status    {}\n", statuses.empty() ? " none" : statuses);
  std::string errors;
  for (int k = 0; k < kErrorKinds; ++k) {
    const auto n = c.errors_by_kind[static_cast<size_t>(k)];
    if (n != 0) errors += fmt::format(" {}:{}", ErrorKindName(static_cast<ErrorKind>(k)), n);
  }
  if (!errors.empty()) out += fmt::format("  errors    {}\n", errors);
  if (r.unfinished != 0) out += fmt::format("  unfinished {} (in flight at the stop)\n", r.unfinished);
  if (info.time_to_scale_s) {
    out += fmt::format("  time to {} replicas ready: {:.1f}s\n", info.until_replicas.value_or(0),
                       *info.time_to_scale_s);
  }
  out += fmt::format("  stopped by {}\n", r.stop_reason);
  return out;
}

std::string SummaryJson(const LoadResult& r, const ReportInfo& info) {
  namespace json = boost::json;
  const auto& c = r.counts;
  const auto& h = r.latency;
  json::object o;
  o["url"] = info.url;
  o["mode"] = info.mode;
  o["connections"] = r.connections;
  o["threads"] = r.threads;
  if (r.requested_rate > 0) o["requested_rate"] = r.requested_rate;
  o["duration_s"] = r.elapsed_s;
  o["requests"] = c.answered;
  o["sent"] = c.sent;
  o["ok"] = c.ok;
  o["errors"] = c.errors();
  o["unfinished"] = r.unfinished;
  o["requests_per_second"] = static_cast<double>(c.answered) / r.elapsed_s;
  json::object lat;
  lat["p50_ms"] = Ms(h.Percentile(0.5));
  lat["p90_ms"] = Ms(h.Percentile(0.9));
  lat["p99_ms"] = Ms(h.Percentile(0.99));
  lat["p99_9_ms"] = Ms(h.Percentile(0.999));
  lat["max_ms"] = Ms(h.max());
  lat["mean_ms"] = h.mean() / 1e6;
  o["latency"] = lat;
  json::object st;
  for (const auto& [code, n] : c.by_status) st[std::to_string(code)] = n;
  o["status"] = st;
  json::object ek;
  for (int k = 0; k < kErrorKinds; ++k) {
    ek[ErrorKindName(static_cast<ErrorKind>(k))] = c.errors_by_kind[static_cast<size_t>(k)];
  }
  o["error_kinds"] = ek;
  o["stop_reason"] = r.stop_reason;
  if (info.until_replicas) o["until_replicas"] = *info.until_replicas;
  if (info.time_to_scale_s) o["time_to_scale_s"] = *info.time_to_scale_s;
  return json::serialize(o) + "\n";
}

std::string TimeseriesCsv(const std::vector<SeriesRow>& rows) {
  std::string out = "t,sent,ok,errors,p50_ms,p99_ms,replicas,cpu_percent\n";
  for (const auto& row : rows) {
    const auto& t = row.tick;
    out += fmt::format("{:.3f},{},{},{},{:.3f},{:.3f},{},{}\n", t.elapsed_s, t.sent, t.ok,
                       t.errors, t.p50_ms, t.p99_ms, Cell(row.replicas), Cell(row.cpu_percent));
  }
  return out;
}

std::string ChartSvg(const std::vector<SeriesRow>& rows, const std::string& title) {
  constexpr double W = 800, H = 400, L = 60, R = 60, T = 40, B = 40;
  const double pw = W - L - R, ph = H - T - B;
  double tmax = 1, rps_max = 1, p99_max = 1;
  int rep_max = 1;
  for (const auto& row : rows) {
    tmax = std::max(tmax, row.tick.elapsed_s);
    rps_max = std::max(rps_max, row.tick.rps);
    p99_max = std::max(p99_max, row.tick.p99_ms);
    if (row.replicas) rep_max = std::max(rep_max, *row.replicas);
  }
  rps_max *= 1.1;
  p99_max *= 1.1;
  auto x = [&](double t) { return L + pw * t / tmax; };
  auto y = [&](double v, double max) { return T + ph * (1 - v / max); };
  std::string rps_pts, p99_pts, rep_pts;
  std::optional<int> last_rep;
  double last_t = 0;
  for (const auto& row : rows) {
    const double t = row.tick.elapsed_s;
    rps_pts += fmt::format("{:.1f},{:.1f} ", x(t), y(row.tick.rps, rps_max));
    p99_pts += fmt::format("{:.1f},{:.1f} ", x(t), y(row.tick.p99_ms, p99_max));
    if (row.replicas) {
      // A step: hold the previous count until this tick, then jump.
      const double ry = y(*row.replicas, rep_max + 1);
      if (last_rep) rep_pts += fmt::format("{:.1f},{:.1f} ", x(t), y(*last_rep, rep_max + 1));
      else rep_pts += fmt::format("{:.1f},{:.1f} ", x(last_t), ry);
      rep_pts += fmt::format("{:.1f},{:.1f} ", x(t), ry);
      last_rep = row.replicas;
    }
    last_t = t;
  }
  std::string svg = fmt::format(
      "<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"{0}\" height=\"{1}\" "
      "font-family=\"sans-serif\" font-size=\"12\">\n"
      "<rect width=\"{0}\" height=\"{1}\" fill=\"white\"/>\n"
      "<text x=\"{2}\" y=\"20\" font-size=\"14\">{3}</text>\n"
      "<rect x=\"{2}\" y=\"{4}\" width=\"{5}\" height=\"{6}\" fill=\"none\" stroke=\"#888\"/>\n",
      W, H, L, title, T, pw, ph);
  for (int i = 0; i <= 4; ++i) {
    const double f = i / 4.0;
    svg += fmt::format(
        "<text x=\"{:.0f}\" y=\"{:.0f}\" text-anchor=\"end\" fill=\"#1f77b4\">{:.0f}</text>"
        "<text x=\"{:.0f}\" y=\"{:.0f}\" fill=\"#d62728\">{:.1f}</text>"
        "<text x=\"{:.0f}\" y=\"{:.0f}\" text-anchor=\"middle\">{:.0f}s</text>\n",
        L - 4, T + ph * (1 - f) + 4, rps_max * f, W - R + 4, T + ph * (1 - f) + 4, p99_max * f,
        L + pw * f, H - B + 16, tmax * f);
  }
  svg += fmt::format(
      "<polyline fill=\"none\" stroke=\"#1f77b4\" stroke-width=\"2\" points=\"{}\"/>\n"
      "<polyline fill=\"none\" stroke=\"#d62728\" stroke-width=\"1.5\" points=\"{}\"/>\n",
      rps_pts, p99_pts);
  if (!rep_pts.empty()) {
    svg += fmt::format(
        "<polyline fill=\"none\" stroke=\"#2ca02c\" stroke-width=\"2\" stroke-dasharray=\"6 3\" "
        "points=\"{}\"/>\n",
        rep_pts);
  }
  svg += fmt::format(
      "<text x=\"{0}\" y=\"{1}\" fill=\"#1f77b4\">req/s (left)</text>"
      "<text x=\"{2}\" y=\"{1}\" fill=\"#d62728\">p99 ms (right)</text>"
      "<text x=\"{3}\" y=\"{1}\" fill=\"#2ca02c\">replicas (step, 0..{4})</text>\n</svg>\n",
      L, H - 8, L + 120, L + 250, rep_max + 1);
  return svg;
}

Status WriteReport(const std::string& dir, const LoadResult& r, const ReportInfo& info,
                   const std::vector<SeriesRow>& rows) {
  std::error_code ec;
  std::filesystem::create_directories(dir, ec);
  if (ec) return Internal("creating " + dir + ": " + ec.message());
  const std::filesystem::path d(dir);
  TFSK_RETURN_IF_ERROR(WriteText(d / "summary.json", SummaryJson(r, info)));
  TFSK_RETURN_IF_ERROR(WriteText(d / "timeseries.csv", TimeseriesCsv(rows)));
  TFSK_RETURN_IF_ERROR(WriteText(d / "chart.svg", ChartSvg(rows, "tfsk stress: " + info.url)));
  return OkStatus();
}

}  // namespace tfsk::stress
