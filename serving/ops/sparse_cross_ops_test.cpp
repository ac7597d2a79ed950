#include <doctest/doctest.h>

#include "serving/ops/op_test_util.h"
#include "serving/ops/string_hashes.h"

namespace tfsk::serving {
using namespace testing;

namespace {

/// A 2-D SparseTensor of strings, one row per inner list (TensorFlow's test helper).
struct Sparse {
  Tensor indices, values, shape;
};
Sparse Rows(const std::vector<std::vector<std::string>>& rows) {
  std::vector<std::int64_t> idx;
  std::vector<std::string> vals;
  std::int64_t widest = 0;
  for (std::size_t b = 0; b < rows.size(); ++b) {
    for (std::size_t j = 0; j < rows[b].size(); ++j) {
      idx.push_back(static_cast<std::int64_t>(b));
      idx.push_back(static_cast<std::int64_t>(j));
      vals.push_back(rows[b][j]);
    }
    widest = std::max<std::int64_t>(widest, static_cast<std::int64_t>(rows[b].size()));
  }
  const auto n = static_cast<std::int64_t>(vals.size());
  return {I64(idx, {n, 2}), S(vals, {n}),
          I64({static_cast<std::int64_t>(rows.size()), widest}, {2})};
}

/// indices[N], values[N], shapes[N], then dense inputs.
std::vector<Tensor> Inputs(const std::vector<Sparse>& sparse,
                           const std::vector<Tensor>& dense = {}) {
  std::vector<Tensor> in;
  for (const auto& s : sparse) in.push_back(s.indices);
  for (const auto& s : sparse) in.push_back(s.values);
  for (const auto& s : sparse) in.push_back(s.shape);
  for (const auto& d : dense) in.push_back(d);
  return in;
}

AttrMap CrossAttrs(std::size_t n, std::vector<DataType> dense, DataType out_type,
                   std::int64_t num_buckets = 0, std::int64_t hash_key = 0) {
  return Attrs({{"N", AttrValue::Int(static_cast<std::int64_t>(n))},
                {"dense_types", AttrValue::Types(std::move(dense))},
                {"out_type", AttrValue::Type(out_type)},
                {"internal_type", AttrValue::Type(DataType::kString)},
                {"hashed_output", AttrValue::Bool(out_type == DataType::kInt64)},
                {"num_buckets", AttrValue::Int(num_buckets)},
                {"hash_key", AttrValue::Int(hash_key)}});
}

const std::vector<Sparse>& ThreeColumns() {
  static const std::vector<Sparse> cols = {Rows({{"batch1-FC1-F1"}}), Rows({{"batch1-FC2-F1"}}),
                                           Rows({{"batch1-FC3-F1"}})};
  return cols;
}

constexpr std::int64_t kDefaultHashKey = 0xDECAFCAFFE;  // sparse_ops._DEFAULT_HASH_KEY

}  // namespace

TEST_SUITE("sparse cross ops") {
  TEST_CASE("SparseCross strings: per-row cartesian product, last column fastest, dense too") {
    OpRunner r;
    auto out = r.Run("SparseCross",
                     Inputs({Rows({{"a1"}, {"b1", "b2"}})}, {S({"x1", "x2", "y1", "y2"}, {2, 2})}),
                     CrossAttrs(1, {DataType::kString}, DataType::kString));
    REQUIRE(out.ok());
    REQUIRE(out->size() == 3);
    CHECK(Values<std::int64_t>((*out)[0]) ==
          std::vector<std::int64_t>{0, 0, 0, 1, 1, 0, 1, 1, 1, 2, 1, 3});
    CHECK(Values<std::string>((*out)[1]) == std::vector<std::string>{"a1_X_x1", "a1_X_x2",
                                                                     "b1_X_y1", "b1_X_y2",
                                                                     "b2_X_y1", "b2_X_y2"});
    CHECK(Values<std::int64_t>((*out)[2]) == std::vector<std::int64_t>{2, 4});
  }

  TEST_CASE("SparseCrossV2 joins with sep and spells int64 features in decimal") {
    OpRunner r;
    auto ints =
        Sparse{I64({0, 0, 1, 0, 1, 1}, {3, 2}), I64({11, 333, 55555}, {3}), I64({2, 2}, {2})};
    auto in = Inputs({ints, Rows({{"batch1-FC2-F1"}, {"batch2-FC2-F1", "batch2-FC2-F2"}})});
    in.push_back(Tensor::Scalar<std::string>("_X_"));
    auto out = r.Run("SparseCrossV2", in, CrossAttrs(2, {}, DataType::kString));
    REQUIRE(out.ok());
    // TensorFlow's test_integer_mixed_string_sparse.
    CHECK(Values<std::string>((*out)[1]) ==
          std::vector<std::string>{"11_X_batch1-FC2-F1", "333_X_batch2-FC2-F1",
                                   "333_X_batch2-FC2-F2", "55555_X_batch2-FC2-F1",
                                   "55555_X_batch2-FC2-F2"});
  }

  TEST_CASE("a row where one column is empty has no crosses") {
    OpRunner r;
    auto out = r.Run("SparseCross", Inputs({Rows({{"a"}, {"b"}}), Rows({{"x"}, {}})}),
                     CrossAttrs(2, {}, DataType::kString));
    REQUIRE(out.ok());
    CHECK(Values<std::string>((*out)[1]) == std::vector<std::string>{"a_X_x"});
    CHECK(Values<std::int64_t>((*out)[2]) == std::vector<std::int64_t>{2, 1});
  }

  TEST_CASE("hashed SparseCross matches TensorFlow's published fingerprints") {
    OpRunner r;
    auto run = [&](std::int64_t buckets, std::int64_t key) {
      auto out = r.Run("SparseCross", Inputs(ThreeColumns()),
                       CrossAttrs(3, {}, DataType::kInt64, buckets, key));
      REQUIRE_MESSAGE(out.ok(), out.status().ToString());
      return Values<std::int64_t>((*out)[1]);
    };
    // sparse_cross_op_test.py: test_hashed_zero_bucket_no_hash_key, test_hashed_zero_bucket,
    // test_hashed_output.
    CHECK(run(0, kDefaultHashKey) == std::vector<std::int64_t>{1971693436396284976});
    CHECK(run(0, kDefaultHashKey + 1) == std::vector<std::int64_t>{4847552627144134031});
    CHECK(run(100, kDefaultHashKey) == std::vector<std::int64_t>{83});
  }

  TEST_CASE("SparseCrossHashed matches TensorFlow's published values, salt unused unless strong") {
    OpRunner r;
    auto run = [&](std::int64_t buckets, std::vector<std::int64_t> salt, bool strong = false) {
      auto in = Inputs(ThreeColumns());
      in.push_back(Tensor::Scalar<std::int64_t>(buckets));
      in.push_back(Tensor::Scalar<bool>(strong));
      in.push_back(I64(std::move(salt), {2}));
      return r.Run("SparseCrossHashed", in, CrossAttrs(3, {}, DataType::kInt64));
    };
    auto zero = run(0, {1, 1});
    REQUIRE(zero.ok());
    CHECK(Values<std::int64_t>((*zero)[1]) == std::vector<std::int64_t>{9186962005966787372});
    auto salted = run(0, {137, 173});
    REQUIRE(salted.ok());
    CHECK(Values<std::int64_t>((*salted)[1]) == std::vector<std::int64_t>{9186962005966787372});
    auto hundred = run(100, {137, 173});
    REQUIRE(hundred.ok());
    CHECK(Values<std::int64_t>((*hundred)[1]) == std::vector<std::int64_t>{79});
    // strong_hash: SipHash-2-4 keyed by the salt; one column has nothing to chain.
    auto strong = run(1000, {137, 173}, true);
    REQUIRE(strong.ok());
    CHECK(Values<std::int64_t>((*strong)[1]) != Values<std::int64_t>((*hundred)[1]));
    auto again = run(1000, {137, 173}, true);
    CHECK(Values<std::int64_t>((*again)[1]) == Values<std::int64_t>((*strong)[1]));
    auto resalted = run(1000, {137, 1}, true);
    CHECK(Values<std::int64_t>((*resalted)[1]) != Values<std::int64_t>((*strong)[1]));
    auto one = ThreeColumns()[0];
    std::vector<Tensor> single = {one.indices,
                                  one.values,
                                  one.shape,
                                  Tensor::Scalar<std::int64_t>(1000),
                                  Tensor::Scalar<bool>(true),
                                  I64({137, 173}, {2})};
    auto keyed = r.Run("SparseCrossHashed", single, CrossAttrs(1, {}, DataType::kInt64));
    REQUIRE(keyed.ok());
    CHECK(Values<std::int64_t>((*keyed)[1]) ==
          std::vector<std::int64_t>{
              static_cast<std::int64_t>(ops::SipHash24(137, 173, "batch1-FC1-F1") % 1000)});
  }

  TEST_CASE("TensorFlow's input checks") {
    OpRunner r;
    auto bad_batch = Inputs({Rows({{"a"}}), Rows({{"x"}, {"y"}})});
    CHECK(r.Error("SparseCross", bad_batch, CrossAttrs(2, {}, DataType::kString)) ==
          "Expected batch size 1 got 2 at position 1");
    auto ints = Sparse{I64({0, 0}, {1, 2}), I64({7}, {1}), I64({1, 1}, {2})};
    CHECK(r.Error("SparseCross", Inputs({ints}), CrossAttrs(1, {}, DataType::kString)) ==
          "Input values should be of internal type string but received int64");
    auto flat = Sparse{I64({0, 0}, {2}), S({"a"}, {1}), I64({1, 1}, {2})};
    CHECK(r.Error("SparseCross", Inputs({flat}), CrossAttrs(1, {}, DataType::kString)) ==
          "Input indices should be a matrix but received shape [2] at position 0");
    CHECK(r.Error("SparseCross", Inputs({Rows({{"a"}})}, {S({"x"}, {1})}),
                  CrossAttrs(1, {DataType::kString}, DataType::kString)) ==
          "Dense inputs should be a matrix but received shape [1] at position 0");
  }
}

}  // namespace tfsk::serving
