// The output half of json_tensor.h: output tensors -> TF Serving's "predictions"/"outputs".

#include <boost/container/small_vector.hpp>
#include <cstdint>
#include <type_traits>

#include "serving/rest/base64.h"
#include "serving/rest/float_format.h"
#include "serving/rest/json_tensor.h"
#include "serving/rest/json_writer.h"

namespace tfsk::serving::rest {
namespace {

bool IsBytesAlias(const std::string& name, const Tensor& t) {
  constexpr std::string_view kSuffix = "_bytes";
  return t.dtype() == DataType::kString && name.size() >= kSuffix.size() &&
         name.compare(name.size() - kSuffix.size(), kSuffix.size(), kSuffix) == 0;
}

Status WriteValue(const Tensor& t, bool as_bytes, PrettyJsonWriter& w, std::int64_t& offset) {
  const auto k = static_cast<std::size_t>(offset);
  switch (t.dtype()) {
    case DataType::kFloat:
      w.Float(t.flat<float>()[k]);
      break;
    case DataType::kDouble:
      w.Double(t.flat<double>()[k]);
      break;
    case DataType::kInt32: w.Int64(t.flat<std::int32_t>()[k]); break;
    case DataType::kInt16: w.Int64(t.flat<std::int16_t>()[k]); break;
    case DataType::kInt8: w.Int64(t.flat<std::int8_t>()[k]); break;
    case DataType::kUint8: w.Int64(t.flat<std::uint8_t>()[k]); break;
    case DataType::kInt64: w.Int64(t.flat<std::int64_t>()[k]); break;
    case DataType::kUint32: w.Uint64(t.flat<std::uint32_t>()[k]); break;
    case DataType::kUint64: w.Uint64(t.flat<std::uint64_t>()[k]); break;
    case DataType::kBool: w.Bool(t.flat<bool>()[k]); break;
    case DataType::kString: {
      const std::string& s = t.flat<std::string>()[k];
      if (as_bytes) {
        w.StartObject();
        w.Key("b64");
        w.String(Base64Encode(s));
        w.EndObject();
      } else {
        w.String(s);
      }
      break;
    }
    default:
      return InvalidArgument("Failed to write JSON value for tensor type: " +
                             TfDataTypeString(static_cast<int>(t.dtype())));
  }
  ++offset;
  return OkStatus();
}

Status WriteValues(const Tensor& t, bool as_bytes, int dim, PrettyJsonWriter& w,
                   std::int64_t& offset) {
  if (dim > t.rank() - 1) return WriteValue(t, as_bytes, w, offset);
  w.StartArray();
  for (std::int64_t i = 0; i < t.dim(dim); ++i) {
    TFSK_RETURN_IF_ERROR(WriteValues(t, as_bytes, dim + 1, w, offset));
  }
  w.EndArray();
  return OkStatus();
}

// A first guess at the answer's size, so it is usually written in one allocation: the
// document's frame plus a number's worth per value (the string grows if that was too little).
std::size_t ResponseSizeHint(const std::map<std::string, Tensor>& outputs) {
  std::size_t bytes = 64;
  for (const auto& [name, t] : outputs) {
    bytes += name.size() + 16 + 8 * static_cast<std::size_t>(t.num_elements());
  }
  return bytes;
}

StatusOr<std::string> RowResponse(const std::map<std::string, Tensor>& outputs) {
  std::int64_t batch = -1;
  for (const auto& [name, t] : outputs) {
    if (t.rank() == 0) {
      return InvalidArgument("Tensor name: " + name + " has no shape information ");
    }
    if (batch >= 0 && batch != t.dim(0)) {
      return InvalidArgument("Tensor name: " + name + " has inconsistent batch size: " +
                             std::to_string(t.dim(0)) + " expecting: " + std::to_string(batch));
    }
    batch = t.dim(0);
  }
  // Where each output (in map order) continues with the next batch item; on the stack for
  // the usual handful of outputs.
  boost::container::small_vector<std::int64_t, 8> offsets(outputs.size(), 0);
  PrettyJsonWriter w;
  w.Reserve(ResponseSizeHint(outputs));
  w.StartObject();
  w.Key("predictions");
  w.StartArray();
  const bool objects = outputs.size() > 1;
  for (std::int64_t item = 0; item < batch; ++item) {
    if (objects) w.StartObject();
    w.SetSingleLineArrays(true);
    std::size_t index = 0;
    for (const auto& [name, t] : outputs) {
      if (objects) w.Key(name);
      TFSK_RETURN_IF_ERROR(WriteValues(t, IsBytesAlias(name, t), 1, w, offsets[index++]));
    }
    w.SetSingleLineArrays(false);
    if (objects) w.EndObject();
  }
  w.EndArray();
  w.EndObject();
  return w.Take();
}

// One float or double output of rank 1 or 2 in row format, the usual answer, written directly.
// The bytes are RowResponse's (json_tensor_test compares the two on random tensors): with
// "single line arrays" on for each batch item, an item is "v" or "[v, v, ...]", items are
// joined by ", ", and only the outer array closes on a line of its own.
template <typename T>
std::string DenseRowResponse(const Tensor& t) {
  const auto values = t.flat<T>();
  const std::int64_t width = t.rank() == 2 ? t.dim(1) : 1;
  std::string out;
  out.reserve(32 + values.size() * 12);
  out += "{\n    \"predictions\": [";
  char buf[kFloatTextCapacity];
  std::size_t k = 0;
  for (std::int64_t item = 0; item < t.dim(0); ++item) {
    if (item > 0) out += ", ";
    if (t.rank() == 2) out += '[';
    for (std::int64_t j = 0; j < width; ++j, ++k) {
      if (j > 0) out += ", ";
      if constexpr (std::is_same_v<T, float>) {
        out.append(buf, FormatFloatTo(buf, values[k]));
      } else {
        out.append(buf, FormatDoubleTo(buf, values[k]));
      }
    }
    if (t.rank() == 2) out += ']';
  }
  out += "\n    ]\n}";
  return out;
}

StatusOr<std::string> ColumnarResponse(const std::map<std::string, Tensor>& outputs) {
  PrettyJsonWriter w;
  w.Reserve(ResponseSizeHint(outputs));
  w.StartObject();
  w.Key("outputs");
  const bool objects = outputs.size() > 1;
  if (objects) w.StartObject();
  for (const auto& [name, t] : outputs) {
    if (objects) w.Key(name);
    std::int64_t offset = 0;
    TFSK_RETURN_IF_ERROR(WriteValues(t, IsBytesAlias(name, t), 0, w, offset));
  }
  if (objects) w.EndObject();
  w.EndObject();
  return w.Take();
}

}  // namespace

StatusOr<std::string> MakePredictResponse(const std::map<std::string, Tensor>& outputs,
                                          RequestFormat format) {
  if (format == RequestFormat::kRow && outputs.size() == 1) {
    const Tensor& t = outputs.begin()->second;
    if ((t.rank() == 1 || t.rank() == 2) && t.num_elements() > 0) {
      if (t.dtype() == DataType::kFloat) return DenseRowResponse<float>(t);
      if (t.dtype() == DataType::kDouble) return DenseRowResponse<double>(t);
    }
  }
  return MakePredictResponseGeneral(outputs, format);
}

StatusOr<std::string> MakePredictResponseGeneral(const std::map<std::string, Tensor>& outputs,
                                                 RequestFormat format) {
  if (outputs.empty()) return InvalidArgument("Cannot convert empty tensor map to JSON");
  return format == RequestFormat::kRow ? RowResponse(outputs) : ColumnarResponse(outputs);
}

}  // namespace tfsk::serving::rest
