// TF1's TensorArray*V3 kernels: a run's mutable array behind a handle, flows, and TensorFlow's
// errors for out-of-range, double writes, cleared reads and inconsistent shapes.

#include <doctest/doctest.h>

#include "serving/ops/op_test_util.h"

namespace tfsk::serving {
using namespace testing;

namespace {

Tensor Flow() { return F({0}, {}); }

/// A TensorArray of `size` floats; the handle (output 0) shared by every op run on it.
Tensor NewArray(OpRunner& r, std::int32_t size,
                std::vector<std::pair<std::string, AttrValue>> extra = {}) {
  extra.emplace_back("dtype", AttrValue::Type(DataType::kFloat));
  auto out = r.Run("TensorArrayV3", {I32({size}, {})}, Attrs(std::move(extra)), {}, "ta");
  REQUIRE_MESSAGE(out.ok(), out.status().ToString());
  REQUIRE(out->size() == 2);
  CHECK((*out)[1].dtype() == DataType::kFloat);  // the flow
  return (*out)[0];
}

AttrMap FloatDtype() { return Attrs({{"dtype", AttrValue::Type(DataType::kFloat)}}); }

}  // namespace

TEST_SUITE("tensor array ops") {
  TEST_CASE("writes change the array behind every copy of the handle, reads and gathers see them") {
    OpRunner r;
    Tensor ta = NewArray(r, 3, {{"clear_after_read", AttrValue::Bool(false)}});
    for (std::int32_t i = 0; i < 3; ++i) {
      r.One("TensorArrayWriteV3", {ta, I32({i}, {}), F({float(i), float(10 * i)}, {2}), Flow()});
    }
    CHECK(Values<std::int32_t>(r.One("TensorArraySizeV3", {ta, Flow()})) ==
          std::vector<std::int32_t>{3});
    CHECK(Values<float>(r.One("TensorArrayReadV3", {ta, I32({1}, {}), Flow()}, FloatDtype())) ==
          std::vector<float>{1, 10});
    Tensor g = r.One("TensorArrayGatherV3", {ta, I32({2, 0}, {2}), Flow()}, FloatDtype());
    CHECK(g.shape() == Shape{2, 2});
    CHECK(Values<float>(g) == std::vector<float>{2, 20, 0, 0});
    auto concat = r.Run("TensorArrayConcatV3", {ta, Flow()}, FloatDtype());
    REQUIRE(concat.ok());
    CHECK(Values<float>((*concat)[0]) == std::vector<float>{0, 0, 1, 10, 2, 20});
    CHECK(Values<std::int64_t>((*concat)[1]) == std::vector<std::int64_t>{2, 2, 2});
    CHECK((*concat)[0].shape() == Shape{6});
  }

  TEST_CASE("scatter and split fill an array, a cleared element cannot be read twice") {
    OpRunner r;
    Tensor ta = NewArray(r, 2);
    r.One("TensorArrayScatterV3", {ta, I32({1, 0}, {2}), F({1, 2, 3, 4}, {2, 2}), Flow()});
    CHECK(Values<float>(r.One("TensorArrayReadV3", {ta, I32({0}, {}), Flow()}, FloatDtype())) ==
          std::vector<float>{3, 4});
    CHECK(r.Error("TensorArrayReadV3", {ta, I32({0}, {}), Flow()}, FloatDtype()) ==
          "TensorArray ta: Could not read index 0 twice because it was cleared after a previous "
          "read (perhaps try setting clear_after_read = false?)");

    Tensor parts = NewArray(r, 2);
    r.One("TensorArraySplitV3", {parts, F({1, 2, 3}, {3}), I64({1, 2}, {2}), Flow()});
    CHECK(Values<float>(r.One("TensorArrayReadV3", {parts, I32({1}, {}), Flow()}, FloatDtype())) ==
          std::vector<float>{2, 3});
    CHECK(r.Error("TensorArraySplitV3",
                  {NewArray(r, 2), F({1, 2, 3}, {3}), I64({1, 1}, {2}), Flow()}) ==
          "Expected sum of lengths to be equal to values.shape[0], but sum of lengths is: 2 and "
          "value's shape is: [3]");
  }

  TEST_CASE("size, writes and element shapes are checked like TensorFlow") {
    OpRunner r;
    Tensor fixed = NewArray(r, 1, {{"element_shape", AttrValue::ShapeOf({2})}});
    CHECK(r.Error("TensorArrayWriteV3", {fixed, I32({1}, {}), F({1, 2}, {2}), Flow()}) ==
          "TensorArray ta: Tried to write to index 1 but array is not resizeable and size is: 1");
    CHECK(r.Error("TensorArrayWriteV3", {fixed, I32({0}, {}), F({1, 2, 3}, {3}), Flow()}) ==
          "TensorArray ta: Could not write to TensorArray index 0 because the value shape is [3] "
          "which is incompatible with the TensorArray's inferred element shape: [2] (consider "
          "setting infer_shape=False).");
    CHECK(r.Error("TensorArrayWriteV3", {fixed, I32({0}, {}), I32({1, 2}, {2}), Flow()}) ==
          "TensorArray dtype is float but Op is trying to write dtype int32.");
    r.One("TensorArrayWriteV3", {fixed, I32({0}, {}), F({1, 2}, {2}), Flow()});
    CHECK(r.Error("TensorArrayWriteV3", {fixed, I32({0}, {}), F({1, 2}, {2}), Flow()}) ==
          "TensorArray ta: Could not write to TensorArray index 0 because it has already been "
          "written to.");
    CHECK(r.Error("TensorArrayReadV3", {fixed, I32({3}, {}), Flow()}, FloatDtype()) ==
          "Tried to read from index 3 but array size is: 1");

    Tensor growing = NewArray(r, 0, {{"dynamic_size", AttrValue::Bool(true)}});
    r.One("TensorArrayWriteV3", {growing, I32({4}, {}), F({7}, {}), Flow()});
    CHECK(Values<std::int32_t>(r.One("TensorArraySizeV3", {growing, Flow()})) ==
          std::vector<std::int32_t>{5});
    // Element 0 was never written and the element shape is unknown: no zeros to make.
    CHECK(r.Error("TensorArrayReadV3", {growing, I32({0}, {}), Flow()}, FloatDtype())
              .starts_with("TensorArray ta: Could not read from TensorArray index 0.  Furthermore, "
                           "the element shape is not fully defined: <unknown>."));
    // With a known element shape, an unwritten element reads as zeros.
    Tensor zeros = NewArray(r, 2, {{"element_shape", AttrValue::ShapeOf({3})}});
    CHECK(Values<float>(r.One("TensorArrayGatherV3", {zeros, I32({0, 1}, {2}), Flow()},
                              FloatDtype())) == std::vector<float>(6, 0.0F));
    CHECK(r.Error("TensorArrayV3", {I32({-1}, {})}, FloatDtype()) == "Size should be >= 0.");
    CHECK(r.Error("TensorArraySizeV3", {F({1}, {}), Flow()}) ==
          "Input 0 of TensorArraySizeV3 is not a TensorArray handle (got a float tensor of shape "
          "[])");
  }

  TEST_CASE("gathering elements of different shapes fails naming both") {
    OpRunner r;
    Tensor ta = NewArray(r, 2);
    r.One("TensorArrayWriteV3", {ta, I32({0}, {}), F({1}, {1}), Flow()});
    r.One("TensorArrayWriteV3", {ta, I32({1}, {}), F({1, 2}, {2}), Flow()});
    CHECK(r.Error("TensorArrayGatherV3", {ta, I32({0, 1}, {2}), Flow()}, FloatDtype()) ==
          "TensorArray has inconsistent shapes.  Index 0 has shape: [1] but index 1 has shape: "
          "[2]");
    Tensor empty = NewArray(r, 0);
    CHECK(r.Error("TensorArrayGatherV3", {empty, I32({}, {0}), Flow()}, FloatDtype()) ==
          "TensorArray has size zero, but element shape <unknown> is not fully defined. Currently "
          "only static shapes are supported when packing zero-size TensorArrays.");
  }
}

}  // namespace tfsk::serving
