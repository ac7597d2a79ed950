#include "serving/tensor/tensor.h"

#include <algorithm>
#include <cassert>
#include <cstdlib>
#include <cstring>
#include <new>
#include <sstream>

namespace tfsk::serving {

DataType BaseType(int proto_dtype) {
  return static_cast<DataType>(proto_dtype > 100 ? proto_dtype - 100 : proto_dtype);
}

namespace {

const char* ProtoNameOf(DataType t) {
  switch (t) {
    case DataType::kInvalid:
      return "DT_INVALID";
    case DataType::kFloat:
      return "DT_FLOAT";
    case DataType::kDouble:
      return "DT_DOUBLE";
    case DataType::kInt32:
      return "DT_INT32";
    case DataType::kUint8:
      return "DT_UINT8";
    case DataType::kInt16:
      return "DT_INT16";
    case DataType::kInt8:
      return "DT_INT8";
    case DataType::kString:
      return "DT_STRING";
    case DataType::kComplex64:
      return "DT_COMPLEX64";
    case DataType::kInt64:
      return "DT_INT64";
    case DataType::kBool:
      return "DT_BOOL";
    case DataType::kQint8:
      return "DT_QINT8";
    case DataType::kQuint8:
      return "DT_QUINT8";
    case DataType::kQint32:
      return "DT_QINT32";
    case DataType::kBfloat16:
      return "DT_BFLOAT16";
    case DataType::kQint16:
      return "DT_QINT16";
    case DataType::kQuint16:
      return "DT_QUINT16";
    case DataType::kUint16:
      return "DT_UINT16";
    case DataType::kComplex128:
      return "DT_COMPLEX128";
    case DataType::kHalf:
      return "DT_HALF";
    case DataType::kResource:
      return "DT_RESOURCE";
    case DataType::kVariant:
      return "DT_VARIANT";
    case DataType::kUint32:
      return "DT_UINT32";
    case DataType::kUint64:
      return "DT_UINT64";
  }
  return nullptr;
}

/// Buffers up to this size share one allocation with their reference count and are 16-byte
/// aligned (every dtype's alignment; Eigen maps here are unaligned); larger ones are 64-byte
/// aligned for vector loads.
constexpr std::size_t kSmallBufferBytes = 4096;
struct alignas(16) SmallChunk {
  std::byte bytes[16];
};

/// A buffer of `n` value-initialised T (strings, variants): elements with constructors, which
/// the byte buffers below do not run.
template <typename T>
std::shared_ptr<void> ObjectBuffer(std::int64_t n) {
  auto* p = static_cast<T*>(
      ::operator new(sizeof(T) * static_cast<std::size_t>(std::max<std::int64_t>(n, 1))));
  for (std::int64_t i = 0; i < n; ++i) new (p + i) T();
  return std::shared_ptr<void>(p, [n](void* q) {
    auto* t = static_cast<T*>(q);
    for (std::int64_t i = 0; i < n; ++i) t[i].~T();
    ::operator delete(q);
  });
}

bool HoldsStrings(DataType t) { return t == DataType::kString || t == DataType::kResource; }

template <typename T>
void CopyObjects(const Tensor& from, Tensor& to) {
  auto src = from.flat<T>();
  std::copy(src.begin(), src.end(), to.flat<T>().begin());
}

}  // namespace

std::string DataTypeProtoName(int proto_dtype) {
  const bool ref = proto_dtype > 100;
  const char* base = ProtoNameOf(BaseType(proto_dtype));
  if (base == nullptr) return "DT_INVALID";
  return std::string(base) + (ref ? "_REF" : "");
}

std::string DataTypeName(DataType t) {
  switch (t) {
    case DataType::kFloat:
      return "float";
    case DataType::kDouble:
      return "double";
    case DataType::kInt32:
      return "int32";
    case DataType::kUint8:
      return "uint8";
    case DataType::kInt16:
      return "int16";
    case DataType::kInt8:
      return "int8";
    case DataType::kString:
      return "string";
    case DataType::kComplex64:
      return "complex64";
    case DataType::kInt64:
      return "int64";
    case DataType::kBool:
      return "bool";
    case DataType::kQint8:
      return "qint8";
    case DataType::kQuint8:
      return "quint8";
    case DataType::kQint32:
      return "qint32";
    case DataType::kBfloat16:
      return "bfloat16";
    case DataType::kQint16:
      return "qint16";
    case DataType::kQuint16:
      return "quint16";
    case DataType::kUint16:
      return "uint16";
    case DataType::kComplex128:
      return "complex128";
    case DataType::kHalf:
      return "half";
    case DataType::kResource:
      return "resource";
    case DataType::kVariant:
      return "variant";
    case DataType::kUint32:
      return "uint32";
    case DataType::kUint64:
      return "uint64";
    case DataType::kInvalid:
      break;
  }
  return "INVALID";
}

std::size_t DataTypeSize(DataType t) {
  switch (t) {
    case DataType::kFloat:
      return 4;
    case DataType::kDouble:
      return 8;
    case DataType::kInt32:
      return 4;
    case DataType::kUint8:
      return 1;
    case DataType::kInt16:
      return 2;
    case DataType::kInt8:
      return 1;
    case DataType::kInt64:
      return 8;
    case DataType::kBool:
      return 1;
    case DataType::kUint16:
      return 2;
    case DataType::kUint32:
      return 4;
    case DataType::kUint64:
      return 8;
    case DataType::kHalf:
      return 2;
    case DataType::kBfloat16:
      return 2;
    case DataType::kComplex64:
      return 8;
    case DataType::kComplex128:
      return 16;
    case DataType::kQint8:
      return 1;
    case DataType::kQuint8:
      return 1;
    case DataType::kQint16:
      return 2;
    case DataType::kQuint16:
      return 2;
    case DataType::kQint32:
      return 4;
    default:
      return 0;
  }
}

std::int64_t NumElements(const Shape& shape) {
  std::int64_t n = 1;
  for (auto d : shape) n *= d;
  return n;
}

std::string ShapeString(const Shape& shape) {
  std::string s = "[";
  for (std::size_t i = 0; i < shape.size(); ++i) {
    if (i) s += ",";
    s += std::to_string(shape[i]);
  }
  return s + "]";
}

Tensor::Tensor(DataType dtype, Shape shape)
    : dtype_(dtype), shape_(std::move(shape)), num_elements_(NumElements(shape_)) {
  const auto n = num_elements_;
  if (HoldsStrings(dtype)) {
    data_ = ObjectBuffer<std::string>(n);
    return;
  }
  if (dtype == DataType::kVariant) {
    data_ = ObjectBuffer<Variant>(n);
    return;
  }
  const std::size_t bytes =
      std::max<std::size_t>(DataTypeSize(dtype) * static_cast<std::size_t>(n), 1);
  if (bytes <= kSmallBufferBytes) {
    // One malloc for the count and the zeroed elements (aligned_alloc is glibc's slow path:
    // ~600 instructions per call against ~50, and it fragments the heap).
    data_ = std::make_shared<SmallChunk[]>((bytes + sizeof(SmallChunk) - 1) / sizeof(SmallChunk));
    return;
  }
  // Round up to the alignment, as aligned_alloc requires.
  const std::size_t alloc = (bytes + 63) / 64 * 64;
  void* p = std::aligned_alloc(64, alloc);
  if (p == nullptr) throw std::bad_alloc();
  std::memset(p, 0, alloc);
  data_ = std::shared_ptr<void>(p, [](void* q) { std::free(q); });
}

void Tensor::CheckType(DataType requested) const {
  [[maybe_unused]] const bool ok =
      requested == dtype_ || (requested == DataType::kString && dtype_ == DataType::kResource);
  assert(ok && "Tensor::flat<T>() with T not matching dtype()");
}

std::span<const std::byte> Tensor::bytes() const {
  if (!data_ || DataTypeSize(dtype_) == 0) return {};
  return {static_cast<const std::byte*>(data_.get()),
          DataTypeSize(dtype_) * static_cast<std::size_t>(num_elements_)};
}

std::span<std::byte> Tensor::mutable_bytes() {
  if (!data_ || DataTypeSize(dtype_) == 0) return {};
  return {static_cast<std::byte*>(data_.get()),
          DataTypeSize(dtype_) * static_cast<std::size_t>(num_elements_)};
}

StatusOr<Tensor> Tensor::Reshaped(Shape shape) const {
  if (NumElements(shape) != num_elements_) {
    return InvalidArgument("Input to reshape is a tensor with " + std::to_string(num_elements_) +
                           " values, but the requested shape has " +
                           std::to_string(NumElements(shape)));
  }
  Tensor t = *this;
  t.shape_ = std::move(shape);
  return t;
}

Tensor Tensor::Clone() const {
  if (!valid()) return Tensor();
  Tensor t(dtype_, shape_);
  if (HoldsStrings(dtype_)) {
    CopyObjects<std::string>(*this, t);
  } else if (dtype_ == DataType::kVariant) {
    CopyObjects<Variant>(*this, t);
  } else {
    auto src = bytes();
    if (!src.empty()) std::memcpy(t.data_.get(), src.data(), src.size());
  }
  return t;
}

bool Tensor::Equals(const Tensor& o) const {
  if (dtype_ != o.dtype_ || shape_ != o.shape_) return false;
  if (HoldsStrings(dtype_)) {
    auto a = flat<std::string>();
    auto b = o.flat<std::string>();
    return std::equal(a.begin(), a.end(), b.begin());
  }
  if (dtype_ == DataType::kVariant) {  // the same values, as TensorFlow has no Variant equality
    auto a = flat<Variant>();
    auto b = o.flat<Variant>();
    return std::equal(a.begin(), a.end(), b.begin());
  }
  if (dtype_ == DataType::kFloat) {
    auto a = flat<float>();
    auto b = o.flat<float>();
    return std::equal(a.begin(), a.end(), b.begin());
  }
  if (dtype_ == DataType::kDouble) {
    auto a = flat<double>();
    auto b = o.flat<double>();
    return std::equal(a.begin(), a.end(), b.begin());
  }
  auto a = bytes();
  auto b = o.bytes();
  return a.size() == b.size() && (a.empty() || std::memcmp(a.data(), b.data(), a.size()) == 0);
}

std::string Tensor::DebugString(std::size_t max_elements) const {
  std::ostringstream os;
  os << DataTypeName(dtype_) << " " << ShapeString(shape_) << " {";
  const std::size_t n =
      std::min<std::size_t>(static_cast<std::size_t>(num_elements_), max_elements);
  for (std::size_t i = 0; i < n; ++i) {
    if (i) os << ", ";
    switch (dtype_) {
      case DataType::kFloat:
        os << flat<float>()[i];
        break;
      case DataType::kDouble:
        os << flat<double>()[i];
        break;
      case DataType::kInt32:
        os << flat<std::int32_t>()[i];
        break;
      case DataType::kInt64:
        os << flat<std::int64_t>()[i];
        break;
      case DataType::kBool:
        os << (flat<bool>()[i] ? "true" : "false");
        break;
      case DataType::kUint8:
        os << static_cast<int>(flat<std::uint8_t>()[i]);
        break;
      case DataType::kInt8:
        os << static_cast<int>(flat<std::int8_t>()[i]);
        break;
      case DataType::kInt16:
        os << flat<std::int16_t>()[i];
        break;
      case DataType::kString:
      case DataType::kResource:
        os << '"' << flat<std::string>()[i] << '"';
        break;
      case DataType::kVariant: {
        const Variant& v = flat<Variant>()[i];
        os << (v ? v->DebugString() : std::string("<empty variant>"));
        break;
      }
      default:
        os << "?";
        break;
    }
  }
  if (static_cast<std::size_t>(num_elements_) > n) os << ", ...";
  os << "}";
  return os.str();
}

}  // namespace tfsk::serving
