#include <doctest/doctest.h>

#include <cmath>
#include <limits>

#include "serving/ops/op_test_util.h"

namespace tfsk::serving {
using namespace testing;

namespace {
template <typename T>
void CheckNear(const Tensor& t, const std::vector<T>& want) {
  const auto got = Values<T>(t);
  REQUIRE(got.size() == want.size());
  for (std::size_t i = 0; i < want.size(); ++i) {
    CAPTURE(i);
    CHECK(got[i] == doctest::Approx(want[i]).epsilon(1e-5));
  }
}
Tensor D(std::vector<double> v, Shape s) { return T_<double>(std::move(v), std::move(s)); }
AttrMap Flag(const char* name, bool v) { return Attrs({{name, AttrValue::Bool(v)}}); }
}  // namespace

TEST_SUITE("linalg ops") {
  TEST_CASE("MatrixInverse: a batch, the adjoint, a singular matrix") {
    OpRunner r;
    Tensor batch = F({4, 7, 2, 6, 2, 0, 0, 4}, {2, 2, 2});
    Tensor inv = r.One("MatrixInverse", {batch});
    CHECK(inv.shape() == Shape{2, 2, 2});
    CheckNear<float>(inv, {0.6f, -0.7f, -0.2f, 0.4f, 0.5f, 0, 0, 0.25f});
    CheckNear<double>(r.One("MatrixInverse", {D({4, 7, 2, 6}, {2, 2})}, Flag("adjoint", true)),
                      {0.6, -0.2, -0.7, 0.4});
    CHECK(r.Error("MatrixInverse", {F({1, 2, 2, 4}, {2, 2})}) == "Input is not invertible.");
    CHECK(r.One("MatrixInverse", {F({}, {3, 0, 0})}).shape() == Shape{3, 0, 0});
  }

  TEST_CASE("MatrixDeterminant and LogMatrixDeterminant: sign from pivoting, singular, empty") {
    OpRunner r;
    Tensor batch = D({4, 7, 2, 6, 0, 1, 1, 0, 1, 2, 2, 4}, {3, 2, 2});
    Tensor det = r.One("MatrixDeterminant", {batch});
    CHECK(det.shape() == Shape{3});
    CheckNear<double>(det, {10, -1, 0});
    auto log = r.Run("LogMatrixDeterminant", {batch});
    REQUIRE(log.ok());
    REQUIRE(log->size() == 2);
    CHECK(Values<double>((*log)[0]) == std::vector<double>{1, -1, 0});
    const auto logs = Values<double>((*log)[1]);
    CHECK(logs[0] == doctest::Approx(std::log(10.0)));
    CHECK(logs[1] == doctest::Approx(0.0));
    CHECK(logs[2] == -std::numeric_limits<double>::infinity());
    CHECK(Values<float>(r.One("MatrixDeterminant", {F({}, {2, 0, 0})})) ==
          std::vector<float>{1, 1});
  }

  TEST_CASE("Cholesky: reads the lower triangle, rejects a non positive-definite input") {
    OpRunner r;
    // The upper triangle holds junk that must not matter.
    Tensor spd = F({4, 100, 100, 12, 37, 100, -16, -43, 98}, {3, 3});
    CheckNear<float>(r.One("Cholesky", {spd}), {2, 0, 0, 6, 1, 0, -8, 5, 3});
    CHECK(r.Error("Cholesky", {F({1, 2, 2, 1}, {2, 2})}) ==
          "Cholesky decomposition was not successful. The input might not be valid.");
  }

  TEST_CASE("MatrixSolve: plain and adjoint, batch, singular") {
    OpRunner r;
    Tensor a = D({2, 1, 0, 1}, {2, 2});
    CheckNear<double>(r.One("MatrixSolve", {a, D({3, 1}, {2, 1})}), {1, 1});
    CheckNear<double>(r.One("MatrixSolve", {a, D({3, 1}, {2, 1})}, Flag("adjoint", true)),
                      {1.5, -0.5});
    Tensor x = r.One("MatrixSolve", {F({3, 1, 1, 2, 1, 0, 0, 1}, {2, 2, 2}),
                                     F({9, 1, 8, 2, 5, 6, 7, 8}, {2, 2, 2})});
    CheckNear<float>(x, {2, 0, 3, 1, 5, 6, 7, 8});
    CHECK(r.Error("MatrixSolve", {F({1, 2, 2, 4}, {2, 2}), F({1, 1}, {2, 1})}) ==
          "Input matrix is not invertible.");
    CHECK(r.Error("MatrixSolve", {F({1, 2}, {1, 2}), F({1}, {1, 1})}) ==
          "First input (lhs) must be a square matrix.");
    CHECK(r.Error("MatrixSolve", {F({1, 0, 0, 1}, {2, 2}), F({1, 1, 1}, {3, 1})}) ==
          "Input matrix and rhs are incompatible.");
  }

  TEST_CASE("MatrixTriangularSolve: lower, upper, adjoint, broadcast batch") {
    OpRunner r;
    // 99 sits in the upper triangle: ignored when lower, used when not.
    Tensor m = F({2, 99, 3, 1}, {2, 2});
    Tensor b = F({4, 7}, {2, 1});
    CheckNear<float>(r.One("MatrixTriangularSolve", {m, b}), {2, 1});
    CheckNear<float>(r.One("MatrixTriangularSolve", {m, b}, Flag("lower", false)), {-344.5f, 7});
    CheckNear<float>(r.One("MatrixTriangularSolve", {m, b}, Flag("adjoint", true)), {-8.5f, 7});
    Tensor many = r.One("MatrixTriangularSolve",
                        {F({2, 99, 3, 1}, {1, 2, 2}), F({4, 7, 2, 3, 0, 1}, {3, 2, 1})});
    CHECK(many.shape() == Shape{3, 2, 1});
    CheckNear<float>(many, {2, 1, 1, 0, 0, 1});
    CHECK(r.Error("MatrixTriangularSolve", {F({1, 2}, {1, 2}), b}) ==
          "In[0] matrices in the last dimensions must be square (2 =/= 1)");
    CHECK(r.Error("MatrixTriangularSolve",
                  {F({1, 0, 0, 1, 1, 0, 0, 1}, {2, 2, 2}), F({1, 2, 3, 4, 5, 6}, {3, 2, 1})}) ==
          "In[0] and In[1] must have compatible batch dimensions: [2,2,2] vs. [3,2,1]");
  }

  TEST_CASE("linalg errors: rank and dtype") {
    OpRunner r;
    CHECK(r.Error("MatrixInverse", {F({1, 2}, {2})}) ==
          "Input tensor 0 must have rank >= 2, got 1");
    CHECK(r.Error("MatrixDeterminant", {F({1, 2}, {1, 2})}) == "Input matrix must be square.");
    CHECK(r.Error("Cholesky", {I32({1}, {1, 1})}) == "No kernel for op Cholesky with dtype int32");
  }
}

}  // namespace tfsk::serving
