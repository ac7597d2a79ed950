#include "serving/rest/json_tensor.h"

#include <algorithm>
#include <boost/container/small_vector.hpp>
#include <cstdint>
#include <limits>
#include <vector>

#include "serving/rest/base64.h"
#include "serving/rest/json_dom.h"
#include "serving/rest/json_fast_predict.h"

namespace tfsk::serving::rest {
namespace {

namespace json = boost::json;

std::string DimsString(const Shape& shape) {
  std::string s = "[";
  for (std::size_t i = 0; i < shape.size(); ++i) {
    if (i) s += ",";
    s += std::to_string(shape[i]);
  }
  return s + "]";
}

Status TypeError(const json::value& v, int dtype) {
  return InvalidArgument("JSON Value: " + DumpJson(v) + " Type: " + std::string(JsonTypeName(v)) +
                         " is not of expected type: " + TfDataTypeString(dtype));
}

Status FormatError(const json::value& v, const std::string& what) {
  return InvalidArgument("JSON Value: " + DumpJson(v) + " " + what);
}

// rapidjson's Is*() predicates on Boost.JSON number kinds.
bool IsNumber(const json::value& v) { return v.is_int64() || v.is_uint64() || v.is_double(); }
double GetDouble(const json::value& v) {
  if (v.is_int64()) return static_cast<double>(v.get_int64());
  if (v.is_uint64()) return static_cast<double>(v.get_uint64());
  return v.get_double();
}
bool IsInt(const json::value& v) {
  return v.is_int64() && v.get_int64() >= std::numeric_limits<std::int32_t>::min() &&
         v.get_int64() <= std::numeric_limits<std::int32_t>::max();
}
bool IsUint(const json::value& v) {
  if (v.is_int64()) {
    return v.get_int64() >= 0 && v.get_int64() <= std::numeric_limits<std::uint32_t>::max();
  }
  return v.is_uint64() && v.get_uint64() <= std::numeric_limits<std::uint32_t>::max();
}
bool IsUint64(const json::value& v) {
  return (v.is_int64() && v.get_int64() >= 0) || v.is_uint64();
}
std::uint64_t GetUint64(const json::value& v) {
  return v.is_uint64() ? v.get_uint64() : static_cast<std::uint64_t>(v.get_int64());
}

// Flat, typed values of one tensor being built (TensorProto's *_val lists).
struct Values {
  int dtype = 0;
  std::vector<float> f;
  std::vector<double> d;
  std::vector<std::int64_t> i;   // int8/16/32, uint8, int64
  std::vector<std::uint64_t> u;  // uint32, uint64
  std::vector<bool> b;
  std::vector<std::string> s;

