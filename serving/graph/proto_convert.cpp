#include "serving/graph/proto_convert.h"

#include <cstring>

namespace tfsk::serving {
namespace {

/// Fills `out` from a repeated field, repeating the last value when the field is short.
template <typename T, typename Field>
Status FillFrom(const Field& field, Tensor& out) {
  auto dst = out.flat<T>();
  if (dst.empty()) return OkStatus();
  if (field.empty()) return OkStatus();  // all zeros / empty strings
  if (static_cast<std::size_t>(field.size()) > dst.size()) {
    return InvalidArgument("TensorProto has " + std::to_string(field.size()) +
                           " values for shape " + ShapeString(out.shape()));
  }
  for (std::size_t i = 0; i < dst.size(); ++i) {
    const int src = static_cast<int>(std::min<std::size_t>(i, static_cast<std::size_t>(field.size()) - 1));
    dst[i] = static_cast<T>(field.Get(src));
  }
  return OkStatus();
}

}  // namespace

AttrShape ShapeFromProto(const tensorflow::TensorShapeProto& proto) {
  AttrShape s;
  s.unknown_rank = proto.unknown_rank();
  for (const auto& d : proto.dim()) s.dims.push_back(d.size());
  return s;
}

StatusOr<Tensor> TensorFromProto(const tensorflow::TensorProto& proto) {
  const auto dtype = static_cast<DataType>(proto.dtype());
  AttrShape shape = ShapeFromProto(proto.tensor_shape());
  if (!shape.fully_defined()) return InvalidArgument("TensorProto shape is not fully defined");
  const std::size_t width = DataTypeSize(dtype);
  if (dtype == DataType::kInvalid || dtype == DataType::kVariant ||
      (width == 0 && dtype != DataType::kString && dtype != DataType::kResource) ||
      dtype == DataType::kHalf || dtype == DataType::kBfloat16 || dtype == DataType::kComplex64 ||
      dtype == DataType::kComplex128) {
    return Unimplemented("TensorProto of dtype " + DataTypeProtoName(proto.dtype()) +
                         " is not supported");
  }
  Tensor t(dtype, shape.dims);
  if (dtype == DataType::kString) {
    TFSK_RETURN_IF_ERROR(FillFrom<std::string>(proto.string_val(), t));
    return t;
  }
  if (dtype == DataType::kResource) {
    // A resource handle constant: keep the resource name as the handle.
    for (int i = 0; i < proto.resource_handle_val_size() && i < t.num_elements(); ++i) {
      t.flat<std::string>()[static_cast<std::size_t>(i)] = proto.resource_handle_val(i).name();
    }
    return t;
  }
  if (!proto.tensor_content().empty()) {
    auto dst = t.mutable_bytes();
    if (proto.tensor_content().size() != dst.size()) {
      return InvalidArgument("TensorProto tensor_content has " +
                             std::to_string(proto.tensor_content().size()) + " bytes, expected " +
                             std::to_string(dst.size()) + " for " + DataTypeName(dtype) + " " +
                             ShapeString(t.shape()));
    }
    std::memcpy(dst.data(), proto.tensor_content().data(), dst.size());
    return t;
  }
  switch (dtype) {
    case DataType::kFloat: TFSK_RETURN_IF_ERROR(FillFrom<float>(proto.float_val(), t)); break;
    case DataType::kDouble: TFSK_RETURN_IF_ERROR(FillFrom<double>(proto.double_val(), t)); break;
    case DataType::kInt32: TFSK_RETURN_IF_ERROR(FillFrom<std::int32_t>(proto.int_val(), t)); break;
    case DataType::kInt16: TFSK_RETURN_IF_ERROR(FillFrom<std::int16_t>(proto.int_val(), t)); break;
    case DataType::kInt8: TFSK_RETURN_IF_ERROR(FillFrom<std::int8_t>(proto.int_val(), t)); break;
    case DataType::kUint8: TFSK_RETURN_IF_ERROR(FillFrom<std::uint8_t>(proto.int_val(), t)); break;
    case DataType::kUint16: TFSK_RETURN_IF_ERROR(FillFrom<std::uint16_t>(proto.int_val(), t)); break;
    case DataType::kInt64: TFSK_RETURN_IF_ERROR(FillFrom<std::int64_t>(proto.int64_val(), t)); break;
    case DataType::kUint32: TFSK_RETURN_IF_ERROR(FillFrom<std::uint32_t>(proto.uint32_val(), t)); break;
    case DataType::kUint64: TFSK_RETURN_IF_ERROR(FillFrom<std::uint64_t>(proto.uint64_val(), t)); break;
    case DataType::kBool: TFSK_RETURN_IF_ERROR(FillFrom<bool>(proto.bool_val(), t)); break;
    default:
      return Unimplemented("TensorProto of dtype " + DataTypeProtoName(proto.dtype()) +
                           " is not supported");
  }
  return t;
}

StatusOr<tensorflow::TensorProto> TensorToProto(const Tensor& tensor) {
  tensorflow::TensorProto proto;
  proto.set_dtype(static_cast<tensorflow::DataType>(tensor.dtype()));
  for (auto d : tensor.shape()) proto.mutable_tensor_shape()->add_dim()->set_size(d);
  if (tensor.dtype() == DataType::kString) {
    for (const auto& s : tensor.flat<std::string>()) proto.add_string_val(s);
    return proto;
  }
  if (DataTypeSize(tensor.dtype()) == 0) {
    return Unimplemented("TensorToProto of dtype " + DataTypeName(tensor.dtype()));
  }
  auto bytes = tensor.bytes();
  proto.set_tensor_content(std::string(reinterpret_cast<const char*>(bytes.data()), bytes.size()));
  return proto;
}

namespace {
/// A NameAttrList (attr `f` of calls, an element of Case's `branches`).
StatusOr<AttrValue> FuncFromProto(const tensorflow::NameAttrList& f) {
  AttrMap attrs;
  for (const auto& [name, v] : f.attr()) {
    TFSK_ASSIGN_OR_RETURN(AttrValue a, AttrFromProto(v));
    attrs.Set(name, std::move(a));
  }
  return AttrValue::Func(f.name(), std::move(attrs));
}
}  // namespace

StatusOr<AttrValue> AttrFromProto(const tensorflow::AttrValue& p) {
  using P = tensorflow::AttrValue;
  switch (p.value_case()) {
    case P::kS: return AttrValue::Str(p.s());
    case P::kI: return AttrValue::Int(p.i());
    case P::kF: return AttrValue::Float(p.f());
    case P::kB: return AttrValue::Bool(p.b());
    case P::kType: return AttrValue::Type(static_cast<DataType>(p.type()));
    case P::kShape: {
      AttrValue a;
      a.value = ShapeFromProto(p.shape());
      return a;
    }
    case P::kTensor: {
      TFSK_ASSIGN_OR_RETURN(Tensor t, TensorFromProto(p.tensor()));
      return AttrValue::Of(std::move(t));
    }
    case P::kFunc:
      return FuncFromProto(p.func());
    case P::kPlaceholder: {
      AttrValue a;
      a.placeholder = p.placeholder();
      return a;
    }
    case P::kList: {
      const auto& l = p.list();
      AttrValue a;
      if (l.s_size()) {
        a.value = std::vector<std::string>(l.s().begin(), l.s().end());
      } else if (l.i_size()) {
        a.value = std::vector<std::int64_t>(l.i().begin(), l.i().end());
      } else if (l.f_size()) {
        a.value = std::vector<float>(l.f().begin(), l.f().end());
      } else if (l.b_size()) {
        a.value = std::vector<bool>(l.b().begin(), l.b().end());
      } else if (l.type_size()) {
        std::vector<DataType> types;
        for (int t : l.type()) types.push_back(static_cast<DataType>(t));
        a.value = std::move(types);
      } else if (l.shape_size()) {
        std::vector<AttrShape> shapes;
        for (const auto& s : l.shape()) shapes.push_back(ShapeFromProto(s));
        a.value = std::move(shapes);
      } else if (l.tensor_size()) {
        std::vector<Tensor> tensors;
        for (const auto& t : l.tensor()) {
          TFSK_ASSIGN_OR_RETURN(Tensor v, TensorFromProto(t));
          tensors.push_back(std::move(v));
        }
        a.value = std::move(tensors);
      } else if (l.func_size()) {
        std::vector<FuncAttr> funcs;
        for (const auto& f : l.func()) {
          TFSK_ASSIGN_OR_RETURN(AttrValue one, FuncFromProto(f));
          funcs.push_back(std::get<FuncAttr>(std::move(one.value)));
        }
        a.value = std::move(funcs);
      } else {
        a.value = EmptyList{};
      }
      return a;
    }
    case P::VALUE_NOT_SET: break;
  }
  return AttrValue();
}

}  // namespace tfsk::serving
