#include <doctest/doctest.h>

#include <limits>

#include "serving/ops/op_test_util.h"

namespace tfsk::serving {
using namespace testing;

TEST_SUITE("segment ops") {
  TEST_CASE(
      "UnsortedSegmentSum / Max: any id order, negative ids dropped, empty segments hold the "
      "identity") {
    OpRunner r;
    Tensor data = F({1, 2, 3, 4, 5, 6}, {3, 2});
    Tensor ids = I32({2, 0, 2}, {3});
    Tensor sum = r.One("UnsortedSegmentSum", {data, ids, I32({3}, {})});
    CHECK(sum.shape() == Shape{3, 2});
    CHECK(Values<float>(sum) == std::vector<float>{3, 4, 0, 0, 6, 8});
    Tensor mx = r.One("UnsortedSegmentMax", {data, I64({1, -1, 1}, {3}), I64({2}, {})});
    CHECK(Values<float>(mx) == std::vector<float>{std::numeric_limits<float>::lowest(),
                                                  std::numeric_limits<float>::lowest(), 5, 6});
    CHECK(r.Error("UnsortedSegmentSum", {data, I32({0, 3, 0}, {3}), I32({3}, {})}) ==
          "segment_ids[1] = 3 is out of range [0, 3)");
  }

  TEST_CASE("SegmentSum / Mean / Min / Prod over sorted ids") {
    OpRunner r;
    Tensor data = I32({1, 2, 3, 4}, {4});
    Tensor ids = I32({0, 0, 2, 2}, {4});
    CHECK(Values<std::int32_t>(r.One("SegmentSum", {data, ids})) ==
          std::vector<std::int32_t>{3, 0, 7});
    CHECK(Values<float>(r.One("SegmentMean", {F({1, 2, 3, 4}, {4}), ids})) ==
          std::vector<float>{1.5f, 0, 3.5f});
    CHECK(Values<std::int32_t>(r.One("SegmentProd", {data, ids})) ==
          std::vector<std::int32_t>{2, 1, 12});
    CHECK(Values<std::int32_t>(r.One("SegmentMin", {data, ids})) ==
          std::vector<std::int32_t>{1, 0, 3});
    CHECK(Values<std::int32_t>(r.One("SegmentMax", {data, ids})) ==
          std::vector<std::int32_t>{2, 0, 4});
    CHECK(r.Error("SegmentSum", {data, I32({1, 0, 2, 2}, {4})}) ==
          "segment ids are not increasing");
  }
}

}  // namespace tfsk::serving
