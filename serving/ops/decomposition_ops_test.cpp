// Decompositions are checked by what they promise — reconstruction, orthogonality, order — not
// by the signs of Q/U/V columns, which differ between Eigen and LAPACK.

#include <doctest/doctest.h>

#include <Eigen/Core>
#include <Eigen/Eigenvalues>
#include <cmath>

#include "serving/ops/op_test_util.h"

namespace tfsk::serving {
using namespace testing;

namespace {
using Mat = Eigen::Matrix<double, Eigen::Dynamic, Eigen::Dynamic, Eigen::RowMajor>;

Tensor D(std::vector<double> v, Shape s) { return T_<double>(std::move(v), std::move(s)); }

/// Matrix i of a [..., rows, cols] double tensor.
Mat At(const Tensor& t, std::int64_t i, std::int64_t rows, std::int64_t cols) {
  return Eigen::Map<const Mat>(t.flat<double>().data() + i * rows * cols, rows, cols);
}

void CheckClose(const Mat& got, const Mat& want, double tol = 1e-9) {
  REQUIRE(got.rows() == want.rows());
  REQUIRE(got.cols() == want.cols());
  CHECK((got - want).cwiseAbs().maxCoeff() < tol);
}

AttrMap Flags(std::vector<std::pair<std::string, bool>> flags) {
  AttrMap m;
  for (auto& [k, v] : flags) m.Set(k, AttrValue::Bool(v));
  return m;
}

// A 3 x 2 and a 2 x 3 matrix in one batch-less tensor each, and a symmetric 3 x 3.
const std::vector<double> kTall = {1, 2, 3, 4, 5, 7};
const std::vector<double> kSym = {4, 1, 2, 1, 3, 0, 2, 0, 5};
}  // namespace

TEST_SUITE("decomposition ops") {
  TEST_CASE("Qr: reduced and full shapes, Q orthonormal, R upper triangular, QR = A") {
    OpRunner r;
    for (bool full : {false, true}) {
      CAPTURE(full);
      auto out = r.Run("Qr", {D(kTall, {1, 3, 2})}, Flags({{"full_matrices", full}}));
      REQUIRE(out.ok());
      const std::int64_t k = full ? 3 : 2;
      CHECK((*out)[0].shape() == Shape{1, 3, k});
      CHECK((*out)[1].shape() == Shape{1, k, 2});
      const Mat q = At((*out)[0], 0, 3, k), rr = At((*out)[1], 0, k, 2);
      CheckClose(q.transpose() * q, Mat::Identity(k, k));
      CheckClose(q * rr, At(D(kTall, {3, 2}), 0, 3, 2));
      for (std::int64_t i = 0; i < k; ++i) {
        for (std::int64_t j = 0; j < std::min<std::int64_t>(i, 2); ++j) CHECK(rr(i, j) == 0.0);
      }
    }
    // A wide matrix: Q is 2 x 2, R is 2 x 3.
    auto wide = r.Run("Qr", {D({1, 2, 3, 4, 5, 6}, {2, 3})});
    REQUIRE(wide.ok());
    CHECK((*wide)[0].shape() == Shape{2, 2});
    CHECK((*wide)[1].shape() == Shape{2, 3});
    CheckClose(At((*wide)[0], 0, 2, 2) * At((*wide)[1], 0, 2, 3),
               At(D({1, 2, 3, 4, 5, 6}, {2, 3}), 0, 2, 3));
    CHECK(r.Error("Qr", {D({1, 2}, {2})}) == "Input tensor 0 must have rank >= 2, got 1");
  }

  TEST_CASE("SelfAdjointEigV2: ascending eigenvalues, A V = V diag(e), V orthonormal") {
    OpRunner r;
    auto out = r.Run("SelfAdjointEigV2", {D(kSym, {3, 3})});
    REQUIRE(out.ok());
    const Tensor& e = (*out)[0];
    CHECK(e.shape() == Shape{3});
    const auto ev = Values<double>(e);
    CHECK(ev[0] <= ev[1]);
    CHECK(ev[1] <= ev[2]);
    CHECK(ev[0] + ev[1] + ev[2] == doctest::Approx(12.0));  // the trace
    const Mat v = At((*out)[1], 0, 3, 3);
    const Mat a = At(D(kSym, {3, 3}), 0, 3, 3);
    CheckClose(a * v, v * Eigen::Map<const Eigen::VectorXd>(ev.data(), 3).asDiagonal());
    CheckClose(v.transpose() * v, Mat::Identity(3, 3));
    // Only the lower triangle is read.
    std::vector<double> junk = kSym;
    junk[1] = junk[2] = junk[5] = 100;
    auto lower = r.Run("SelfAdjointEigV2", {D(junk, {3, 3})}, Flags({{"compute_v", false}}));
    REQUIRE(lower.ok());
    const auto ev2 = Values<double>((*lower)[0]);
    for (int i = 0; i < 3; ++i)
      CHECK(ev2[static_cast<std::size_t>(i)] == doctest::Approx(ev[static_cast<std::size_t>(i)]));
    CHECK(r.Error("SelfAdjointEigV2", {D(kTall, {3, 2})}) == "Input matrix must be square.");
  }

  TEST_CASE("Svd: descending s, U S V^T = A, thin and full shapes, s alone") {
    OpRunner r;
    const Mat a = At(D(kTall, {3, 2}), 0, 3, 2);
    for (bool full : {false, true}) {
      CAPTURE(full);
      auto out = r.Run("Svd", {D(kTall, {3, 2})}, Flags({{"full_matrices", full}}));
      REQUIRE(out.ok());
      REQUIRE(out->size() == 3);
      const auto s = Values<double>((*out)[0]);
      REQUIRE(s.size() == 2);
      CHECK(s[0] >= s[1]);
      CHECK(s[1] >= 0);
      const std::int64_t uc = full ? 3 : 2;
      CHECK((*out)[1].shape() == Shape{3, uc});
      CHECK((*out)[2].shape() == Shape{2, 2});
      const Mat u = At((*out)[1], 0, 3, uc), v = At((*out)[2], 0, 2, 2);
      CheckClose(u.transpose() * u, Mat::Identity(uc, uc));
      Mat sigma = Mat::Zero(uc, 2);
      sigma(0, 0) = s[0];
      sigma(1, 1) = s[1];
      CheckClose(u * sigma * v.transpose(), a);
    }
    auto only_s = r.Run("Svd", {D(kTall, {3, 2})}, Flags({{"compute_uv", false}}));
    REQUIRE(only_s.ok());
    CHECK((*only_s)[0].shape() == Shape{2});
    CHECK((*only_s)[1].shape() == Shape{});
    // Singular values are the roots of A^T A's eigenvalues.
    Eigen::SelfAdjointEigenSolver<Mat> ata(a.transpose() * a);
    CHECK(Values<double>((*only_s)[0])[0] == doctest::Approx(std::sqrt(ata.eigenvalues()(1))));
  }

  TEST_CASE("MatrixSquareRoot: root squared is the input, batches, NaN without a real root") {
    OpRunner r;
    const std::vector<double> second = {2, 1, 0, 3};  // upper triangular, positive eigenvalues
    Tensor spd = D(kSym, {1, 3, 3});
    Tensor root = r.One("MatrixSquareRoot", {spd});
    CHECK(root.shape() == Shape{1, 3, 3});
    const Mat x = At(root, 0, 3, 3);
    CheckClose(x * x, At(spd, 0, 3, 3), 1e-9);
    const Mat y = At(r.One("MatrixSquareRoot", {D(second, {2, 2})}), 0, 2, 2);
    CheckClose(y * y, At(D(second, {2, 2}), 0, 2, 2), 1e-9);
    const auto neg = Values<double>(r.One("MatrixSquareRoot", {D({-1, 0, 0, 4}, {2, 2})}));
    CHECK(std::isnan(neg[0]));
    CHECK(r.One("MatrixSquareRoot", {D({}, {2, 0, 0})}).shape() == Shape{2, 0, 0});
    CHECK(r.Error("MatrixSquareRoot", {D(kTall, {3, 2})}) == "Input matrix must be square.");
  }
}

}  // namespace tfsk::serving
