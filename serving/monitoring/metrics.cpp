#include "serving/monitoring/metrics.h"

#include <fmt/format.h>

#include <algorithm>
#include <cmath>
#include <mutex>

namespace tfsk::serving::monitoring {
namespace {

void RenderHeader(std::string& out, const std::string& name, const std::string& help,
                  const char* type) {
  if (!help.empty()) out += "# HELP " + name + " " + help + "\n";
  out += "# TYPE " + name + " " + type + "\n";
}

// Finds or creates a cell: shared lock for the common case, exclusive only to insert.
template <typename CellT, typename Make>
CellT& FindOrCreate(std::shared_mutex& mu,
                    std::map<std::vector<std::string>, std::unique_ptr<CellT>>& cells,
                    const std::vector<std::string>& key, Make make) {
  {
    std::shared_lock lock(mu);
    if (auto it = cells.find(key); it != cells.end()) return *it->second;
  }
  std::unique_lock lock(mu);
  auto& slot = cells[key];
  if (!slot) slot = make();
  return *slot;
}

}  // namespace

HistogramCell::HistogramCell(const std::vector<double>* bounds)
    : bounds_(bounds), buckets_(new std::atomic<std::uint64_t>[bounds->size() + 1]) {
  for (std::size_t i = 0; i <= bounds->size(); ++i) buckets_[i].store(0);
}

void HistogramCell::Observe(double value) {
  // Prometheus buckets are "less than or equal"; lower_bound finds the first bound >= value.
  auto i = static_cast<std::size_t>(std::lower_bound(bounds_->begin(), bounds_->end(), value) -
                                    bounds_->begin());
  buckets_[i].fetch_add(1, std::memory_order_relaxed);
  sum_.fetch_add(value, std::memory_order_relaxed);
  count_.fetch_add(1, std::memory_order_relaxed);
}

std::vector<double> ExponentialBounds(double start, double factor, int count) {
  std::vector<double> out;
  double v = start;
  for (int i = 0; i < count; ++i, v *= factor) out.push_back(v);
  return out;
}

CounterFamily::CounterFamily(std::string name, std::string help,
                             std::vector<std::string> label_names)
    : name_(std::move(name)), help_(std::move(help)), label_names_(std::move(label_names)) {}

CounterCell& CounterFamily::Cell(const std::vector<std::string>& label_values) {
  return FindOrCreate(mu_, cells_, label_values, [] { return std::make_unique<CounterCell>(); });
}

void CounterFamily::Render(std::string& out) const {
  std::shared_lock lock(mu_);
  if (cells_.empty()) return;
  RenderHeader(out, name_, help_, "counter");
  for (const auto& [values, cell] : cells_) {
    out += name_ + RenderLabels(label_names_, values) + " " + std::to_string(cell->value()) + "\n";
  }
}

HistogramFamily::HistogramFamily(std::string name, std::string help,
                                 std::vector<std::string> label_names, std::vector<double> bounds)
    : name_(std::move(name)),
      help_(std::move(help)),
      label_names_(std::move(label_names)),
      bounds_(std::move(bounds)) {}

HistogramCell& HistogramFamily::Cell(const std::vector<std::string>& label_values) {
  return FindOrCreate(mu_, cells_, label_values,
                      [this] { return std::make_unique<HistogramCell>(&bounds_); });
}

void HistogramFamily::Render(std::string& out) const {
  std::shared_lock lock(mu_);
  if (cells_.empty()) return;
  RenderHeader(out, name_, help_, "histogram");
  for (const auto& [values, cell] : cells_) {
    std::uint64_t cumulative = 0;
    for (std::size_t i = 0; i <= bounds_.size(); ++i) {
      cumulative += cell->bucket(i);
      const std::string le = i < bounds_.size() ? RenderNumber(bounds_[i]) : std::string("+Inf");
      out += name_ + "_bucket" + RenderLabels(label_names_, values, "le=\"" + le + "\"") + " " +
             std::to_string(cumulative) + "\n";
    }
    const std::string labels = RenderLabels(label_names_, values);
    out += name_ + "_sum" + labels + " " + RenderNumber(cell->sum()) + "\n";
    out += name_ + "_count" + labels + " " + std::to_string(cell->count()) + "\n";
  }
}

std::string PrometheusName(const std::string& tf_name) {
  std::string out = tf_name;
  for (char& c : out) {
    const bool ok =
        (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '_';
    if (!ok) c = ':';
  }
  return out;
}

std::string RenderLabels(const std::vector<std::string>& names,
                         const std::vector<std::string>& values, const std::string& extra) {
  if (names.empty() && extra.empty()) return "";
  std::string out = "{";
  for (std::size_t i = 0; i < names.size(); ++i) {
    if (i > 0) out += ",";
    out += names[i] + "=\"";
    for (char c : i < values.size() ? values[i] : std::string()) {
      if (c == '\\') {
        out += "\\\\";
      } else if (c == '"') {
        out += "\\\"";
      } else if (c == '\n') {
        out += "\\n";
      } else {
        out += c;
      }
    }
    out += "\"";
  }
  if (!extra.empty()) out += (names.empty() ? "" : ",") + extra;
  return out + "}";
}

std::string RenderNumber(double v) {
  if (std::isnan(v)) return "NaN";
  if (std::isinf(v)) return v > 0 ? "+Inf" : "-Inf";
  return fmt::format("{}", v);
}

}  // namespace tfsk::serving::monitoring
