#pragma once
// The value type that flows through tfsk-serving: a dense, row-major tensor of one TensorFlow
// dtype. Buffers are shared between copies (copying a Tensor is cheap, like TensorFlow's);
// code that writes into a tensor must own a freshly allocated one.

#include <cstddef>
#include <cstdint>
#include <memory>
#include <span>
#include <string>
#include <string_view>
#include <type_traits>
#include <vector>

#include "lib/base/status.h"

namespace tfsk::serving {

/// TensorFlow's DataType enum values (types.proto), so protobuf values convert by static_cast.
/// `_REF` types are these plus 100.
enum class DataType : int {
  kInvalid = 0,
  kFloat = 1,
  kDouble = 2,
  kInt32 = 3,
  kUint8 = 4,
  kInt16 = 5,
  kInt8 = 6,
  kString = 7,
  kComplex64 = 8,
  kInt64 = 9,
  kBool = 10,
  kQint8 = 11,
  kQuint8 = 12,
  kQint32 = 13,
  kBfloat16 = 14,
  kQint16 = 15,
  kQuint16 = 16,
  kUint16 = 17,
  kComplex128 = 18,
  kHalf = 19,
  kResource = 20,
  kVariant = 21,
  kUint32 = 22,
  kUint64 = 23,
};

/// Strips a `_REF` offset (DT_FLOAT_REF = 101 -> DT_FLOAT).
DataType BaseType(int proto_dtype);

/// "DT_FLOAT", "DT_FLOAT_REF" (for 101), ...: the proto enum names TF Serving prints in metadata.
std::string DataTypeProtoName(int proto_dtype);

/// "float", "int64", "string", ...: TensorFlow's short names (DataTypeString), used in messages.
std::string DataTypeName(DataType dtype);

/// Bytes per element for fixed-size dtypes; 0 for string, resource, variant and invalid.
std::size_t DataTypeSize(DataType dtype);

/// Shape: dimension sizes, outermost first. Rank 0 (empty) is a scalar.
using Shape = std::vector<std::int64_t>;

/// Product of the dims (1 for a scalar). Dims must be non-negative.
std::int64_t NumElements(const Shape& shape);

/// "[2,3]" — the form TensorFlow uses in its messages.
std::string ShapeString(const Shape& shape);

/// The value inside one DT_VARIANT element (TensorFlow's `Variant`). Two kinds today:
/// TensorList (serving/ops/tensor_list.h), a value that must not change while more than one
/// tensor reaches it (kernels copy it first), and TF1's TensorArray (tensor_array_ops.cpp), a
/// run's mutable array that every copy of its handle shares, as TensorFlow's resource does.
class VariantValue {
 public:
  virtual ~VariantValue() = default;
  /// TensorFlow's type name, e.g. "tensorflow::TensorList" (for messages).
  virtual std::string TypeName() const = 0;
  /// A short rendering for messages and DebugString.
  virtual std::string DebugString() const = 0;
};

/// One DT_VARIANT element: a shared value, or null (an empty Variant, as TensorFlow's default).
using Variant = std::shared_ptr<VariantValue>;

template <typename T>
struct DataTypeOf;
template <>
struct DataTypeOf<float> {
  static constexpr DataType value = DataType::kFloat;
};
template <>
struct DataTypeOf<double> {
  static constexpr DataType value = DataType::kDouble;
};
template <>
struct DataTypeOf<std::int32_t> {
  static constexpr DataType value = DataType::kInt32;
};
template <>
struct DataTypeOf<std::uint8_t> {
  static constexpr DataType value = DataType::kUint8;
};
template <>
struct DataTypeOf<std::int16_t> {
  static constexpr DataType value = DataType::kInt16;
};
template <>
struct DataTypeOf<std::int8_t> {
  static constexpr DataType value = DataType::kInt8;
};
template <>
struct DataTypeOf<std::int64_t> {
  static constexpr DataType value = DataType::kInt64;
};
template <>
struct DataTypeOf<bool> {
  static constexpr DataType value = DataType::kBool;
};
template <>
struct DataTypeOf<std::uint16_t> {
  static constexpr DataType value = DataType::kUint16;
};
template <>
struct DataTypeOf<std::uint32_t> {
  static constexpr DataType value = DataType::kUint32;
};
template <>
struct DataTypeOf<std::uint64_t> {
  static constexpr DataType value = DataType::kUint64;
};
template <>
struct DataTypeOf<std::string> {
  static constexpr DataType value = DataType::kString;
};
template <>
struct DataTypeOf<Variant> {
  static constexpr DataType value = DataType::kVariant;
};

/// A dense tensor. DT_STRING elements are std::string; DT_RESOURCE elements are std::string
/// handles (the resource's shared name); DT_VARIANT elements are Variant (copies share the
/// value, Clone too). Numeric buffers are 16-byte aligned, and
/// 64-byte aligned above 4 KiB (vector-friendly).
///
/// Thread-safety: const access is safe from many threads; a Tensor whose buffer is shared must
/// not be written to.
class Tensor {
 public:
  /// An invalid (DT_INVALID, rank 0, no buffer) tensor.
  Tensor() = default;

