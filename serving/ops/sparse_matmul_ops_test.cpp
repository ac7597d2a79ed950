#include <doctest/doctest.h>

#include "serving/ops/op_test_util.h"

namespace tfsk::serving {
using namespace testing;

namespace {
AttrMap Adjoint(bool a, bool b) {
  return Attrs({{"adjoint_a", AttrValue::Bool(a)}, {"adjoint_b", AttrValue::Bool(b)}});
}
/// A = [[1, 0, 2], [0, 3, 0]] as a SparseTensor.
struct SparseA {
  Tensor idx = I64({0, 0, 0, 2, 1, 1}, {3, 2});
  Tensor vals = F({1, 2, 3}, {3});
  Tensor shape = I64({2, 3}, {2});
};
}  // namespace

TEST_SUITE("SparseTensorDenseMatMul") {
  TEST_CASE("A x B, and with A or B adjointed") {
    const SparseA a;
    OpRunner r;
    Tensor b = F({1, 2, 3, 4, 5, 6}, {3, 2});
    Tensor ab = r.One("SparseTensorDenseMatMul", {a.idx, a.vals, a.shape, b});
    CHECK(ab.shape() == Shape{2, 2});
    CHECK(Values<float>(ab) == std::vector<float>{11, 14, 9, 12});
    // A^T (3 x 2) x C (2 x 2).
    Tensor c = F({1, 2, 3, 4}, {2, 2});
    Tensor atc =
        r.One("SparseTensorDenseMatMul", {a.idx, a.vals, a.shape, c}, Adjoint(true, false));
    CHECK(atc.shape() == Shape{3, 2});
    CHECK(Values<float>(atc) == std::vector<float>{1, 2, 9, 12, 2, 4});
    // A x B^T with B given as 2 x 3 (its transpose is the B above).
    Tensor bt = F({1, 3, 5, 2, 4, 6}, {2, 3});
    CHECK(Values<float>(r.One("SparseTensorDenseMatMul", {a.idx, a.vals, a.shape, bt},
                              Adjoint(false, true))) == std::vector<float>{11, 14, 9, 12});
    // Repeated indices add up; int32 indices work too.
    Tensor twice = r.One("SparseTensorDenseMatMul", {I32({0, 0, 0, 0}, {2, 2}), F({1, 1}, {2}),
                                                     I64({1, 1}, {2}), F({5}, {1, 1})});
    CHECK(Values<float>(twice) == std::vector<float>{10});
  }

  TEST_CASE("shape and index errors with TensorFlow's texts") {
    const SparseA a;
    OpRunner r;
    Tensor b = F({1, 2, 3, 4}, {2, 2});
    CHECK(r.Error("SparseTensorDenseMatMul", {a.idx, a.vals, a.shape, b}) ==
          "Cannot multiply A and B because inner dimension does not match: 3 vs. 2.  Did you "
          "forget a transpose?  Dimensions of A: [2, 3).  Dimensions of B: [2,2]");
    CHECK(r.Error("SparseTensorDenseMatMul",
                  {I64({0, 5}, {1, 2}), F({1}, {1}), I64({2, 3}, {2}), F({0, 0, 0}, {3, 1})}) ==
          "k (5) from index[0,1] out of bounds (>=3)");
    CHECK(r.Error("SparseTensorDenseMatMul",
                  {I64({4, 0}, {1, 2}), F({1}, {1}), I64({2, 3}, {2}), F({0, 0, 0}, {3, 1})}) ==
          "m (4) from index[0,0] out of bounds (>=2)");
    CHECK(r.Error("SparseTensorDenseMatMul", {a.idx, F({1, 2}, {2}), a.shape, b}) ==
          "Number of rows of a_indices does not match number of entries in a_values");
    CHECK(r.Error("SparseTensorDenseMatMul", {a.idx, a.vals, I64({2, 3, 1}, {3}), b}) ==
          "Tensor 'a_shape' must have 2 elements");
    CHECK(r.Error("SparseTensorDenseMatMul", {a.idx, a.vals, a.shape, F({1, 2}, {2})}) ==
          "Tensor 'b' is not a matrix");
  }
}

}  // namespace tfsk::serving
