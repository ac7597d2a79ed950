#pragma once
// A small metrics registry with Prometheus text exposition (format 0.0.4), enough for the
// metrics TF Serving exports: counters and histograms, each a family of cells keyed by label
// values.
//
// Thread-safety: every method may be called from any thread. Recording is lock-free once a cell
// exists (atomics); finding or creating a cell takes a shared (reader) lock, and only the first
// use of a new label combination takes the writer lock. Cells are never removed, so references
// returned by Cell() stay valid for the registry's life.

#include <array>
#include <atomic>
#include <map>
#include <memory>
#include <shared_mutex>
#include <string>
#include <vector>

namespace tfsk::serving::monitoring {

/// A counter cell: a monotonically increasing integer.
class CounterCell {
 public:
  void Increment(std::int64_t by = 1) { value_.fetch_add(by, std::memory_order_relaxed); }
  std::int64_t value() const { return value_.load(std::memory_order_relaxed); }

 private:
  std::atomic<std::int64_t> value_{0};
};

/// A histogram cell over fixed upper bounds (ascending); an implicit +Inf bucket follows.
class HistogramCell {
 public:
  explicit HistogramCell(const std::vector<double>* bounds);
  void Observe(double value);
  /// Non-cumulative count of bucket i (i == bounds.size() is +Inf).
  std::uint64_t bucket(std::size_t i) const { return buckets_[i].load(std::memory_order_relaxed); }
  double sum() const { return sum_.load(std::memory_order_relaxed); }
  std::uint64_t count() const { return count_.load(std::memory_order_relaxed); }

 private:
  const std::vector<double>* bounds_;
  std::unique_ptr<std::atomic<std::uint64_t>[]> buckets_;
  std::atomic<double> sum_{0};
  std::atomic<std::uint64_t> count_{0};
};

/// `start`, `start*factor`, ... (`count` bounds), like TensorFlow's Buckets::Exponential.
std::vector<double> ExponentialBounds(double start, double factor, int count);

/// A family of counters sharing a name and label names.
class CounterFamily {
 public:
  CounterFamily(std::string name, std::string help, std::vector<std::string> label_names);
  /// The cell for these label values (one per label name, in order; created on first use).
  CounterCell& Cell(const std::vector<std::string>& label_values);
  void Render(std::string& out) const;

 private:
  std::string name_, help_;
  std::vector<std::string> label_names_;
  mutable std::shared_mutex mu_;
  std::map<std::vector<std::string>, std::unique_ptr<CounterCell>> cells_;
};

/// A family of histograms sharing a name, label names and bucket bounds.
class HistogramFamily {
 public:
  HistogramFamily(std::string name, std::string help, std::vector<std::string> label_names,
                  std::vector<double> bounds);
  HistogramCell& Cell(const std::vector<std::string>& label_values);
  void Render(std::string& out) const;

 private:
  std::string name_, help_;
  std::vector<std::string> label_names_;
  std::vector<double> bounds_;
  mutable std::shared_mutex mu_;
  std::map<std::vector<std::string>, std::unique_ptr<HistogramCell>> cells_;
};

/// The exposition name of a TensorFlow monitoring name: every character outside [A-Za-z0-9_]
/// becomes ':' ("/tensorflow/serving/request_count" → ":tensorflow:serving:request_count").
std::string PrometheusName(const std::string& tf_name);

/// `{a="x",b="y"}` with Prometheus label escaping (\\, \", \n); "" without labels. `extra` is
/// appended as a last label when non-empty (used for `le`).
std::string RenderLabels(const std::vector<std::string>& names,
                         const std::vector<std::string>& values, const std::string& extra = "");

/// Shortest round-trip text of a number as Prometheus expects ("+Inf", "NaN" for specials).
std::string RenderNumber(double v);

}  // namespace tfsk::serving::monitoring
