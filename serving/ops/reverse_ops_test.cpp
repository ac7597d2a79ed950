#include <doctest/doctest.h>

#include "serving/ops/op_test_util.h"

namespace tfsk::serving {
using namespace testing;

TEST_SUITE("reverse ops") {
  TEST_CASE("ReverseV2 flips the listed axes, Reverse the flagged dims") {
    OpRunner r;
    Tensor x = F({1, 2, 3, 4, 5, 6}, {2, 3});
    CHECK(Values<float>(r.One("ReverseV2", {x, I32({1}, {1})})) ==
          std::vector<float>{3, 2, 1, 6, 5, 4});
    CHECK(Values<float>(r.One("ReverseV2", {x, I64({-2, 1}, {2})})) ==
          std::vector<float>{6, 5, 4, 3, 2, 1});
    CHECK(Values<float>(r.One("ReverseV2", {x, I32({}, {0})})) == Values<float>(x));
    CHECK(Values<float>(r.One("Reverse", {x, B({true, false}, {2})})) ==
          std::vector<float>{4, 5, 6, 1, 2, 3});
  }

  TEST_CASE("ReverseV2 axis errors") {
    OpRunner r;
    Tensor x = F({1, 2}, {2});
    CHECK(r.Error("ReverseV2", {x, I32({1}, {1})}) == "'axis'[0] = 1 is out of valid range [0, 0");
    CHECK(r.Error("ReverseV2", {x, I32({0, -1}, {2})}) == "axis 0 specified more than once.");
  }

  TEST_CASE("ReverseSequence reverses each batch entry's first seq_lengths[b] steps") {
    OpRunner r;
    const AttrMap batch_major = Attrs({{"seq_dim", AttrValue::Int(1)}});
    Tensor x = F({1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12}, {3, 4});
    CHECK(Values<float>(r.One("ReverseSequence", {x, I64({2, 4, 0}, {3})}, batch_major)) ==
          std::vector<float>{2, 1, 3, 4, 8, 7, 6, 5, 9, 10, 11, 12});
    // Time-major [T, B, F] as TF1's dynamic_rnn feeds it: value = 10 * t + b.
    Tensor tm = I32({0, 1, 10, 11, 20, 21}, {3, 2, 1});
    CHECK(Values<std::int32_t>(r.One("ReverseSequence", {tm, I32({3, 2}, {2})},
                                     Attrs({{"seq_dim", AttrValue::Int(0)},
                                            {"batch_dim", AttrValue::Int(1)}}))) ==
          std::vector<std::int32_t>{20, 11, 10, 1, 0, 21});
    Tensor words = S({"a", "b", "c", "d"}, {2, 2});
    CHECK(Values<std::string>(r.One("ReverseSequence", {words, I64({2, 1}, {2})}, batch_major)) ==
          std::vector<std::string>{"b", "a", "c", "d"});
  }

  TEST_CASE("ReverseSequence errors") {
    OpRunner r;
    const AttrMap a = Attrs({{"seq_dim", AttrValue::Int(1)}});
    Tensor x = F(std::vector<float>(12, 0), {3, 4});
    CHECK(r.Error("ReverseSequence", {x, I64({1}, {1})}, a) ==
          "Length of seq_lengths != input.dims(0), (1 vs. 3)");
    CHECK(r.Error("ReverseSequence", {x, I64({2, 5, 0}, {3})}, a) == "seq_lens(1) > input.dims(1)");
    CHECK(r.Error("ReverseSequence", {x, I64({2, -1, 0}, {3})}, a) == "seq_lens(1) < 0");
    CHECK(r.Error("ReverseSequence", {x, I64({1, 1, 1}, {3})},
                  Attrs({{"seq_dim", AttrValue::Int(0)}})) == "batch_dim == seq_dim == 0");
    CHECK(r.Error("ReverseSequence", {x, I64({1, 1, 1}, {3})},
                  Attrs({{"seq_dim", AttrValue::Int(2)}})) == "seq_dim must be < input rank ( 2 vs. 2)");
    CHECK(r.Error("ReverseSequence", {F({1, 2}, {2}), I64({1, 1}, {2})},
                  Attrs({{"seq_dim", AttrValue::Int(1)}, {"batch_dim", AttrValue::Int(0)}})) ==
          "seq_dim must be < input rank ( 1 vs. 1)");
  }
}

}  // namespace tfsk::serving
