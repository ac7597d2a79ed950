#include <doctest/doctest.h>

#include <cmath>

#include "serving/ops/op_test_util.h"

namespace tfsk::serving {
using namespace testing;

namespace {
void CheckNear(const Tensor& t, const std::vector<double>& want) {
  const auto got = Values<double>(t);
  REQUIRE(got.size() == want.size());
  for (std::size_t i = 0; i < want.size(); ++i) {
    CAPTURE(i);
    CHECK(got[i] == doctest::Approx(want[i]).epsilon(1e-9));
  }
}
Tensor D(std::vector<double> v, Shape s) { return T_<double>(std::move(v), std::move(s)); }
}  // namespace

// Expected values: closed forms (lgamma(1/2) = log sqrt(pi), P(1, x) = 1 - e^-x,
// P(1/2, x) = erf(sqrt x)) and published constants (Euler-Mascheroni, I0(1), I1(1), normal
// quantiles).
TEST_SUITE("special math ops") {
  TEST_CASE("Lgamma and Digamma") {
    OpRunner r;
    CheckNear(r.One("Lgamma", {D({0.5, 1, 10}, {3})}), {0.5723649429247001, 0, 12.801827480081469});
    CheckNear(r.One("Digamma", {D({1, 0.5}, {2})}), {-0.5772156649015329, -1.9635100260214235});
    CHECK(Values<float>(r.One("Lgamma", {F({3}, {1})}))[0] == doctest::Approx(std::log(2.0)));
    CHECK(r.Error("Lgamma", {I32({1}, {1})}) == "No kernel for op Lgamma with dtype int32");
  }

  TEST_CASE("Ndtri inverts the normal CDF, Erfinv inverts erf") {
    OpRunner r;
    // Φ⁻¹(0.5) = 0, Φ⁻¹(0.975) = 1.95996…, Φ⁻¹(Φ(1)) = 1; erfinv(0.5) = 0.476936…
    CheckNear(r.One("Ndtri", {D({0.5, 0.975, 0.8413447460685429}, {3})}),
              {0, 1.959963984540054, 1});
    CheckNear(r.One("Erfinv", {D({0.5, 0, -0.9}, {3})}),
              {0.4769362762044699, 0, -1.1630871536766743});
    const std::vector<float> back = Values<float>(r.One("Erfinv", {F({-0.5f, 0.25f}, {2})}));
    CHECK(std::erf(back[0]) == doctest::Approx(-0.5));
    CHECK(std::erf(back[1]) == doctest::Approx(0.25));
  }

  TEST_CASE("Igamma and Igammac broadcast and are complementary") {
    OpRunner r;
    Tensor a = D({1, 0.5}, {2, 1});
    Tensor x = D({2, 1}, {2});
    Tensor p = r.One("Igamma", {a, x});
    CHECK(p.shape() == Shape{2, 2});
    CheckNear(p, {1 - std::exp(-2.0), 1 - std::exp(-1.0), std::erf(std::sqrt(2.0)), std::erf(1.0)});
    Tensor q = r.One("Igammac", {a, x});
    CheckNear(q, {std::exp(-2.0), std::exp(-1.0), std::erfc(std::sqrt(2.0)), std::erfc(1.0)});
  }

  TEST_CASE("BesselI0e and BesselI1e") {
    OpRunner r;
    const double e = std::exp(-1.0);
    CheckNear(r.One("BesselI0e", {D({0, 1, -1}, {3})}),
              {1, 1.2660658777520082 * e, 1.2660658777520082 * e});
    CheckNear(r.One("BesselI1e", {D({0, 1, -1}, {3})}),
              {0, 0.5651591039924851 * e, -0.5651591039924851 * e});
  }
}

}  // namespace tfsk::serving
