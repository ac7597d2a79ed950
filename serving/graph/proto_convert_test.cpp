#include "serving/graph/proto_convert.h"

#include <doctest/doctest.h>

#include "serving/graph/graph_test_util.h"

namespace tfsk::serving {
using testing::ParseText;

TEST_SUITE("proto conversion") {
  TEST_CASE("a short *_val field repeats its last value (splat constants)") {
    auto t = TensorFromProto(ParseText<tensorflow::TensorProto>(
        R"pb(dtype: DT_FLOAT tensor_shape { dim { size: 2 } dim { size: 2 } } float_val: 1 float_val: 7)pb"));
    REQUIRE(t.ok());
    CHECK(t->shape() == Shape{2, 2});
    auto v = t->flat<float>();
    CHECK(std::vector<float>(v.begin(), v.end()) == std::vector<float>{1, 7, 7, 7});
  }

  TEST_CASE("tensor_content is raw little-endian data and must match the shape") {
    tensorflow::TensorProto p;
    p.set_dtype(tensorflow::DT_INT32);
    p.mutable_tensor_shape()->add_dim()->set_size(2);
    const std::int32_t data[2] = {5, -6};
    p.set_tensor_content(std::string(reinterpret_cast<const char*>(data), sizeof(data)));
    auto t = TensorFromProto(p);
    REQUIRE(t.ok());
    CHECK(t->flat<std::int32_t>()[1] == -6);
    p.mutable_tensor_shape()->mutable_dim(0)->set_size(3);
    CHECK_FALSE(TensorFromProto(p).ok());
  }

  TEST_CASE("strings, bools and int64 round-trip through TensorToProto") {
    auto s = TensorFromProto(ParseText<tensorflow::TensorProto>(
        R"pb(dtype: DT_STRING tensor_shape { dim { size: 2 } } string_val: "a" string_val: "bc")pb"));
    REQUIRE(s.ok());
    CHECK(s->flat<std::string>()[1] == "bc");
    auto back = TensorToProto(*s);
    REQUIRE(back.ok());
    CHECK(TensorFromProto(*back)->Equals(*s));
    Tensor i64 = *Tensor::FromVector<std::int64_t>({1, 1LL << 40}, {2});
    CHECK(TensorFromProto(*TensorToProto(i64))->Equals(i64));
    auto b = TensorFromProto(ParseText<tensorflow::TensorProto>(R"pb(dtype: DT_BOOL tensor_shape {} bool_val: true)pb"));
    REQUIRE(b.ok());
    CHECK(b->flat<bool>()[0]);
  }

  TEST_CASE("attr values: scalars, shapes, lists, empty lists, funcs and placeholders") {
    auto list = AttrFromProto(ParseText<tensorflow::AttrValue>(R"pb(list { i: 1 i: 2 })pb"));
    REQUIRE(list.ok());
    CHECK(std::get<std::vector<std::int64_t>>(list->value) == std::vector<std::int64_t>{1, 2});
    auto empty = AttrFromProto(ParseText<tensorflow::AttrValue>(R"pb(list {})pb"));
    REQUIRE(empty.ok());
    CHECK(std::holds_alternative<EmptyList>(empty->value));
    CHECK(empty->list_size() == 0);
    auto shape = AttrFromProto(ParseText<tensorflow::AttrValue>(R"pb(shape { dim { size: -1 } dim { size: 1 } })pb"));
    REQUIRE(shape.ok());
    CHECK(std::get<AttrShape>(shape->value).dims == Shape{-1, 1});
    CHECK_FALSE(std::get<AttrShape>(shape->value).fully_defined());
    auto func = AttrFromProto(ParseText<tensorflow::AttrValue>(R"pb(func { name: "f" attr { key: "T" value { type: DT_FLOAT } } })pb"));
    REQUIRE(func.ok());
    CHECK(std::get<FuncAttr>(func->value).name == "f");
    CHECK(std::get<FuncAttr>(func->value).attrs->Find("T") != nullptr);
    auto ph = AttrFromProto(ParseText<tensorflow::AttrValue>(R"pb(placeholder: "T")pb"));
    REQUIRE(ph.ok());
    CHECK(ph->placeholder == "T");
  }
}

}  // namespace tfsk::serving
