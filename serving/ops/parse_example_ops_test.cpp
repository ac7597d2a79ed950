#include <doctest/doctest.h>

#include "serving/ops/op_test_util.h"
#include "serving/proto/example.pb.h"

namespace tfsk::serving {
using namespace testing;

namespace {

std::string ExampleWithFloats(const std::string& key, std::vector<float> values) {
  tensorflow::Example ex;
  auto& f = (*ex.mutable_features()->mutable_feature())[key];
  for (float v : values) f.mutable_float_list()->add_value(v);
  return ex.SerializeAsString();
}

AttrMap V1Attrs(int ndense) {
  std::vector<DataType> types(static_cast<std::size_t>(ndense), DataType::kFloat);
  std::vector<AttrShape> shapes(static_cast<std::size_t>(ndense), AttrShape{false, {1}});
  return Attrs({{"Nsparse", AttrValue::Int(0)},
                {"Ndense", AttrValue::Int(ndense)},
                {"sparse_types", AttrValue::Types({})},
                {"Tdense", AttrValue::Types(types)},
                {"dense_shapes", AttrValue::Shapes(shapes)}});
}

}  // namespace

TEST_SUITE("parse example ops") {
  TEST_CASE("ParseExample reads a required dense float and defaults a missing one") {
    OpRunner r;
    Tensor serialized = S({ExampleWithFloats("x", {1}), ExampleWithFloats("x", {3})}, {2});
    auto out = r.Run("ParseExample",
                     {serialized, S({}, {0}), S({"x"}, {}), S({"x2"}, {}), F({}, {0}), F({7}, {1})},
                     V1Attrs(2));
    REQUIRE_MESSAGE(out.ok(), out.status().ToString());
    REQUIRE(out->size() == 2);
    CHECK((*out)[0].shape() == Shape{2, 1});
    CHECK(Values<float>((*out)[0]) == std::vector<float>{1, 3});
    CHECK(Values<float>((*out)[1]) == std::vector<float>{7, 7});
  }

  TEST_CASE("ParseExample fails when a required feature is missing or mis-sized") {
    OpRunner r;
    Tensor missing = S({ExampleWithFloats("other", {1})}, {1});
    auto out = r.Run("ParseExample", {missing, S({}, {0}), S({"x"}, {}), F({}, {0})}, V1Attrs(1));
    REQUIRE_FALSE(out.ok());
    CHECK(out.status().message() ==
          "Name: <unknown>, Feature: x (data type: float) is required but could not be found.");
    Tensor two = S({ExampleWithFloats("x", {1, 2})}, {1});
    auto sized = r.Run("ParseExample", {two, S({}, {0}), S({"x"}, {}), F({}, {0})}, V1Attrs(1));
    REQUIRE_FALSE(sized.ok());
    CHECK(sized.status().message().find("Number of float values != expected") != std::string::npos);
    auto garbage = r.Run("ParseExample", {S({"\xff\xff"}, {1}), S({}, {0}), S({"x"}, {}), F({}, {0})}, V1Attrs(1));
    CHECK_FALSE(garbage.ok());
  }

  TEST_CASE("ParseExampleV2 takes keys as vectors and emits sparse triples first") {
    OpRunner r;
    tensorflow::Example ex;
    auto& fm = *ex.mutable_features()->mutable_feature();
    fm["x"].mutable_float_list()->add_value(5);
    fm["ids"].mutable_int64_list()->add_value(4);
    fm["ids"].mutable_int64_list()->add_value(9);
    Tensor serialized = S({ex.SerializeAsString(), ExampleWithFloats("x", {6})}, {2});
    AttrMap attrs = Attrs({{"num_sparse", AttrValue::Int(1)},
                           {"sparse_types", AttrValue::Types({DataType::kInt64})},
                           {"Tdense", AttrValue::Types({DataType::kFloat})},
                           {"dense_shapes", AttrValue::Shapes({AttrShape{false, {1}}})},
                           {"ragged_value_types", AttrValue::Types({})},
                           {"ragged_split_types", AttrValue::Types({})}});
    auto out = r.Run("ParseExampleV2",
                     {serialized, S({}, {0}), S({"ids"}, {1}), S({"x"}, {1}), S({}, {0}), F({}, {0})}, attrs);
    REQUIRE_MESSAGE(out.ok(), out.status().ToString());
    REQUIRE(out->size() == 4);
    CHECK(Values<std::int64_t>((*out)[0]) == std::vector<std::int64_t>{0, 0, 0, 1});
    CHECK(Values<std::int64_t>((*out)[1]) == std::vector<std::int64_t>{4, 9});
    CHECK(Values<std::int64_t>((*out)[2]) == std::vector<std::int64_t>{2, 2});
    CHECK(Values<float>((*out)[3]) == std::vector<float>{5, 6});
  }

  TEST_CASE("type mismatches use TensorFlow's fast-parser wording (dense and sparse differ)") {
    OpRunner r;
    tensorflow::Example ex;
    (*ex.mutable_features()->mutable_feature())["x"].mutable_int64_list()->add_value(2);
    Tensor serialized = S({ExampleWithFloats("x", {1}), ex.SerializeAsString()}, {2});
    auto dense = r.Run("ParseExample", {serialized, S({}, {0}), S({"x"}, {}), F({}, {0})}, V1Attrs(1));
    REQUIRE_FALSE(dense.ok());
    CHECK(dense.status().message() ==
          "Name: <unknown>, Key: x, Index: 1.  Data types don't match. Data type: int64 but "
          "expected type: float");
    AttrMap sparse_attrs = Attrs({{"num_sparse", AttrValue::Int(1)},
                                  {"sparse_types", AttrValue::Types({DataType::kFloat})},
                                  {"Tdense", AttrValue::Types({})},
                                  {"dense_shapes", AttrValue::Shapes({})},
                                  {"ragged_value_types", AttrValue::Types({})},
                                  {"ragged_split_types", AttrValue::Types({})}});
    auto sparse = r.Run("ParseExampleV2", {serialized, S({}, {0}), S({"x"}, {1}), S({}, {0}), S({}, {0})},
                        sparse_attrs);
    REQUIRE_FALSE(sparse.ok());
    CHECK(sparse.status().message() ==
          "Name: <unknown>, Key: x, Index: 1.  Data types don't match. Expected type: float, "
          "Actual type: int64");
  }

  TEST_CASE("a mis-sized string feature counts 'bytes' values, as TensorFlow does") {
    OpRunner r;
    tensorflow::Example ex;
    auto& f = (*ex.mutable_features()->mutable_feature())["s"];
    f.mutable_bytes_list()->add_value("a");
    f.mutable_bytes_list()->add_value("b");
    AttrMap attrs = Attrs({{"Nsparse", AttrValue::Int(0)},
                           {"Ndense", AttrValue::Int(1)},
                           {"sparse_types", AttrValue::Types({})},
                           {"Tdense", AttrValue::Types({DataType::kString})},
                           {"dense_shapes", AttrValue::Shapes({AttrShape{false, {1}}})}});
    auto out = r.Run("ParseExample", {S({ex.SerializeAsString()}, {1}), S({}, {0}), S({"s"}, {}), S({}, {0})},
                     attrs);
    REQUIRE_FALSE(out.ok());
    CHECK(out.status().message() ==
          "Name: <unknown>, Key: s, Index: 0.  Number of bytes values != expected.  Values size: 2 "
          "but output shape: [1]");
  }
}

}  // namespace tfsk::serving
