#include <doctest/doctest.h>

#include <cmath>
#include <limits>

#include "serving/ops/op_test_util.h"

namespace tfsk::serving {
using namespace testing;

namespace {
AttrMap Pool(std::int64_t k, std::int64_t s, const std::string& padding) {
  return Attrs({{"ksize", AttrValue::Ints({1, k, k, 1})},
                {"strides", AttrValue::Ints({1, s, s, 1})},
                {"padding", AttrValue::Str(padding)}});
}
}  // namespace

TEST_SUITE("argmax pool") {
  TEST_CASE("MaxPoolWithArgmax: values and flat indices, with and without the batch") {
    OpRunner r;
    // Two images of 2 x 3 x 2 (channels innermost).
    Tensor x = F({1, 9, 5, 2, 3, 4,  //
                  7, 0, 2, 8, 6, 1,  //
                  0, 0, 0, 0, 0, 0,  //
                  0, 0, 3, 0, 0, 5},
                 {2, 2, 3, 2});
    auto out = r.Run("MaxPoolWithArgmax", {x}, Pool(2, 1, "VALID"));
    REQUIRE(out.ok());
    REQUIRE(out->size() == 2);
    CHECK((*out)[0].shape() == Shape{2, 1, 2, 2});
    CHECK(Values<float>((*out)[0]) == std::vector<float>{7, 9, 6, 8, 3, 0, 3, 5});
    // Image 1, window 0 channel 1 is all zeros: the first tap (y 0, x 0) is kept on ties.
    CHECK((*out)[1].dtype() == DataType::kInt64);
    CHECK(Values<std::int64_t>((*out)[1]) == std::vector<std::int64_t>{6, 1, 10, 9, 8, 1, 8, 11});
    AttrMap with_batch = Pool(2, 1, "VALID");
    with_batch.Set("include_batch_in_index", AttrValue::Bool(true));
    with_batch.Set("Targmax", AttrValue::Type(DataType::kInt32));
    auto batched = r.Run("MaxPoolWithArgmax", {x}, with_batch);
    REQUIRE(batched.ok());
    CHECK((*batched)[1].dtype() == DataType::kInt32);
    CHECK(Values<std::int32_t>((*batched)[1]) ==
          std::vector<std::int32_t>{6, 1, 10, 9, 20, 13, 20, 23});
  }

  TEST_CASE("MaxPoolWithArgmax SAME, stride 2, and NaN as TensorFlow's CPU kernel treats it") {
    OpRunner r;
    Tensor x = F({1, 2, 3, 4, 5, 6, 7, 8, 9}, {1, 3, 3, 1});
    auto out = r.Run("MaxPoolWithArgmax", {x}, Pool(2, 2, "SAME"));
    REQUIRE(out.ok());
    CHECK(Values<float>((*out)[0]) == std::vector<float>{5, 6, 8, 9});
    CHECK(Values<std::int64_t>((*out)[1]) == std::vector<std::int64_t>{4, 5, 7, 8});
    const float nan = std::numeric_limits<float>::quiet_NaN();
    // A NaN in first position sticks (nothing compares greater); a later one is skipped.
    auto first = r.Run("MaxPoolWithArgmax", {F({nan, 1, 2, 3}, {1, 2, 2, 1})}, Pool(2, 2, "VALID"));
    REQUIRE(first.ok());
    CHECK(std::isnan(Values<float>((*first)[0])[0]));
    auto later = r.Run("MaxPoolWithArgmax", {F({1, nan, 2, 0}, {1, 2, 2, 1})}, Pool(2, 2, "VALID"));
    REQUIRE(later.ok());
    CHECK(Values<float>((*later)[0]) == std::vector<float>{2});
    CHECK(Values<std::int64_t>((*later)[1]) == std::vector<std::int64_t>{2});
  }

  TEST_CASE("MaxPoolWithArgmax errors") {
    OpRunner r;
    AttrMap batch = Pool(2, 1, "VALID");
    batch.Set("ksize", AttrValue::Ints({2, 2, 2, 1}));
    CHECK(r.Error("MaxPoolWithArgmax", {F({1}, {1, 1, 1, 1})}, batch) ==
          "ksize attr in the batch and depth dimensions is not supported");
    CHECK(r.Error("MaxPoolWithArgmax", {F({1}, {1})}, Pool(1, 1, "VALID")) ==
          "input must be 4-dimensional[1]");
    AttrMap f32 = Pool(1, 1, "VALID");
    f32.Set("Targmax", AttrValue::Type(DataType::kFloat));
    CHECK(r.Error("MaxPoolWithArgmax", {F({1}, {1, 1, 1, 1})}, f32) ==
          "Targmax must be int32 or int64, got float");
  }
}

}  // namespace tfsk::serving
