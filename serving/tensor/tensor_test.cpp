#include "serving/tensor/tensor.h"

#include <cstdint>

#include <doctest/doctest.h>

namespace tfsk::serving {

TEST_SUITE("Tensor") {
  TEST_CASE("a new tensor is zero-filled with the given shape") {
    Tensor t(DataType::kFloat, {2, 3});
    CHECK(t.num_elements() == 6);
    CHECK(t.rank() == 2);
    for (float v : t.flat<float>()) CHECK(v == 0.0f);
    CHECK(t.bytes().size() == 24);
  }

  TEST_CASE("small buffers are 16-byte aligned and zeroed, large ones 64-byte aligned") {
    // Sizes around the one-allocation limit (4 KiB), for several element sizes.
    for (std::int64_t n : {1, 3, 255, 256, 511, 512, 513, 1023, 1024, 1025, 100000}) {
      for (DataType dtype :
           {DataType::kFloat, DataType::kDouble, DataType::kInt8, DataType::kComplex128}) {
        Tensor t(dtype, {n});
        const auto address = reinterpret_cast<std::uintptr_t>(t.bytes().data());
        const bool large = t.bytes().size() > 4096;
        CAPTURE(n);
        CAPTURE(DataTypeName(dtype));
        CHECK(address % (large ? 64 : 16) == 0);
        CHECK(t.bytes().size() == DataTypeSize(dtype) * static_cast<std::size_t>(n));
        bool zero = true;
        for (std::byte b : t.bytes()) zero = zero && b == std::byte{0};
        CHECK(zero);
      }
    }
  }

  TEST_CASE("scalars have rank 0 and one element") {
    auto t = Tensor::Scalar<std::int64_t>(7);
    CHECK(t.rank() == 0);
    CHECK(t.num_elements() == 1);
    CHECK(t.flat<std::int64_t>()[0] == 7);
  }

  TEST_CASE("FromVector checks the element count against the shape") {
    CHECK(Tensor::FromVector<float>({1, 2, 3}, {3}).ok());
    auto bad = Tensor::FromVector<float>({1, 2, 3}, {2, 2});
    REQUIRE_FALSE(bad.ok());
    CHECK(bad.status().message() == "expected 4 values for shape [2,2], got 3");
  }

  TEST_CASE("string tensors hold std::string elements") {
    Tensor t(DataType::kString, {2});
    t.flat<std::string>()[0] = "a";
    t.flat<std::string>()[1] = std::string("b\0c", 3);
    CHECK(t.flat<std::string>()[1].size() == 3);
    CHECK(t.bytes().empty());
    CHECK(t.Clone().Equals(t));
  }

  TEST_CASE("variant tensors hold shared values, released with the last tensor") {
    struct Probe final : VariantValue {
      bool* alive;
      explicit Probe(bool* a) : alive(a) { *alive = true; }
      ~Probe() override { *alive = false; }
      std::string TypeName() const override { return "probe"; }
      std::string DebugString() const override { return "Probe()"; }
    };
    bool alive = false;
    {
      Tensor t(DataType::kVariant, {2});
      CHECK(t.flat<Variant>()[0] == nullptr);  // elements start empty
      t.flat<Variant>()[1] = std::make_shared<Probe>(&alive);
      Tensor deep = t.Clone();  // copies the handles: the value is shared, not duplicated
      CHECK(deep.flat<Variant>()[1] == t.flat<Variant>()[1]);
      CHECK(deep.Equals(t));
      CHECK(t.DebugString() == "variant [2] {<empty variant>, Probe()}");
      CHECK(t.bytes().empty());
      CHECK(alive);
    }
    CHECK_FALSE(alive);
  }

  TEST_CASE("copies share the buffer, Clone does not") {
    auto a = Tensor::FromVector<int>({1, 2}, {2}).value();
    Tensor shared = a;
    Tensor deep = a.Clone();
    a.flat<int>()[0] = 9;
    CHECK(shared.flat<int>()[0] == 9);
    CHECK(deep.flat<int>()[0] == 1);
  }

  TEST_CASE("Reshaped keeps the element count") {
    auto a = Tensor::FromVector<float>({1, 2, 3, 4}, {4}).value();
    CHECK(a.Reshaped({2, 2}).value().shape() == Shape{2, 2});
    CHECK_FALSE(a.Reshaped({3}).ok());
  }

  TEST_CASE("dtype names follow TensorFlow") {
    CHECK(DataTypeProtoName(1) == "DT_FLOAT");
    CHECK(DataTypeProtoName(101) == "DT_FLOAT_REF");
    CHECK(DataTypeName(DataType::kInt64) == "int64");
    CHECK(BaseType(107) == DataType::kString);
  }

  TEST_CASE("Equals compares dtype, shape and values") {
    auto a = Tensor::FromVector<float>({1, 2}, {2}).value();
    CHECK(a.Equals(Tensor::FromVector<float>({1, 2}, {2}).value()));
    CHECK_FALSE(a.Equals(Tensor::FromVector<float>({1, 2}, {1, 2}).value()));
    CHECK_FALSE(a.Equals(Tensor::FromVector<double>({1, 2}, {2}).value()));
  }

  TEST_CASE("DebugString is short and typed") {
    auto a = Tensor::FromVector<float>({2.5f, 3}, {2}).value();
    CHECK(a.DebugString() == "float [2] {2.5, 3}");
  }
}

}  // namespace tfsk::serving
