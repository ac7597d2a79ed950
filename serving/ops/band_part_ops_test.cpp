#include <doctest/doctest.h>

#include "serving/ops/op_test_util.h"

namespace tfsk::serving {
using namespace testing;

TEST_SUITE("band part ops") {
  TEST_CASE("MatrixBandPart: causal mask (lower triangle), tridiagonal, everything") {
    OpRunner r;
    Tensor ones = F(std::vector<float>(9, 1), {3, 3});
    CHECK(Values<float>(r.One("MatrixBandPart", {ones, I64({-1}, {}), I64({0}, {})})) ==
          std::vector<float>{1, 0, 0, 1, 1, 0, 1, 1, 1});
    CHECK(Values<float>(r.One("MatrixBandPart", {ones, I32({1}, {}), I32({1}, {})})) ==
          std::vector<float>{1, 1, 0, 1, 1, 1, 0, 1, 1});
    Tensor batch = r.One("MatrixBandPart",
                         {F({1, 2, 3, 4, 5, 6, 7, 8}, {2, 2, 2}), I64({0}, {}), I64({-1}, {})});
    CHECK(Values<float>(batch) == std::vector<float>{1, 2, 0, 4, 5, 6, 0, 8});
  }

  TEST_CASE("MatrixBandPart errors") {
    OpRunner r;
    CHECK(r.Error("MatrixBandPart", {F({1, 2}, {2}), I64({0}, {}), I64({0}, {})}) ==
          "input must be at least 2-dim, received shape: [2]");
    CHECK(r.Error("MatrixBandPart", {F({1, 2, 3, 4}, {2, 2}), I64({3}, {}), I64({0}, {})}) ==
          "num_lower must be negative or less or equal to number of rows (2) got: 3");
  }
}

}  // namespace tfsk::serving
