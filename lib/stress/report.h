#pragma once
// What `tfsk stress` leaves behind: a terminal summary, and with --report DIR summary.json,
// timeseries.csv and chart.svg (req/s and p99 over time, replicas as a step line). PNG via
// gnuplot is left to the user (the CSV is gnuplot-ready); the SVG needs nothing installed.

#include <optional>
#include <string>
#include <vector>

#include "lib/base/status.h"
#include "lib/stress/load.h"

namespace tfsk::stress {

/// One per-second row of the report: the load's tick plus what the cluster view saw then.
struct SeriesRow {
  Tick tick;
  std::optional<int> replicas;
  std::optional<int> cpu_percent;
};

struct ReportInfo {
  std::string url;
  std::string mode;                       ///< "closed" or "open"
  std::optional<int> until_replicas;
  std::optional<double> time_to_scale_s;  ///< load start -> N replicas Ready
};

/// The human summary (several lines): requests, rate, latency percentiles, statuses, errors.
std::string SummaryText(const LoadResult& r, const ReportInfo& info);
/// summary.json's text.
std::string SummaryJson(const LoadResult& r, const ReportInfo& info);
/// Header "t,sent,ok,errors,p50_ms,p99_ms,replicas,cpu_percent" + one row per tick (empty cells
/// for unknown replicas/cpu).
std::string TimeseriesCsv(const std::vector<SeriesRow>& rows);
/// A self-contained SVG chart.
std::string ChartSvg(const std::vector<SeriesRow>& rows, const std::string& title);
/// Writes the three files into `dir` (created). Internal naming the file on failure.
Status WriteReport(const std::string& dir, const LoadResult& r, const ReportInfo& info,
                   const std::vector<SeriesRow>& rows);

}  // namespace tfsk::stress
