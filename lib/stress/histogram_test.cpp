#include <doctest/doctest.h>

#include <algorithm>
#include <cmath>
#include <random>
#include <vector>

#include "lib/stress/histogram.h"

namespace tfsk::stress {
namespace {

TEST_SUITE("stress::Histogram") {
  TEST_CASE("bucket layout is dense, monotonic and at most 1/128 wide") {
    for (std::int64_t v : {0LL, 1LL, 127LL, 255LL, 256LL, 1000LL, 123456789LL, 1LL << 40}) {
      const int i = Histogram::IndexOf(v);
      CHECK(Histogram::LowerBound(i) <= v);
      CHECK(v < Histogram::LowerBound(i) + Histogram::Width(i));
      if (v >= 256) {
        CHECK(static_cast<double>(Histogram::Width(i)) / static_cast<double>(Histogram::LowerBound(i)) <= 1.0 / 128);
      }
    }
    for (int i = 1; i < Histogram::kBuckets; ++i) {
      CHECK(Histogram::LowerBound(i) == Histogram::LowerBound(i - 1) + Histogram::Width(i - 1));
    }
  }
  TEST_CASE("percentiles are within 1 % of the exact order statistic") {
    std::mt19937_64 rng(42);
    std::lognormal_distribution<double> dist(std::log(2e6), 1.0);  // ~2 ms median
    std::vector<std::int64_t> values;
    Histogram h;
    for (int i = 0; i < 100000; ++i) {
      auto v = static_cast<std::int64_t>(dist(rng));
      values.push_back(v);
      h.Record(v);
    }
    std::sort(values.begin(), values.end());
    for (double q : {0.5, 0.9, 0.99, 0.999}) {
      const auto rank = static_cast<size_t>(std::ceil(q * values.size())) - 1;
      const double exact = static_cast<double>(values[rank]);
      const double got = static_cast<double>(h.Percentile(q));
      CHECK(std::abs(got - exact) / exact <= 0.01);
    }
    CHECK(h.max() == values.back());
    CHECK(h.min() == values.front());
    CHECK(h.count() == 100000);
  }
  TEST_CASE("merge of per-thread histograms equals one histogram of everything") {
    Histogram a, b, all;
    for (int i = 1; i <= 1000; ++i) {
      (i % 2 ? a : b).Record(i * 1000);
      all.Record(i * 1000);
    }
    Histogram m;
    m.Merge(a);
    m.Merge(b);
    CHECK(m.count() == all.count());
    CHECK(m.max() == all.max());
    for (double q : {0.1, 0.5, 0.99}) CHECK(m.Percentile(q) == all.Percentile(q));
    m.Clear();
    CHECK(m.count() == 0);
    CHECK(m.Percentile(0.5) == 0);
  }
}

}  // namespace
}  // namespace tfsk::stress
