// Sparse kernels as TF1 categorical feature columns use them: SparseToDense, SparseFillEmptyRows,
// SparseReshape and SparseSegmentSum/Mean/SqrtN(WithNumSegments).

#include <doctest/doctest.h>

#include <cmath>

#include "serving/ops/op_test_util.h"

namespace tfsk::serving {
using namespace testing;

TEST_SUITE("sparse ops") {
  TEST_CASE("SparseToDense scatters values over a default, checking order and bounds") {
    OpRunner r;
    Tensor dense = r.One("SparseToDense", {I64({0, 1, 1, 0}, {2, 2}), I64({2, 2}, {2}),
                                           F({5, 7}, {2}), F({-1}, {})});
    CHECK(Values<float>(dense) == std::vector<float>{-1, 5, 7, -1});
    Tensor ones =
        r.One("SparseToDense", {I32({0, 3}, {2}), I32({4}, {1}), I64({1}, {}), I64({0}, {})});
    CHECK(Values<std::int64_t>(ones) == std::vector<std::int64_t>{1, 0, 0, 1});
    CHECK(r.Error("SparseToDense",
                  {I64({0, 2}, {1, 2}), I64({2, 2}, {2}), F({5}, {1}), F({0}, {})}) ==
          "indices[0] = [0,2] is out of bounds: need 0 <= index < [2,2]");
    CHECK(r.Error("SparseToDense", {I64({1, 0}, {2, 1}), I64({2}, {1}), F({1, 2}, {2}), F({0}, {})})
              .starts_with("indices[1] = [0] is out of order."));
    CHECK(r.Error("SparseToDense", {I64({1, 1}, {2, 1}), I64({2}, {1}), F({1, 2}, {2}),
                                    F({0}, {})}) == "indices[1] = [1] is repeated");
  }

  TEST_CASE("SparseFillEmptyRows adds the default in empty rows and maps inputs to outputs") {
    OpRunner r;
    // Rows 0 and 2 have entries (given out of row order); rows 1 and 3 are empty.
    auto out = r.Run(
        "SparseFillEmptyRows",
        {I64({2, 0, 0, 1, 0, 0}, {3, 2}), S({"c", "a", "b"}, {3}), I64({4, 2}, {2}), S({"?"}, {})});
    REQUIRE(out.ok());
    CHECK(Values<std::int64_t>((*out)[0]) ==
          std::vector<std::int64_t>{0, 1, 0, 0, 1, 0, 2, 0, 3, 0});
    CHECK(Values<std::string>((*out)[1]) == std::vector<std::string>{"a", "b", "?", "c", "?"});
    CHECK(Values<bool>((*out)[2]) == std::vector<bool>{false, true, false, true});
    CHECK(Values<std::int64_t>((*out)[3]) == std::vector<std::int64_t>{3, 0, 1});
    CHECK(r.Error("SparseFillEmptyRows", {I64({5, 0}, {1, 2}), F({1}, {1}), I64({4, 2}, {2}),
                                          F({0}, {})}) == "indices(0, 0) is invalid: 5 >= 4");
  }

  TEST_CASE("SparseReshape re-indexes entries, inferring one -1 dimension") {
    OpRunner r;
    auto out =
        r.Run("SparseReshape", {I64({0, 1, 1, 2}, {2, 2}), I64({2, 3}, {2}), I64({3, -1}, {2})});
    REQUIRE(out.ok());
    CHECK(Values<std::int64_t>((*out)[1]) == std::vector<std::int64_t>{3, 2});
    // Flat positions 1 and 5 in a [3,2] shape.
    CHECK(Values<std::int64_t>((*out)[0]) == std::vector<std::int64_t>{0, 1, 2, 1});
    CHECK(r.Error("SparseReshape", {I64({0, 0}, {1, 2}), I64({2, 3}, {2}), I64({-1, -1}, {2})}) ==
          "only one output dimension may be -1, not both 0 and 1");
    CHECK(r.Error("SparseReshape", {I64({0, 0}, {1, 2}), I64({2, 3}, {2}), I64({4, -1}, {2})})
              .starts_with("Input to reshape is a SparseTensor with 6 dense values, but the "
                           "requested shape requires a multiple of 4."));
  }

  TEST_CASE("SparseSegmentSum, Mean and SqrtN combine gathered rows per segment") {
    OpRunner r;
    Tensor data = F({1, 2, 3, 4, 5, 6}, {3, 2});
    Tensor indices = I32({0, 2, 1}, {3});
    Tensor ids = I32({0, 0, 2}, {3});
    CHECK(Values<float>(r.One("SparseSegmentSum", {data, indices, ids})) ==
          std::vector<float>{6, 8, 0, 0, 3, 4});
    CHECK(Values<float>(r.One("SparseSegmentMean", {data, indices, ids})) ==
          std::vector<float>{3, 4, 0, 0, 3, 4});
    Tensor sqrtn = r.One("SparseSegmentSqrtN", {data, indices, ids});
    CHECK(sqrtn.flat<float>()[0] == doctest::Approx(6 / std::sqrt(2.0)));
    Tensor padded = r.One("SparseSegmentSumWithNumSegments", {data, indices, ids, I32({4}, {})});
    CHECK(padded.shape() == Shape{4, 2});
    CHECK(r.Error("SparseSegmentSum", {data, indices, I32({1, 0, 2}, {3})}) ==
          "segment ids are not increasing");
    CHECK(r.Error("SparseSegmentSum", {data, I32({0, 3, 1}, {3}), ids}) ==
          "Bad: indices[1] == 3 out of range [0, 3)");
  }
}

}  // namespace tfsk::serving