  // Room for n values in the list of `dtype` (other dtypes fail in AddValue before any append).
  void Reserve(std::size_t n) {
    switch (static_cast<DataType>(dtype)) {
      case DataType::kFloat:
        f.reserve(n);
        break;
      case DataType::kDouble:
        d.reserve(n);
        break;
      case DataType::kInt32:
      case DataType::kInt16:
      case DataType::kInt8:
      case DataType::kUint8:
      case DataType::kInt64:
        i.reserve(n);
        break;
      case DataType::kUint32:
      case DataType::kUint64:
        u.reserve(n);
        break;
      case DataType::kBool:
        b.reserve(n);
        break;
      case DataType::kString:
        s.reserve(n);
        break;
      default:
        break;
    }
  }
};

Status AddValue(const json::value& v, Values& out) {
  switch (static_cast<DataType>(out.dtype)) {
    case DataType::kFloat:
      if (!IsNumber(v)) return TypeError(v, out.dtype);
      out.f.push_back(static_cast<float>(GetDouble(v)));
      return OkStatus();
    case DataType::kDouble:
      if (!IsNumber(v)) return TypeError(v, out.dtype);
      out.d.push_back(GetDouble(v));
      return OkStatus();
    case DataType::kInt32:
    case DataType::kInt16:
    case DataType::kInt8:
    case DataType::kUint8:
      if (!IsInt(v)) return TypeError(v, out.dtype);
      out.i.push_back(v.get_int64());
      return OkStatus();
    case DataType::kString:
      if (!v.is_string()) return TypeError(v, out.dtype);
      out.s.emplace_back(v.get_string());
      return OkStatus();
    case DataType::kInt64:
      if (!v.is_int64()) return TypeError(v, out.dtype);
      out.i.push_back(v.get_int64());
      return OkStatus();
    case DataType::kBool:
      if (!v.is_bool()) return TypeError(v, out.dtype);
      out.b.push_back(v.get_bool());
      return OkStatus();
    case DataType::kUint32:
      if (!IsUint(v)) return TypeError(v, out.dtype);
      out.u.push_back(GetUint64(v));
      return OkStatus();
    case DataType::kUint64:
      if (!IsUint64(v)) return TypeError(v, out.dtype);
      out.u.push_back(GetUint64(v));
      return OkStatus();
    default:
      return Unimplemented("Conversion of JSON Value: " + DumpJson(v) +
                           " to type: " + TfDataTypeString(out.dtype));
  }
}

Status DecodeBase64Object(const json::value& v, std::string& out) {
  if (!IsBase64Object(v)) {
    return InvalidArgument("JSON Value: " + DumpJson(v) +
                           " not formatted correctly for base64 data");
  }
  auto decoded = Base64Decode(v.get_object().find("b64")->value().get_string());
  if (!decoded) return InvalidArgument("Unable to base64 decode");
  out = std::move(*decoded);
  return OkStatus();
}

Shape DenseShape(const json::value& v) {
  Shape shape;
  const json::value* cur = &v;
  while (cur->is_array()) {
    const auto& arr = cur->get_array();
    shape.push_back(static_cast<std::int64_t>(arr.size()));
    if (arr.empty()) break;
    cur = &arr[0];
  }
  return shape;
}

Status Fill(const json::value& v, std::size_t level, const Shape& shape, Values& out,
            std::int64_t& count) {
  const std::size_t rank = shape.size();
  if (!v.is_array()) {
    if (level != rank) {
      return InvalidArgument("JSON Value: " + DumpJson(v) +
                             " found at incorrect level: " + std::to_string(level + 1) +
                             " in the JSON DOM. Expected at level: " + std::to_string(rank));
    }
    if (v.is_object()) {
      if (out.dtype != static_cast<int>(DataType::kString)) return TypeError(v, out.dtype);
      std::string decoded;
      TFSK_RETURN_IF_ERROR(DecodeBase64Object(v, decoded));
      out.s.push_back(std::move(decoded));
    } else {
      TFSK_RETURN_IF_ERROR(AddValue(v, out));
    }
    ++count;
    return OkStatus();
  }
  if (level >= rank) {
    return InvalidArgument("Encountered list at unexpected level: " + std::to_string(level) +
                           " expected < " + std::to_string(rank));
  }
  const auto& arr = v.get_array();
  if (static_cast<std::int64_t>(arr.size()) != shape[level]) {
    return InvalidArgument("Encountered list at unexpected size: " + std::to_string(arr.size()) +
                           " at level: " + std::to_string(level) +
                           " expected size: " + std::to_string(shape[level]));
  }
  for (const auto& e : arr) TFSK_RETURN_IF_ERROR(Fill(e, level + 1, shape, out, count));
  return OkStatus();
}

StatusOr<Tensor> MakeTensor(Values& values, Shape shape) {
  const DataType dt = static_cast<DataType>(values.dtype);
  Tensor t(dt, std::move(shape));
  switch (dt) {
    case DataType::kFloat:
      std::copy(values.f.begin(), values.f.end(), t.flat<float>().begin());
      break;
    case DataType::kDouble:
      std::copy(values.d.begin(), values.d.end(), t.flat<double>().begin());
      break;
    case DataType::kInt32: {
      auto out = t.flat<std::int32_t>();
      for (std::size_t k = 0; k < out.size(); ++k) out[k] = static_cast<std::int32_t>(values.i[k]);
      break;
    }
    case DataType::kInt16: {
      auto out = t.flat<std::int16_t>();
      for (std::size_t k = 0; k < out.size(); ++k) out[k] = static_cast<std::int16_t>(values.i[k]);
      break;
    }
    case DataType::kInt8: {
      auto out = t.flat<std::int8_t>();
      for (std::size_t k = 0; k < out.size(); ++k) out[k] = static_cast<std::int8_t>(values.i[k]);
      break;
    }
    case DataType::kUint8: {
      auto out = t.flat<std::uint8_t>();
      for (std::size_t k = 0; k < out.size(); ++k) out[k] = static_cast<std::uint8_t>(values.i[k]);
      break;
    }
    case DataType::kInt64:
      std::copy(values.i.begin(), values.i.end(), t.flat<std::int64_t>().begin());
      break;
    case DataType::kUint32: {
      auto out = t.flat<std::uint32_t>();
      for (std::size_t k = 0; k < out.size(); ++k) out[k] = static_cast<std::uint32_t>(values.u[k]);
      break;
    }
    case DataType::kUint64:
      std::copy(values.u.begin(), values.u.end(), t.flat<std::uint64_t>().begin());
      break;
    case DataType::kBool:
      std::copy(values.b.begin(), values.b.end(), t.flat<bool>().begin());
      break;
    case DataType::kString:
      std::move(values.s.begin(), values.s.end(), t.flat<std::string>().begin());
      break;
    default:
      return Internal("unexpected dtype " + TfDataTypeString(values.dtype));
  }
  return t;
}

// Columnar: one value -> one tensor of its own shape.
StatusOr<Tensor> ValueToTensor(const json::value& v, int dtype) {
  Values values;
  values.dtype = dtype;
  Shape shape = DenseShape(v);
  std::int64_t count = 0;
  TFSK_RETURN_IF_ERROR(Fill(v, 0, shape, values, count));
  return MakeTensor(values, std::move(shape));
}

// One signature input being filled from row instances.
struct InstanceState {
  const std::string* alias = nullptr;
  Values values;
  Shape shape;                 // of one instance
  std::int64_t size = -1;      // elements of one instance; -1 until the first is in
  std::size_t instances = 0;   // in the batch
  std::size_t max_values = 0;  // cap on the room reserved (see FromInstances)
};

// Values that `instances` instances of `shape` hold, saturating at `cap`.
std::size_t BatchValues(const Shape& shape, std::size_t instances, std::size_t cap) {
  std::size_t n = std::min(instances, cap);
  for (const std::int64_t dim : shape) {
    const auto d = static_cast<std::size_t>(dim);
    if (d != 0 && n > cap / d) return cap;
    n *= d;
  }
  return n;
}

// Appends one instance's value for `st`; every instance must have the first one's size and
// shape. The first instance reserves room for the whole batch (a hint: its shape is what
// DenseShape saw along the first elements, and the cap keeps a lopsided body from reserving
// more than it could hold).
Status AddInstanceItem(const json::value& item, InstanceState& st) {
  Shape shape = DenseShape(item);
  if (st.size < 0) st.values.Reserve(BatchValues(shape, st.instances, st.max_values));
  std::int64_t size = 0;
  TFSK_RETURN_IF_ERROR(Fill(item, 0, shape, st.values, size));
  if (st.size < 0) {
    st.size = size;
    st.shape = std::move(shape);
  } else if (st.size != size) {
    return InvalidArgument("Expecting tensor size: " + std::to_string(st.size) +
                           " but got: " + std::to_string(size));
  } else if (st.shape != shape) {
    return InvalidArgument("Expecting shape " + DimsString(st.shape) +
                           " but got: " + DimsString(shape));
  }
  return OkStatus();
}

/// "a,b": the signature's input aliases in order, as TF Serving lists them in errors.
std::string JoinedAliases(const SignatureInputs& specs) {
  std::string joined;
  for (const auto& [alias, spec] : specs) {
    if (!joined.empty()) joined += ",";
    joined += alias;
  }
  return joined;
}

bool IsElementObject(const json::value& v) { return v.is_object() && !IsBase64Object(v); }

// Most signatures have one or two inputs; their states live on the stack.
using InstanceStates = boost::container::small_vector<InstanceState, 2>;

// The states of `specs`' inputs in alias order (all of them for named instances, else the
// first only).
void MakeInstanceStates(const SignatureInputs& specs, bool named, std::size_t instances,
                        std::size_t max_values, InstanceStates& states) {
  states.resize(named ? specs.size() : 1);
  auto spec = specs.begin();
  for (InstanceState& st : states) {
    st.alias = &spec->first;
    st.values.dtype = spec->second.dtype;
    st.instances = instances;
    st.max_values = max_values;
    ++spec;
  }
}

InstanceState* FindState(InstanceStates& states, std::string_view alias) {
  const auto it =
      std::lower_bound(states.begin(), states.end(), alias,
                       [](const InstanceState& st, std::string_view a) { return *st.alias < a; });
  return it != states.end() && *it->alias == alias ? &*it : nullptr;
}

// One named instance: each key feeds its input; the keys must be exactly the input aliases.
Status AddNamedInstance(const json::value& elem, std::int64_t index, InstanceStates& states,
                        const SignatureInputs& specs) {
  const auto item = [index] { return std::to_string(index); };
  if (!IsElementObject(elem)) {
    return InvalidArgument("Expecting object but got list at item " + item() + " of input list");
  }
  const auto& obj = elem.get_object();
  for (const auto& kv : obj) {
    InstanceState* st = FindState(states, kv.key());
    const Status s =
        st == nullptr
            ? InvalidArgument("JSON object: does not have named input: " + std::string(kv.key()))
            : AddInstanceItem(kv.value(), *st);
    if (!s.ok()) {
      return InvalidArgument("Failed to process element: " + item() +
                             " key: " + std::string(kv.key()) +
                             " of 'instances' list. Error: " + s.ToString());
    }
  }
  // Every key is an input alias by now and object keys are unique (the reader keeps the first
  // of duplicates), so the key set equals the alias set exactly when the counts match.
  if (obj.size() != specs.size()) {
    return InvalidArgument("Failed to process element: " + item() +
                           " of 'instances' list. JSON object: " + DumpJson(elem) +
                           " keys must be equal to: " + JoinedAliases(specs));
  }
  return OkStatus();
}

// One instance of a plain list: the value (or list) of the single input.
Status AddPlainInstance(const json::value& elem, std::int64_t index, InstanceState& st) {
  if (IsElementObject(elem)) {
    return InvalidArgument("Expecting value/list but got object at item " + std::to_string(index) +
                           " of input list");
  }
  const Status s = AddInstanceItem(elem, st);
  if (!s.ok()) {
    return InvalidArgument("Failed to process element: " + std::to_string(index) +
                           " of 'instances' list. Error: " + s.ToString());
  }
  return OkStatus();
}

// `max_values`: no valid body holds more values than it has bytes, so reservations stay within
// that however lopsided the instances are.
StatusOr<std::map<std::string, Tensor>> FromInstances(const json::array& instances,
                                                      const SignatureInputs& specs,
                                                      std::size_t max_values) {
  if (!instances[0].is_object() && specs.size() > 1) {
    return InvalidArgument(
        "instances is a plain list, but expecting list of objects as multiple input tensors "
        "required as per tensorinfo_map");
  }
  const bool named = IsElementObject(instances[0]);
  const std::size_t n = instances.size();
  InstanceStates states;
  MakeInstanceStates(specs, named, n, max_values, states);
  for (std::size_t k = 0; k < n; ++k) {
    const auto index = static_cast<std::int64_t>(k);
    TFSK_RETURN_IF_ERROR(named ? AddNamedInstance(instances[k], index, states, specs)
                               : AddPlainInstance(instances[k], index, states[0]));
  }
  std::map<std::string, Tensor> tensors;
  for (InstanceState& st : states) {
    Shape shape;
    shape.reserve(st.shape.size() + 1);
    shape.push_back(static_cast<std::int64_t>(n));
    shape.insert(shape.end(), st.shape.begin(), st.shape.end());
    TFSK_ASSIGN_OR_RETURN(Tensor t, MakeTensor(st.values, std::move(shape)));
    tensors.emplace(*st.alias, std::move(t));
  }
  return tensors;
}

StatusOr<std::map<std::string, Tensor>> FromInputs(const json::value& inputs,
                                                   const SignatureInputs& specs) {
  std::map<std::string, Tensor> tensors;
  if (!inputs.is_object() || IsBase64Object(inputs)) {
    if (specs.size() > 1) {
      return InvalidArgument(
          "inputs is a plain value/list, but expecting an object as multiple input tensors "
          "required as per tensorinfo_map");
    }
    TFSK_ASSIGN_OR_RETURN(Tensor t, ValueToTensor(inputs, specs.begin()->second.dtype));
    tensors.emplace(specs.begin()->first, std::move(t));
    return tensors;
  }
  const auto& obj = inputs.get_object();
  for (const auto& [alias, spec] : specs) {
    const auto it = obj.find(alias);
    if (it == obj.end()) {
      return InvalidArgument("Missing named input: " + alias + " in 'inputs' object.");
    }
    TFSK_ASSIGN_OR_RETURN(Tensor t, ValueToTensor(it->value(), spec.dtype));
    tensors.emplace(alias, std::move(t));
  }
  return tensors;
}

}  // namespace

std::string TfDataTypeString(int dtype) {
  if (dtype > 100) return DataTypeName(BaseType(dtype)) + "_ref";
  return DataTypeName(static_cast<DataType>(dtype));
}

StatusOr<PredictInput> ParsePredictRequest(std::string_view body,
                                           const SignatureInputsLookup& lookup) {
  if (auto common = TryParseCommonPredict(body, lookup)) return std::move(*common);
  return ParsePredictRequestGeneral(body, lookup);
}

StatusOr<PredictInput> ParsePredictRequestGeneral(std::string_view body,
                                                  const SignatureInputsLookup& lookup) {
  ScopedJsonMemory dom_memory;  // the DOM dies with this call
  TFSK_ASSIGN_OR_RETURN(json::value doc, ParseJson(body, dom_memory.storage()));
  if (!doc.is_object()) return FormatError(doc, "Is not object");
  const auto& obj = doc.get_object();
  PredictInput result;
  TFSK_ASSIGN_OR_RETURN(result.signature_name, SignatureNameOf(doc));
  TFSK_ASSIGN_OR_RETURN(const SignatureInputs* specs, lookup(result.signature_name));
  if (specs->empty()) {
    return InvalidArgument(
        "Failed to get input map for signature: " +
        (result.signature_name.empty() ? std::string("DEFAULT") : result.signature_name));
  }
  const auto instances = obj.find("instances");
  const auto inputs = obj.find("inputs");
  if (instances != obj.end() && inputs != obj.end()) {
    return FormatError(doc,
                       "Not formatted correctly expecting only one of 'inputs' or 'instances' "
                       "keys to exist ");
  }
  if (instances != obj.end()) {
    if (!instances->value().is_array()) {
      return FormatError(doc, "Expecting 'instances' to be an list/array");
    }
    if (instances->value().get_array().empty()) {
      return FormatError(doc, "No values in 'instances' array");
    }
    result.format = RequestFormat::kRow;
    TFSK_ASSIGN_OR_RETURN(result.inputs,
                          FromInstances(instances->value().get_array(), *specs, body.size()));
    return result;
  }
  if (inputs != obj.end()) {
    result.format = RequestFormat::kColumnar;
    TFSK_ASSIGN_OR_RETURN(result.inputs, FromInputs(inputs->value(), *specs));
    return result;
  }
  return InvalidArgument("Missing 'inputs' or 'instances' key");
}

}  // namespace tfsk::serving::rest
