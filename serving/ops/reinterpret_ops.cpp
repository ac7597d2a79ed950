// Ops that reinterpret bytes as elements of another type: Bitcast (tf.bitcast) and DecodeRaw
// (tf.io.decode_raw, serving inputs that carry packed numbers in a string). Both copy bytes;
// shapes, byte order and error texts follow TensorFlow's CPU kernels.

#include <algorithm>
#include <bit>
#include <cstring>

#include "serving/ops/op_families.h"
#include "serving/ops/op_util.h"

namespace tfsk::serving::ops {
namespace {

/// Bytes per element of a dtype Bitcast accepts (the fixed-width numeric types); 0 otherwise.
std::size_t BitcastSize(DataType t) {
  switch (t) {
    case DataType::kBool:  // TensorFlow's Bitcast type list has no bool
    case DataType::kString:
    case DataType::kResource:
    case DataType::kVariant:
      return 0;
    default:
      return DataTypeSize(t);
  }
}

/// Same bytes, new dtype. Equal sizes keep the shape; a larger input element becomes a new last
/// dim of in/out elements; a smaller one needs the last dim to be out/in and drops it.
Status Bitcast(OpContext& ctx) {
  TFSK_RETURN_IF_ERROR(CheckNumInputs(ctx, 1));
  const Tensor& x = ctx.input(0);
  TFSK_ASSIGN_OR_RETURN(DataType out_type, ctx.node.GetType("type"));
  const std::size_t in_size = BitcastSize(x.dtype());
  const std::size_t out_size = BitcastSize(out_type);
  if (in_size == 0 || out_size == 0) {
    return Unimplemented("No kernel for op Bitcast from " + DataTypeName(x.dtype()) + " to " +
                         DataTypeName(out_type));
  }
  if (std::max(in_size, out_size) % std::min(in_size, out_size) != 0) {
    return InvalidArgument("cannot convert between datatype " + DataTypeName(x.dtype()) + " and " +
                           DataTypeName(out_type));
  }
  Shape shape = x.shape();
  if (in_size > out_size) {
    shape.push_back(static_cast<std::int64_t>(in_size / out_size));
  } else if (in_size < out_size) {
    if (x.rank() < 1 || x.dim(x.rank() - 1) != static_cast<std::int64_t>(out_size / in_size)) {
      return InvalidArgument("Cannot bitcast from " + DataTypeName(x.dtype()) + " to " +
                             DataTypeName(out_type) + ": shape " + ShapeString(x.shape()));
    }
    shape.pop_back();
  }
  Tensor out(out_type, std::move(shape));
  const auto src = x.bytes();
  if (!src.empty()) std::memcpy(out.mutable_bytes().data(), src.data(), src.size());
  ctx.outputs.push_back(std::move(out));
  return OkStatus();
}

/// The out_type dtypes DecodeRaw registers: all fixed-width numbers and bool.
bool DecodeRawType(DataType t) {
  switch (t) {
    case DataType::kHalf:
    case DataType::kFloat:
    case DataType::kDouble:
    case DataType::kInt32:
    case DataType::kUint16:
    case DataType::kUint8:
    case DataType::kInt16:
    case DataType::kInt8:
    case DataType::kInt64:
    case DataType::kComplex64:
    case DataType::kComplex128:
    case DataType::kBool:
      return true;
    default:
      return false;
  }
}

/// Every string of `bytes` (all of one length) as elements of out_type along a new last dim;
/// `little_endian` (default true) says how the bytes are ordered.
Status DecodeRaw(OpContext& ctx) {
  TFSK_RETURN_IF_ERROR(CheckNumInputs(ctx, 1));
  const Tensor& in = ctx.input(0);
  if (in.dtype() != DataType::kString) {
    return InvalidArgument("DecodeRaw expects a string input, got " + DataTypeName(in.dtype()));
  }
  TFSK_ASSIGN_OR_RETURN(DataType out_type, ctx.node.GetType("out_type"));
  if (!DecodeRawType(out_type)) {
    return Unimplemented("No kernel for op DecodeRaw with out_type " + DataTypeName(out_type));
  }
  const bool little_endian = ctx.node.BoolOr("little_endian", true);
  const auto strings = in.flat<std::string>();
  std::int64_t str_size = -1;
  for (std::size_t i = 0; i < strings.size(); ++i) {
    const auto size = static_cast<std::int64_t>(strings[i].size());
    if (str_size == -1) {
      str_size = size;
    } else if (size != str_size) {
      return InvalidArgument(
          "DecodeRaw requires input strings to all be the same size, but element " +
          std::to_string(i) + " has size " + std::to_string(size) +
          " != " + std::to_string(str_size));
    }
  }
  Shape shape = in.shape();
  const auto width = static_cast<std::int64_t>(DataTypeSize(out_type));
  if (str_size <= 0) {  // no strings, or empty ones: zero elements each
    shape.push_back(0);
    ctx.outputs.emplace_back(out_type, std::move(shape));
    return OkStatus();
  }
  if (str_size % width != 0) {
    return InvalidArgument("Input to DecodeRaw has length " + std::to_string(str_size) +
                           " that is not a multiple of " + std::to_string(width) +
                           ", the size of " + DataTypeName(out_type));
  }
  shape.push_back(str_size / width);
  Tensor out(out_type, std::move(shape));
  std::byte* dst = out.mutable_bytes().data();
  const bool swap = (std::endian::native == std::endian::little) != little_endian && width > 1;
  // A complex number's real and imaginary parts are swapped separately, as in TensorFlow.
  const bool complex = out_type == DataType::kComplex64 || out_type == DataType::kComplex128;
  const std::int64_t unit = complex ? width / 2 : width;
  for (std::size_t i = 0; i < strings.size(); ++i) {
    const auto* src = reinterpret_cast<const std::byte*>(strings[i].data());
    std::byte* row = dst + static_cast<std::int64_t>(i) * str_size;
    if (!swap) {
      std::memcpy(row, src, static_cast<std::size_t>(str_size));
      continue;
    }
    for (std::int64_t k = 0; k < str_size; k += unit)
      std::reverse_copy(src + k, src + k + unit, row + k);
  }
  if (out_type == DataType::kBool) {
    // A bool element must hold 0 or 1; any other byte is true.
    for (std::int64_t k = 0; k < out.num_elements(); ++k) {
      dst[k] = dst[k] == std::byte{0} ? std::byte{0} : std::byte{1};
    }
  }
  ctx.outputs.push_back(std::move(out));
  return OkStatus();
}

}  // namespace

void RegisterReinterpretOps(KernelRegistry& r) {
  r.Register({"Bitcast", &Bitcast, {"type"}});
  r.Register({"DecodeRaw", &DecodeRaw, {"out_type"}});
}

}  // namespace tfsk::serving::ops
