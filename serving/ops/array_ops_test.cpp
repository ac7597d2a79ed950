#include <doctest/doctest.h>

#include "serving/ops/op_test_util.h"

namespace tfsk::serving {
using namespace testing;

TEST_SUITE("array ops") {
  TEST_CASE("Const outputs its value attr") {
    OpRunner r;
    Tensor out = r.One("Const", {}, Attrs({{"value", AttrValue::Of(F({1, 2}, {2}))},
                                          {"dtype", AttrValue::Type(DataType::kFloat)}}));
    CHECK(Values<float>(out) == std::vector<float>{1, 2});
  }

  TEST_CASE("an unfed Placeholder fails naming itself and its dtype") {
    OpRunner r;
    auto out = r.Run("Placeholder", {}, Attrs({{"dtype", AttrValue::Type(DataType::kFloat)}}), {}, "x");
    REQUIRE_FALSE(out.ok());
    CHECK(out.status().code() == Code::kInvalidArgument);
    CHECK(out.status().message() == "You must feed a value for placeholder tensor 'x' with dtype float");
  }

  TEST_CASE("PlaceholderWithDefault and Identity forward their input, IdentityN forwards all") {
    OpRunner r;
    CHECK(Values<float>(r.One("PlaceholderWithDefault", {F({3}, {1})})) == std::vector<float>{3});
    auto n = r.Run("IdentityN", {F({1}, {1}), I32({2}, {1})});
    REQUIRE(n.ok());
    CHECK(n->size() == 2);
    CHECK((*n)[1].dtype() == DataType::kInt32);
  }

  TEST_CASE("Shape honours out_type") {
    OpRunner r;
    Tensor s32 = r.One("Shape", {F({1, 2, 3, 4, 5, 6}, {2, 3})});
    CHECK(s32.dtype() == DataType::kInt32);
    CHECK(Values<std::int32_t>(s32) == std::vector<std::int32_t>{2, 3});
    Tensor s64 = r.One("Shape", {F({1}, {1})}, Attrs({{"out_type", AttrValue::Type(DataType::kInt64)}}));
    CHECK(Values<std::int64_t>(s64) == std::vector<std::int64_t>{1});
  }

  TEST_CASE("ShapeN gives each input's shape in out_type") {
    OpRunner r;
    auto out = r.Run("ShapeN", {F({1, 2, 3, 4, 5, 6}, {2, 3}), F({7}, {})},
                     Attrs({{"out_type", AttrValue::Type(DataType::kInt64)}}));
    REQUIRE_MESSAGE(out.ok(), out.status().ToString());
    REQUIRE(out->size() == 2);
    CHECK(Values<std::int64_t>((*out)[0]) == std::vector<std::int64_t>{2, 3});
    CHECK((*out)[1].shape() == Shape{0});
    CHECK(r.Error("ShapeN", {}) == "ShapeN expects at least one input");
  }

  TEST_CASE("Fill makes a tensor of one value") {
    OpRunner r;
    Tensor out = r.One("Fill", {I32({2, 2}, {2}), F({7}, {})});
    CHECK(out.shape() == Shape{2, 2});
    CHECK(Values<float>(out) == std::vector<float>{7, 7, 7, 7});
  }

  TEST_CASE("Cast converts between numeric types and bool") {
    OpRunner r;
    Tensor i = r.One("Cast", {F({1.7f, -2.2f}, {2})}, Attrs({{"DstT", AttrValue::Type(DataType::kInt32)}}));
    CHECK(Values<std::int32_t>(i) == std::vector<std::int32_t>{1, -2});
    Tensor b = r.One("Cast", {F({0, 2}, {2})}, Attrs({{"DstT", AttrValue::Type(DataType::kBool)}}));
    CHECK(Values<bool>(b) == std::vector<bool>{false, true});
    Tensor d = r.One("Cast", {B({true}, {1})}, Attrs({{"DstT", AttrValue::Type(DataType::kDouble)}}));
    CHECK(d.flat<double>()[0] == 1.0);
  }

  TEST_CASE("Select with a same-shape or row condition, SelectV2 broadcasts") {
    OpRunner r;
    CHECK(Values<float>(r.One("Select", {B({true, false}, {2}), F({1, 2}, {2}), F({10, 20}, {2})})) ==
          std::vector<float>{1, 20});
    CHECK(Values<float>(r.One("Select", {B({false, true}, {2}), F({1, 2, 3, 4}, {2, 2}),
                                         F({10, 20, 30, 40}, {2, 2})})) == std::vector<float>{10, 20, 3, 4});
    CHECK(Values<std::string>(r.One("SelectV2", {B({true}, {}), S({"a", "b"}, {2}), S({"z"}, {})})) ==
          std::vector<std::string>{"a", "b"});
  }
}

TEST_SUITE("shape ops") {
  TEST_CASE("Reshape with an inferred dimension") {
    OpRunner r;
    Tensor out = r.One("Reshape", {F({1, 2, 3, 4, 5, 6}, {6}), I32({-1, 2}, {2})});
    CHECK(out.shape() == Shape{3, 2});
  }

  TEST_CASE("Reshape to the wrong size fails like TensorFlow") {
    OpRunner r;
    CHECK(r.Error("Reshape", {F({1, 2, 3}, {3}), I32({2, 2}, {2})}) ==
          "Input to reshape is a tensor with 3 values, but the requested shape has 4");
    CHECK(r.Error("Reshape", {F({1, 2, 3}, {3}), I32({-1, 2}, {2})}) ==
          "Input to reshape is a tensor with 3 values, but the requested shape requires a multiple of 2");
  }

  TEST_CASE("Squeeze all unit dims or the listed ones, ExpandDims inserts one") {
    OpRunner r;
    CHECK(r.One("Squeeze", {F({1, 2}, {1, 2, 1})}).shape() == Shape{2});
    CHECK(r.One("Squeeze", {F({1, 2}, {1, 2, 1})}, Attrs({{"squeeze_dims", AttrValue::Ints({-1})}})).shape() ==
          Shape{1, 2});
    CHECK(r.Error("Squeeze", {F({1, 2}, {1, 2, 1})}, Attrs({{"squeeze_dims", AttrValue::Ints({1})}})) ==
          "Can not squeeze dim[1], expected a dimension of 1, got 2");
    CHECK(r.One("ExpandDims", {F({1, 2}, {2}), I32({-1}, {})}).shape() == Shape{2, 1});
    CHECK(r.One("ExpandDims", {F({1, 2}, {2}), I64({0}, {})}).shape() == Shape{1, 2});
  }

  TEST_CASE("ConcatV2 along an inner axis") {
    OpRunner r;
    Tensor out = r.One("ConcatV2", {F({1, 2, 3, 4}, {2, 2}), F({5, 6}, {2, 1}), I32({1}, {})});
    CHECK(out.shape() == Shape{2, 3});
    CHECK(Values<float>(out) == std::vector<float>{1, 2, 5, 3, 4, 6});
    CHECK(r.Error("ConcatV2", {F({1, 2}, {1, 2}), F({1, 2, 3}, {1, 3}), I32({0}, {})})
              .find("Dimension mismatch") != std::string::npos);
  }

  TEST_CASE("Pack stacks along a new axis, Unpack splits") {
    OpRunner r;
    Tensor p0 = r.One("Pack", {F({1, 2}, {2}), F({3, 4}, {2})});
    CHECK(p0.shape() == Shape{2, 2});
    CHECK(Values<float>(p0) == std::vector<float>{1, 2, 3, 4});
    Tensor p1 = r.One("Pack", {F({1, 2}, {2}), F({3, 4}, {2})}, Attrs({{"axis", AttrValue::Int(1)}}));
    CHECK(Values<float>(p1) == std::vector<float>{1, 3, 2, 4});
    Tensor strings = r.One("Pack", {S({"a"}, {}), S({"b"}, {})});
    CHECK(Values<std::string>(strings) == std::vector<std::string>{"a", "b"});
    auto parts = r.Run("Unpack", {F({1, 2, 3, 4}, {2, 2})}, Attrs({{"axis", AttrValue::Int(1)}}));
    REQUIRE(parts.ok());
    CHECK(Values<float>((*parts)[0]) == std::vector<float>{1, 3});
  }

  TEST_CASE("Transpose permutes dims") {
    OpRunner r;
    Tensor out = r.One("Transpose", {F({1, 2, 3, 4, 5, 6}, {2, 3}), I32({1, 0}, {2})});
    CHECK(out.shape() == Shape{3, 2});
    CHECK(Values<float>(out) == std::vector<float>{1, 4, 2, 5, 3, 6});
  }
}

TEST_SUITE("slice ops") {
  AttrMap Masks(int begin, int end, int ellipsis, int new_axis, int shrink) {
    return Attrs({{"begin_mask", AttrValue::Int(begin)},
                  {"end_mask", AttrValue::Int(end)},
                  {"ellipsis_mask", AttrValue::Int(ellipsis)},
                  {"new_axis_mask", AttrValue::Int(new_axis)},
                  {"shrink_axis_mask", AttrValue::Int(shrink)}});
  }

  TEST_CASE("StridedSlice takes a range, a reversed range and clamps out-of-range ends") {
    OpRunner r;
    Tensor x = F({0, 1, 2, 3, 4}, {5});
    CHECK(Values<float>(r.One("StridedSlice", {x, I32({1}, {1}), I32({3}, {1}), I32({1}, {1})},
                              Masks(0, 0, 0, 0, 0))) == std::vector<float>{1, 2});
    CHECK(Values<float>(r.One("StridedSlice", {x, I32({0}, {1}), I32({0}, {1}), I32({-1}, {1})},
                              Masks(1, 1, 0, 0, 0))) == std::vector<float>{4, 3, 2, 1, 0});
    CHECK(Values<float>(r.One("StridedSlice", {x, I32({-2}, {1}), I32({100}, {1}), I32({1}, {1})},
                              Masks(0, 0, 0, 0, 0))) == std::vector<float>{3, 4});
  }

  TEST_CASE("StridedSlice shrinking every axis of a 1x10x10x1 tensor gives a scalar") {
    OpRunner r;
    Tensor x(DataType::kFloat, {1, 10, 10, 1});
    x.flat<float>()[0] = 42;
    Tensor out = r.One("StridedSlice", {x, I32({0, 0, 0, 0}, {4}), I32({1, 1, 1, 1}, {4}),
                                        I32({1, 1, 1, 1}, {4})},
                       Masks(0, 0, 0, 0, 15));
    CHECK(out.rank() == 0);
    CHECK(out.flat<float>()[0] == 42);
  }

  TEST_CASE("StridedSlice with ellipsis plus shrink and with a new axis") {
    OpRunner r;
    Tensor x = F({1, 2, 3, 4, 5, 6}, {2, 3});
    Tensor col = r.One("StridedSlice", {x, I32({0, 1}, {2}), I32({0, 2}, {2}), I32({1, 1}, {2})},
                       Masks(0, 0, 1, 0, 2));
    CHECK(col.shape() == Shape{2});
    CHECK(Values<float>(col) == std::vector<float>{2, 5});
    Tensor expanded = r.One("StridedSlice", {x, I32({0, 0}, {2}), I32({0, 0}, {2}), I32({1, 1}, {2})},
                            Masks(1, 1, 0, 2, 0));
    CHECK(expanded.shape() == Shape{2, 1, 3});
  }

  TEST_CASE("Slice takes begin and size (-1 = to the end)") {
    OpRunner r;
    Tensor out = r.One("Slice", {F({1, 2, 3, 4, 5, 6}, {2, 3}), I32({0, 1}, {2}), I32({-1, 2}, {2})});
    CHECK(out.shape() == Shape{2, 2});
    CHECK(Values<float>(out) == std::vector<float>{2, 3, 5, 6});
  }
}

}  // namespace tfsk::serving
