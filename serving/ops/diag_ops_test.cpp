#include <doctest/doctest.h>

#include "serving/ops/op_test_util.h"

namespace tfsk::serving {
using namespace testing;

namespace {
// tf.linalg.diag_part's documented example input, shape [2, 3, 4].
Tensor Input234() {
  return I32({1, 2, 3, 4, 5, 6, 7, 8, 9, 8, 7, 6, 5, 4, 3, 2, 1, 2, 3, 4, 5, 6, 7, 8}, {2, 3, 4});
}
AttrMap Align(const char* a) { return Attrs({{"align", AttrValue::Str(a)}}); }
}  // namespace

TEST_SUITE("diag ops") {
  TEST_CASE("MatrixDiagPartV3: main diagonal, one superdiagonal, bands in every alignment") {
    OpRunner r;
    const Tensor zero = I32({0}, {});
    Tensor main = r.One("MatrixDiagPartV3", {Input234(), I32({0}, {}), zero});
    CHECK(main.shape() == Shape{2, 3});
    CHECK(Values<std::int32_t>(main) == std::vector<std::int32_t>{1, 6, 7, 5, 2, 7});
    CHECK(Values<std::int32_t>(r.One("MatrixDiagPartV3", {Input234(), I32({1}, {}), zero})) ==
          std::vector<std::int32_t>{2, 7, 6, 4, 3, 8});

    Tensor band = r.One("MatrixDiagPartV3", {Input234(), I32({-1, 2}, {2}), zero});
    CHECK(band.shape() == Shape{2, 4, 3});
    CHECK(Values<std::int32_t>(band) == std::vector<std::int32_t>{0, 3, 8, 2, 7, 6, 1, 6,
                                                                  7, 5, 8, 0, 0, 3, 4, 4,
                                                                  3, 8, 5, 2, 7, 1, 6, 0});
    Tensor lr =
        r.One("MatrixDiagPartV3", {Input234(), I32({-1, 2}, {2}), zero}, Align("LEFT_RIGHT"));
    CHECK(Values<std::int32_t>(lr) == std::vector<std::int32_t>{3, 8, 0, 2, 7, 6, 1, 6,
                                                                7, 0, 5, 8, 3, 4, 0, 4,
                                                                3, 8, 5, 2, 7, 0, 1, 6});
    // V2 packs LEFT_LEFT.
    Tensor v2 = r.One("MatrixDiagPartV2", {Input234(), I32({-1, 2}, {2}), zero});
    CHECK(Values<std::int32_t>(v2) == std::vector<std::int32_t>{3, 8, 0, 2, 7, 6, 1, 6,
                                                                7, 5, 8, 0, 3, 4, 0, 4,
                                                                3, 8, 5, 2, 7, 1, 6, 0});
    // Subdiagonals only: max_diag_len is shorter than the main diagonal.
    Tensor sub = r.One("MatrixDiagPartV3", {Input234(), I32({-2, -1}, {2}), zero});
    CHECK(sub.shape() == Shape{2, 2, 2});
    CHECK(Values<std::int32_t>(sub) == std::vector<std::int32_t>{5, 8, 9, 0, 1, 6, 5, 0});
    Tensor padded = r.One("MatrixDiagPartV3", {Input234(), I32({1, 3}, {2}), I32({9}, {})});
    CHECK(Values<std::int32_t>(padded) ==
          std::vector<std::int32_t>{9, 9, 4, 9, 3, 8, 2, 7, 6, 9, 9, 2, 9, 3, 4, 4, 3, 8});
    // V1: the main diagonal of non-square matrices.
    CHECK(Values<std::int32_t>(r.One("MatrixDiagPart", {Input234()})) ==
          std::vector<std::int32_t>{1, 6, 7, 5, 2, 7});
  }

  TEST_CASE("MatrixDiagV3: band, alignment, rectangular output with padding, V1") {
    OpRunner r;
    const Tensor unknown = I32({-1}, {}), zero = I32({0}, {});
    Tensor rl = I32({0, 8, 9, 1, 2, 3, 4, 5, 0, 0, 2, 3, 6, 7, 9, 9, 1, 0}, {2, 3, 3});
    Tensor lr = I32({8, 9, 0, 1, 2, 3, 0, 4, 5, 2, 3, 0, 6, 7, 9, 0, 9, 1}, {2, 3, 3});
    const std::vector<std::int32_t> want{1, 8, 0, 4, 2, 9, 0, 5, 3, 6, 2, 0, 9, 7, 3, 0, 1, 9};
    Tensor out = r.One("MatrixDiagV3", {rl, I32({-1, 1}, {2}), unknown, unknown, zero});
    CHECK(out.shape() == Shape{2, 3, 3});
    CHECK(Values<std::int32_t>(out) == want);
    CHECK(
        Values<std::int32_t>(r.One("MatrixDiagV3", {lr, I32({-1, 1}, {2}), unknown, unknown, zero},
                                   Align("LEFT_RIGHT"))) == want);

    Tensor sub = r.One("MatrixDiagV3", {I32({1, 2}, {2}), I32({-1}, {}), unknown, unknown, zero});
    CHECK(sub.shape() == Shape{3, 3});
    CHECK(Values<std::int32_t>(sub) == std::vector<std::int32_t>{0, 0, 0, 1, 0, 0, 0, 2, 0});
    Tensor rect = r.One("MatrixDiagV3", {I32({1, 2}, {2}), I32({-1}, {}), I32({3}, {}),
                                         I32({4}, {}), I32({9}, {})});
    CHECK(rect.shape() == Shape{3, 4});
    CHECK(Values<std::int32_t>(rect) ==
          std::vector<std::int32_t>{9, 9, 9, 9, 1, 9, 9, 9, 9, 2, 9, 9});

    Tensor v1 = r.One("MatrixDiag", {F({1, 2, 3, 4}, {2, 2})});
    CHECK(v1.shape() == Shape{2, 2, 2});
    CHECK(Values<float>(v1) == std::vector<float>{1, 0, 0, 2, 3, 0, 0, 4});
  }

  TEST_CASE("MatrixSetDiagV3: main diagonal, superdiagonal, band, V1") {
    OpRunner r;
    Tensor sevens = I32(std::vector<std::int32_t>(24, 7), {2, 3, 4});
    Tensor diag = I32({1, 2, 3, 4, 5, 6}, {2, 3});
    CHECK(Values<std::int32_t>(r.One("MatrixSetDiagV3", {sevens, diag, I32({0}, {})})) ==
          std::vector<std::int32_t>{1, 7, 7, 7, 7, 2, 7, 7, 7, 7, 3, 7,
                                    4, 7, 7, 7, 7, 5, 7, 7, 7, 7, 6, 7});
    CHECK(Values<std::int32_t>(r.One("MatrixSetDiagV3", {sevens, diag, I32({1}, {})})) ==
          std::vector<std::int32_t>{7, 1, 7, 7, 7, 7, 2, 7, 7, 7, 7, 3,
                                    7, 4, 7, 7, 7, 7, 5, 7, 7, 7, 7, 6});
    Tensor band =
        I32({0, 9, 1, 6, 5, 8, 1, 2, 3, 4, 5, 0, 0, 1, 2, 5, 6, 4, 6, 1, 2, 3, 4, 0}, {2, 4, 3});
    CHECK(Values<std::int32_t>(r.One("MatrixSetDiagV3", {sevens, band, I32({-1, 2}, {2})})) ==
          std::vector<std::int32_t>{1, 6, 9, 7, 4, 2, 5, 1, 7, 5, 3, 8,
                                    6, 5, 1, 7, 3, 1, 6, 2, 7, 4, 2, 4});
    CHECK(Values<std::int32_t>(r.One("MatrixSetDiag", {sevens, diag}))[5] == 2);
    // The input is not changed (the runner does not hand its inputs over).
    CHECK(Values<std::int32_t>(sevens) == std::vector<std::int32_t>(24, 7));
  }

  TEST_CASE("Diag and DiagPart: rank-k tensors to rank-2k and back") {
    OpRunner r;
    Tensor d = r.One("Diag", {F({1, 2, 3, 4}, {2, 2})});
    CHECK(d.shape() == Shape{2, 2, 2, 2});
    CHECK(Values<float>(d) == std::vector<float>{1, 0, 0, 0, 0, 2, 0, 0, 0, 0, 3, 0, 0, 0, 0, 4});
    Tensor back = r.One("DiagPart", {d});
    CHECK(back.shape() == Shape{2, 2});
    CHECK(Values<float>(back) == std::vector<float>{1, 2, 3, 4});
  }

  TEST_CASE("diagonal errors carry TensorFlow's text") {
    OpRunner r;
    const Tensor zero = I32({0}, {});
    CHECK(r.Error("MatrixDiagPartV3", {Input234(), I32({4}, {}), zero}) ==
          "lower_diag_index is out of bound: 4. It must be between -3 and 4");
    CHECK(r.Error("MatrixDiagPartV3", {Input234(), I32({1, 0}, {2}), zero}) ==
          "lower_diag_index must not be larger than upper_diag_index: 1 > 0");
    CHECK(r.Error("MatrixDiagPartV3", {Input234(), I32({0, 1, 2}, {3}), zero}) ==
          "diag_index must have only one or two elements, received 3 elements.");
    CHECK(r.Error("MatrixDiagPart", {F({1, 2}, {2})}) ==
          "input must be at least 2-dim, received shape: [2]");
    CHECK(r.Error("MatrixDiagV3",
                  {I32({1, 2, 3}, {3}), I32({-1, 1}, {2}), I32({-1}, {}), I32({-1}, {}), zero}) ==
          "The number of diagonals provided in the input does not match the lower_diag_index and "
          "upper_diag_index range.");
    CHECK(r.Error("MatrixDiagV3", {I32({1, 2}, {2}), zero, I32({1}, {}), I32({-1}, {}), zero}) ==
          "The number of rows is too small.");
    CHECK(r.Error("MatrixDiagV3", {I32({1, 2}, {2}), zero, I32({3}, {}), I32({3}, {}), zero}) ==
          "The number of rows or columns is not consistent with the specified d_lower, d_upper, "
          "and diagonal.");
    CHECK(r.Error("MatrixSetDiagV3",
                  {I32(std::vector<std::int32_t>(6, 0), {2, 3}), I32({1, 2, 3}, {3}), zero})
              .starts_with("Either first dimensions of diagonal don't match input.shape[:-2]"));
    CHECK(r.Error("MatrixDiagV3", {I32({1}, {1}), zero, I32({-1}, {}), I32({-1}, {}), zero},
                  Align("MIDDLE")) ==
          "align must be one of LEFT_RIGHT, RIGHT_LEFT, LEFT_LEFT, RIGHT_RIGHT, got MIDDLE");
    CHECK(r.Error("Diag", {F({1}, {})}) == "Input must be at least rank 1, got 0");
    CHECK(r.Error("DiagPart", {F({1, 2}, {2})}) ==
          "The rank of the tensor should be even and positive, got shape [2]");
    CHECK(r.Error("DiagPart", {F(std::vector<float>(6, 0), {2, 3})}) ==
          "Invalid shape [2,3]: dimensions 0 and 1 do not match.");
  }
}

}  // namespace tfsk::serving
