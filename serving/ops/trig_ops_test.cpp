#include <doctest/doctest.h>

#include <cmath>
#include <limits>

#include "serving/ops/op_test_util.h"

namespace tfsk::serving {
using namespace testing;

TEST_SUITE("trig ops") {
  TEST_CASE("trigonometric and hyperbolic functions at known points") {
    OpRunner r;
    const float pi = 3.14159265f;
    CHECK(r.One("Sin", {F({pi / 2}, {1})}).flat<float>()[0] == doctest::Approx(1));
    CHECK(r.One("Cos", {F({pi}, {1})}).flat<float>()[0] == doctest::Approx(-1));
    CHECK(r.One("Tan", {F({pi / 4}, {1})}).flat<float>()[0] == doctest::Approx(1));
    CHECK(r.One("Asin", {F({1}, {1})}).flat<float>()[0] == doctest::Approx(pi / 2));
    CHECK(r.One("Acos", {F({-1}, {1})}).flat<float>()[0] == doctest::Approx(pi));
    CHECK(r.One("Atan", {F({1}, {1})}).flat<float>()[0] == doctest::Approx(pi / 4));
    CHECK(r.One("Sinh", {F({0}, {1})}).flat<float>()[0] == 0);
    CHECK(r.One("Cosh", {F({0}, {1})}).flat<float>()[0] == 1);
    CHECK(r.One("Asinh", {F({std::sinh(1.5f)}, {1})}).flat<float>()[0] == doctest::Approx(1.5f));
    CHECK(r.One("Acosh", {F({std::cosh(2.0f)}, {1})}).flat<float>()[0] == doctest::Approx(2.0f));
    CHECK(r.One("Atanh", {F({std::tanh(0.5f)}, {1})}).flat<float>()[0] == doctest::Approx(0.5f));
    CHECK(r.One("Expm1", {F({1e-10f}, {1})}).flat<float>()[0] == doctest::Approx(1e-10f));
    Tensor d = r.One("Sin", {T_<double>({0.5}, {1})});
    CHECK(d.dtype() == DataType::kDouble);
    CHECK(d.flat<double>()[0] == doctest::Approx(std::sin(0.5)));
  }

  TEST_CASE("Softsign and Atan2 (quadrant-aware, broadcasting)") {
    OpRunner r;
    CHECK(Values<float>(r.One("Softsign", {F({-3, 0, 1}, {3})})) ==
          std::vector<float>{-0.75f, 0, 0.5f});
    Tensor a = r.One("Atan2", {F({1, 1}, {2}), F({-1}, {})});
    CHECK(a.flat<float>()[0] == doctest::Approx(3 * 3.14159265f / 4));
  }

  TEST_CASE("IsNan, IsInf, IsFinite return bools, ints are rejected") {
    OpRunner r;
    const float inf = std::numeric_limits<float>::infinity();
    Tensor x = F({1, std::nanf(""), inf, -inf}, {4});
    CHECK(r.One("IsNan", {x}).dtype() == DataType::kBool);
    CHECK(Values<bool>(r.One("IsNan", {x})) == std::vector<bool>{false, true, false, false});
    CHECK(Values<bool>(r.One("IsInf", {x})) == std::vector<bool>{false, false, true, true});
    CHECK(Values<bool>(r.One("IsFinite", {x})) == std::vector<bool>{true, false, false, false});
    CHECK(r.Error("Sin", {I32({1}, {1})}) == "No kernel for op Sin with dtype int32");
  }
}

}  // namespace tfsk::serving
