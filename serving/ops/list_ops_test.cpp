// The TensorList* kernels: lists as values, element shapes, unset elements, TensorFlow's errors.

#include <doctest/doctest.h>

#include "serving/ops/op_test_util.h"
#include "serving/ops/tensor_list.h"

namespace tfsk::serving {
using namespace testing;

namespace {

AttrMap Dtype(DataType t) { return Attrs({{"element_dtype", AttrValue::Type(t)}}); }
Tensor Unknown() { return I32({-1}, {}); }
const TensorList& ListIn(const Tensor& t) {
  REQUIRE(t.dtype() == DataType::kVariant);
  auto* list = dynamic_cast<const TensorList*>(t.flat<Variant>()[0].get());
  REQUIRE(list != nullptr);
  return *list;
}

}  // namespace

TEST_SUITE("list ops") {
  TEST_CASE("FromTensor splits rows, Stack puts them back, GetItem reads one") {
    OpRunner r;
    Tensor x = F({1, 2, 3, 4, 5, 6}, {3, 2});
    Tensor list = r.One("TensorListFromTensor", {x, I32({2}, {1})});
    CHECK(ListIn(list).tensors.size() == 3);
    CHECK(ListIn(list).element_dtype == DataType::kFloat);
    CHECK(Values<std::int32_t>(r.One("TensorListLength", {list})) == std::vector<std::int32_t>{3});
    Tensor row =
        r.One("TensorListGetItem", {list, I32({1}, {}), Unknown()}, Dtype(DataType::kFloat));
    CHECK(row.shape() == Shape{2});
    CHECK(Values<float>(row) == std::vector<float>{3, 4});
    Tensor back = r.One("TensorListStack", {list, Unknown()}, Dtype(DataType::kFloat));
    CHECK(back.Equals(x));
    Tensor strings = r.One("TensorListFromTensor", {S({"a", "b"}, {2}), Unknown()});
    CHECK(Values<std::string>(
              r.One("TensorListStack", {strings, Unknown()}, Dtype(DataType::kString))) ==
          std::vector<std::string>{"a", "b"});
  }

  TEST_CASE("Reserve makes unset elements that read as zeros once the shape is known") {
    OpRunner r;
    Tensor list =
        r.One("TensorListReserve", {I32({-1, 2}, {2}), I32({3}, {})}, Dtype(DataType::kFloat));
    CHECK(ListIn(list).tensors.size() == 3);
    CHECK(r.Error("TensorListGetItem", {list, I32({0}, {}), Unknown()}, Dtype(DataType::kFloat)) ==
          "Trying to read an uninitialized tensor but element_shape is not fully defined: [?,2] "
          "and no list element is set.");
    // The shape input completes the list's partial shape...
    Tensor zeros =
        r.One("TensorListGetItem", {list, I32({0}, {}), I32({1, 2}, {2})}, Dtype(DataType::kFloat));
    CHECK(Values<float>(zeros) == std::vector<float>{0, 0});
    // ...and so does any element that is set.
    Tensor one = r.One("TensorListSetItem", {list, I32({2}, {}), F({7, 8}, {1, 2})},
                       Dtype(DataType::kFloat));
    Tensor stacked = r.One("TensorListStack", {one, Unknown()}, Dtype(DataType::kFloat));
    CHECK(stacked.shape() == Shape{3, 1, 2});
    CHECK(Values<float>(stacked) == std::vector<float>{0, 0, 0, 0, 7, 8});
    CHECK(r.Error("TensorListStack", {list, Unknown()}, Dtype(DataType::kFloat)) ==
          "Tried to stack list which only contains uninitialized tensors and has a "
          "non-fully-defined element_shape: [?,2]");
  }

  TEST_CASE("SetItem makes a new list and leaves the input list as it was") {
    OpRunner r;
    Tensor list = r.One("TensorListFromTensor", {F({1, 2}, {2}), Unknown()});
    Tensor changed =
        r.One("TensorListSetItem", {list, I32({0}, {}), F({9}, {})}, Dtype(DataType::kFloat));
    CHECK(Values<float>(r.One("TensorListStack", {list, Unknown()}, Dtype(DataType::kFloat))) ==
          std::vector<float>{1, 2});
    CHECK(Values<float>(r.One("TensorListStack", {changed, Unknown()}, Dtype(DataType::kFloat))) ==
          std::vector<float>{9, 2});
  }

  TEST_CASE("a list nothing else holds is changed in place when its inputs are handed over") {
    auto made = ops::NewList(DataType::kFloat, ops::KnownShape({}));
    made.list->tensors.resize(2);
    const TensorList* before = made.list;
    std::vector<Tensor> inputs{std::move(made.handle), I32({1}, {}), F({5}, {})};
    VariableStore vars;
    CheckpointReader none;
    NodeInfo node{"set", "TensorListSetItem", Dtype(DataType::kFloat)};
    std::vector<std::string> refs(3);
    OpContext ctx{node, inputs, refs, vars, none, {}, inputs};
    REQUIRE(Kernels().Find("TensorListSetItem")->fn(ctx).ok());
    CHECK(&ListIn(ctx.outputs[0]) == before);
    CHECK(Values<float>(ListIn(ctx.outputs[0]).tensors[1]) == std::vector<float>{5});

    // With another holder of the same list, the kernel copies.
    Tensor shared = ctx.outputs[0];
    std::vector<Tensor> again{shared, I32({0}, {}), F({6}, {})};
    OpContext ctx2{node, again, refs, vars, none, {}, again};
    REQUIRE(Kernels().Find("TensorListSetItem")->fn(ctx2).ok());
    CHECK(&ListIn(ctx2.outputs[0]) != before);
    CHECK_FALSE(ListIn(shared).tensors[0].valid());
  }

  TEST_CASE("PushBack and PopBack grow and shrink, max_num_elements bounds the list") {
    OpRunner r;
    Tensor empty = r.One("EmptyTensorList", {I32({2}, {1}), I32({2}, {})}, Dtype(DataType::kInt32));
    Tensor one = r.One("TensorListPushBack", {empty, I32({1, 2}, {2})}, Dtype(DataType::kInt32));
    Tensor two = r.One("TensorListPushBack", {one, I32({3, 4}, {2})}, Dtype(DataType::kInt32));
    CHECK(Values<std::int32_t>(r.One("TensorListLength", {two})) == std::vector<std::int32_t>{2});
    CHECK(r.Error("TensorListPushBack", {two, I32({5, 6}, {2})}, Dtype(DataType::kInt32)) ==
          "Tried to push item into a full list list size: 2 max_num_elements: 2");
    CHECK(r.Error("TensorListPushBack", {one, I32({5, 6, 7}, {3})}, Dtype(DataType::kInt32)) ==
          "Tried to append a tensor with incompatible shape to a list. Op element shape: [3] "
          "list shape: [2]");
    CHECK(r.Error("TensorListPushBack", {one, F({5, 6}, {2})}, Dtype(DataType::kInt32)) ==
          "Invalid data types; list elements int32 but tried to append float");
    auto popped = r.Run("TensorListPopBack", {two, Unknown()}, Dtype(DataType::kInt32));
    REQUIRE(popped.ok());
    CHECK(Values<std::int32_t>((*popped)[1]) == std::vector<std::int32_t>{3, 4});
    CHECK(ListIn((*popped)[0]).tensors.size() == 1);
    CHECK(r.Error("TensorListPopBack", {empty, Unknown()}, Dtype(DataType::kInt32)) ==
          "Trying to pop from an empty list.");
  }

  TEST_CASE("ElementShape reports -1 for what is unknown, in the requested int type") {
    OpRunner r;
    Tensor partial =
        r.One("EmptyTensorList", {I64({-1, 3}, {2}), I32({-1}, {})}, Dtype(DataType::kFloat));
    Tensor s = r.One("TensorListElementShape", {partial},
                     Attrs({{"shape_type", AttrValue::Type(DataType::kInt64)}}));
    CHECK(Values<std::int64_t>(s) == std::vector<std::int64_t>{-1, 3});
    Tensor unknown = r.One("EmptyTensorList", {Unknown(), I32({-1}, {})}, Dtype(DataType::kFloat));
    Tensor u = r.One("TensorListElementShape", {unknown},
                     Attrs({{"shape_type", AttrValue::Type(DataType::kInt32)}}));
    CHECK(u.rank() == 0);
    CHECK(Values<std::int32_t>(u) == std::vector<std::int32_t>{-1});
  }

  TEST_CASE("Gather, Scatter(V2), ScatterIntoExistingList and Resize") {
    OpRunner r;
    Tensor list = r.One("TensorListFromTensor", {F({1, 2, 3}, {3}), Unknown()});
    Tensor g =
        r.One("TensorListGather", {list, I32({2, 0}, {2}), Unknown()}, Dtype(DataType::kFloat));
    CHECK(Values<float>(g) == std::vector<float>{3, 1});
    CHECK(r.Error("TensorListGather", {list, I32({3}, {1}), Unknown()}, Dtype(DataType::kFloat)) ==
          "Index 3 out of range; list only has 3 elements.");

    Tensor scattered =
        r.One("TensorListScatterV2", {F({7, 8}, {2}), I32({3, 1}, {2}), Unknown(), I32({5}, {})});
    CHECK(ListIn(scattered).tensors.size() == 5);
    CHECK(Values<float>(r.One("TensorListStack", {scattered, I32({}, {0})},
                              Dtype(DataType::kFloat))) == std::vector<float>{0, 8, 0, 7, 0});
    Tensor grown = r.One("TensorListScatter", {F({4}, {1}), I32({4}, {1}), Unknown()});
    CHECK(ListIn(grown).tensors.size() == 5);

    Tensor into = r.One("TensorListScatterIntoExistingList", {list, F({9}, {1}), I32({1}, {1})});
    CHECK(Values<float>(r.One("TensorListStack", {into, Unknown()}, Dtype(DataType::kFloat))) ==
          std::vector<float>{1, 9, 3});
    Tensor shorter = r.One("TensorListResize", {list, I32({1}, {})});
    CHECK(ListIn(shorter).tensors.size() == 1);
    CHECK(r.Error("TensorListResize", {list, I32({-1}, {})}) ==
          "TensorListSlice expects size to be non-negative. Got: -1");
  }

  TEST_CASE("misuse fails with TensorFlow's messages") {
    OpRunner r;
    Tensor list = r.One("TensorListFromTensor", {F({1, 2}, {2}), Unknown()});
    CHECK(r.Error("TensorListGetItem", {list, I32({2}, {}), Unknown()}, Dtype(DataType::kFloat)) ==
          "Trying to access element 2 in a list with 2 elements.");
    CHECK(r.Error("TensorListSetItem", {list, I32({5}, {}), F({1}, {})}, Dtype(DataType::kFloat)) ==
          "Trying to modify element 5 in a list with 2 elements.");
    CHECK(r.Error("TensorListGetItem", {list, I32({0}, {}), Unknown()}, Dtype(DataType::kInt32)) ==
          "Invalid data types; op elements int32 but list elements float");
    Tensor of_scalars = r.One("TensorListFromTensor", {F({1, 2}, {2}), I32({}, {0})});
    CHECK(r.Error("TensorListSetItem", {of_scalars, I32({0}, {}), F({1, 2}, {2})},
                  Dtype(DataType::kFloat)) ==
          "Tried to set a tensor with incompatible shape at a list index. Item element shape: "
          "[2] list shape: []");
    CHECK(r.Error("TensorListLength", {F({1}, {})}) ==
          "Input handle is not a list. Saw: 'float tensor'");
    CHECK(r.Error("TensorListFromTensor", {F({1}, {}), Unknown()}) ==
          "Tensor must be at least a vector, but saw shape: []");
    CHECK(r.Error("TensorListFromTensor", {F({1, 2}, {1, 2}), I32({3}, {1})}) ==
          "Specified a list with shape [3] from a tensor with shape [2]");
    CHECK(r.Error("TensorListReserve", {Unknown(), I32({-2}, {})}, Dtype(DataType::kFloat)) ==
          "The num_elements to reserve must be a non negative number, but got -2");
    CHECK(r.Error("TensorListReserve", {I32({5}, {}), I32({1}, {})}, Dtype(DataType::kFloat)) ==
          "The only valid scalar shape tensor is the fully unknown shape specified as -1.");
    CHECK(r.Error("TensorListStack", {list, Unknown()},
                  Attrs({{"element_dtype", AttrValue::Type(DataType::kFloat)},
                         {"num_elements", AttrValue::Int(3)}})) ==
          "Operation expected a list with 3 elements but got a list with 2 elements.");
    Tensor empty =
        r.One("EmptyTensorList", {I32({-1}, {1}), I32({-1}, {})}, Dtype(DataType::kFloat));
    CHECK(r.Error("TensorListStack", {empty, Unknown()}, Dtype(DataType::kFloat)) ==
          "Tried to stack elements of an empty list with non-fully-defined element_shape: [?]");
    CHECK(r.One("TensorListStack", {empty, I32({2}, {1})}, Dtype(DataType::kFloat)).shape() ==
          Shape{0, 2});
    // A set element is returned as it is: the shape input is not consulted.
    CHECK(Values<float>(r.One("TensorListGetItem", {list, I32({0}, {}), I32({1, 2}, {2})},
                              Dtype(DataType::kFloat))) == std::vector<float>{1});
  }

  TEST_CASE("partial shapes merge and print like TensorFlow's") {
    using ops::MergeShapes;
    CHECK(ops::PartialShapeString(AttrShape{true, {}}) == "<unknown>");
    CHECK(ops::PartialShapeString(AttrShape{false, {-1, 3}}) == "[?,3]");
    auto m = MergeShapes(AttrShape{false, {-1, 3}}, AttrShape{false, {2, -1}});
    REQUIRE(m.ok());
    CHECK(m->dims == Shape{2, 3});
    CHECK(MergeShapes(AttrShape{false, {2}}, AttrShape{false, {3}}).status().message() ==
          "Incompatible shapes during merge: [2] vs. [3]");
    CHECK(MergeShapes(AttrShape{false, {2}}, AttrShape{false, {2, 1}}).status().message() ==
          "Incompatible shapes during merge: [2] vs. [2,1]");
    CHECK(MergeShapes(AttrShape{true, {}}, AttrShape{false, {4}})->dims == Shape{4});
  }
}

}  // namespace tfsk::serving