  /// A tensor of `dtype` and `shape` with value-initialised elements (zeros, empty strings).
  Tensor(DataType dtype, Shape shape);

  /// A rank-0 tensor holding `value`.
  template <typename T>
  static Tensor Scalar(T value) {
    Tensor t(DataTypeOf<T>::value, {});
    t.flat<T>()[0] = std::move(value);
    return t;
  }

  /// A tensor of `shape` holding `values` (row-major). values.size() must equal NumElements(shape).
  template <typename T>
  static StatusOr<Tensor> FromVector(const std::vector<T>& values, Shape shape) {
    if (static_cast<std::int64_t>(values.size()) != NumElements(shape)) {
      return InvalidArgument("expected " + std::to_string(NumElements(shape)) +
                             " values for shape " + ShapeString(shape) + ", got " +
                             std::to_string(values.size()));
    }
    Tensor t(DataTypeOf<T>::value, std::move(shape));
    auto out = t.flat<T>();
    for (std::size_t i = 0; i < values.size(); ++i) out[i] = values[i];
    return t;
  }

  DataType dtype() const { return dtype_; }
  const Shape& shape() const { return shape_; }
  int rank() const { return static_cast<int>(shape_.size()); }
  std::int64_t dim(int i) const { return shape_[static_cast<std::size_t>(i)]; }
  std::int64_t num_elements() const { return num_elements_; }
  bool valid() const { return dtype_ != DataType::kInvalid; }

  /// The elements as a span. T must match dtype() (std::string for string and resource tensors);
  /// a mismatch is a programming error (asserted).
  template <typename T>
  std::span<T> flat() {
    CheckType(DataTypeOf<T>::value);
    return {static_cast<T*>(data_.get()), static_cast<std::size_t>(num_elements_)};
  }
  template <typename T>
  std::span<const T> flat() const {
    CheckType(DataTypeOf<T>::value);
    return {static_cast<const T*>(data_.get()), static_cast<std::size_t>(num_elements_)};
  }

  /// Raw bytes of a fixed-size dtype tensor (empty for strings).
  std::span<const std::byte> bytes() const;
  std::span<std::byte> mutable_bytes();

  /// The same buffer viewed with another shape of equal element count.
  StatusOr<Tensor> Reshaped(Shape shape) const;

  /// A deep copy that owns its own buffer (safe to write into).
  Tensor Clone() const;
  /// True when this tensor holds the only reference to its buffer, so writing into it changes
  /// no other tensor (TensorFlow's RefCountIsOne). Copies, Reshaped views and values held by a
  /// variable or a graph constant all share their buffer and make this false.
  bool buffer_is_unique() const { return data_ != nullptr && data_.use_count() == 1; }

  /// True when both have the same dtype, shape and element values (NaN != NaN).
  bool Equals(const Tensor& other) const;

  /// A short human-readable rendering for messages and `tfsk model run`:
  /// "float [2] {1, 2}", truncated after `max_elements`.
  std::string DebugString(std::size_t max_elements = 10) const;

 private:
  void CheckType(DataType requested) const;

  DataType dtype_ = DataType::kInvalid;
  Shape shape_;
  std::int64_t num_elements_ = 0;
  std::shared_ptr<void> data_;
};

}  // namespace tfsk::serving
