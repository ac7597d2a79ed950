#include <doctest/doctest.h>

#include "serving/ops/op_test_util.h"

namespace tfsk::serving {
using namespace testing;

TEST_SUITE("dynamic partition ops") {
  TEST_CASE("DynamicPartition then DynamicStitch: a sharded embedding lookup round trip") {
    OpRunner r;
    // ids 0..4 over 2 shards by `id mod 2`, as embedding_lookup's "mod" strategy.
    Tensor rows = F({10, 11, 20, 21, 30, 31, 40, 41, 50, 51}, {5, 2});
    Tensor shard = I32({0, 1, 0, 1, 0}, {5});
    auto parts =
        r.Run("DynamicPartition", {rows, shard}, Attrs({{"num_partitions", AttrValue::Int(2)}}));
    REQUIRE_MESSAGE(parts.ok(), parts.status().ToString());
    REQUIRE(parts->size() == 2);
    CHECK((*parts)[0].shape() == Shape{3, 2});
    CHECK(Values<float>((*parts)[0]) == std::vector<float>{10, 11, 30, 31, 50, 51});
    CHECK(Values<float>((*parts)[1]) == std::vector<float>{20, 21, 40, 41});
    // The positions, partitioned the same way, put the rows back in order.
    auto pos = r.Run("DynamicPartition", {I32({0, 1, 2, 3, 4}, {5}), shard},
                     Attrs({{"num_partitions", AttrValue::Int(2)}}));
    REQUIRE(pos.ok());
    for (const char* op : {"DynamicStitch", "ParallelDynamicStitch"}) {
      CAPTURE(op);
      Tensor back = r.One(op, {(*pos)[0], (*pos)[1], (*parts)[0], (*parts)[1]});
      CHECK(back.shape() == Shape{5, 2});
      CHECK(Values<float>(back) == Values<float>(rows));
    }
  }

  TEST_CASE("DynamicPartition: matrix partitions, empty partitions, strings") {
    OpRunner r;
    auto out =
        r.Run("DynamicPartition", {S({"a", "b", "c", "d"}, {2, 2}), I32({2, 0, 2, 2}, {2, 2})},
              Attrs({{"num_partitions", AttrValue::Int(3)}}));
    REQUIRE(out.ok());
    CHECK(Values<std::string>((*out)[0]) == std::vector<std::string>{"b"});
    CHECK((*out)[1].shape() == Shape{0});
    CHECK(Values<std::string>((*out)[2]) == std::vector<std::string>{"a", "c", "d"});
  }

  TEST_CASE("DynamicStitch: later inputs win, unnamed rows are zero") {
    OpRunner r;
    Tensor m =
        r.One("DynamicStitch", {I32({0, 3}, {2}), I32({3}, {1}), I64({1, 2}, {2}), I64({9}, {1})});
    CHECK(Values<std::int64_t>(m) == std::vector<std::int64_t>{1, 0, 0, 9});
    // Scalar indices with vector data rows.
    Tensor s = r.One("DynamicStitch", {I32({1}, {}), I32({0}, {}), F({1, 2}, {2}), F({3, 4}, {2})});
    CHECK(s.shape() == Shape{2, 2});
    CHECK(Values<float>(s) == std::vector<float>{3, 4, 1, 2});
  }

  TEST_CASE("partition and stitch errors, with TensorFlow's texts") {
    OpRunner r;
    const AttrMap two = Attrs({{"num_partitions", AttrValue::Int(2)}});
    CHECK(r.Error("DynamicPartition", {F({1, 2, 3}, {3}), I32({0, 2, 1}, {3})}, two) ==
          "partitions[1] = 2 is not in [0, 2)");
    CHECK(r.Error("DynamicPartition", {F({1, 2, 3, 4}, {2, 2}), I32({0, 1, 5, 0}, {2, 2})}, two) ==
          "partitions[1,0] = 5 is not in [0, 2)");
    CHECK(r.Error("DynamicPartition", {F({1, 2}, {2}), I32({0, 1, 1}, {3})}, two) ==
          "data.shape must start with partitions.shape, got data.shape = [2], partitions.shape = "
          "[3]");
    CHECK(r.Error("DynamicStitch", {I32({0, -1}, {2}), F({1, 2}, {2})}) ==
          "indices[1] is out of range");
    CHECK(r.Error("DynamicStitch", {I32({0, 1}, {2}), F({1, 2, 3}, {3})}) ==
          "data[0].shape = [3] does not start with indices[0].shape = [2]");
    CHECK(r.Error("DynamicStitch",
                  {I32({0}, {1}), I32({1}, {1}), F({1, 2}, {1, 2}), F({3}, {1, 1})}) ==
          "Need data[0].shape[1:] = data[1].shape[1:], got data[0].shape = [1,2], data[1].shape = "
          "[1,1], indices[0].shape = [1], indices[1].shape = [1]");
    CHECK(r.Error("DynamicStitch", {I32({0}, {1})}) ==
          "DynamicStitchOp: Must have even number of arguments");
  }
}

}  // namespace tfsk::serving
