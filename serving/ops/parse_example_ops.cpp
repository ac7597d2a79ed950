// ParseExample (v1) and ParseExampleV2: decode serialized tf.Example protos into dense tensors
// (float, int64, string; fixed dense shapes) and sparse (indices, values, shape) triples.
// Ragged outputs and variable-length dense features are not supported.

#include <cstring>

#include "serving/ops/op_util.h"
#include "serving/proto/example.pb.h"

namespace tfsk::serving::ops {
namespace {

struct Spec {
  std::vector<std::string> sparse_keys;
  std::vector<DataType> sparse_types;
  std::vector<std::string> dense_keys;
  std::vector<DataType> dense_types;
  std::vector<AttrShape> dense_shapes;
  std::vector<Tensor> dense_defaults;
};

/// What TensorFlow's fast parser calls a list's values in "Number of <x> values" messages.
const char* ValuesName(DataType t) {
  switch (t) {
    case DataType::kFloat:
      return "float";
    case DataType::kInt64:
      return "int64";
    case DataType::kString:
      return "bytes";
    default:
      return "unsupported";
  }
}

/// The dtype a Feature's value list holds (string for bytes_list), for type-mismatch messages.
std::string FeatureTypeName(const tensorflow::Feature& f) {
  switch (f.kind_case()) {
    case tensorflow::Feature::kFloatList:
      return DataTypeName(DataType::kFloat);
    case tensorflow::Feature::kInt64List:
      return DataTypeName(DataType::kInt64);
    case tensorflow::Feature::kBytesList:
      return DataTypeName(DataType::kString);
    default:
      return "invalid";
  }
}

/// The prefix of TensorFlow's per-feature parse errors (the name is never given by serving).
std::string ExampleError(const std::string& key, std::int64_t index) {
  return "Name: <unknown>, Key: " + key + ", Index: " + std::to_string(index) + ".  ";
}

/// Number of values a Feature holds in the list matching `type`, or -1 on a kind mismatch.
int FeatureSize(const tensorflow::Feature& f, DataType type) {
  switch (type) {
    case DataType::kFloat:
      return f.has_float_list() ? f.float_list().value_size() : -1;
    case DataType::kInt64:
      return f.has_int64_list() ? f.int64_list().value_size() : -1;
    case DataType::kString:
      return f.has_bytes_list() ? f.bytes_list().value_size() : -1;
    default:
      return -1;
  }
}

/// Copies the feature's values into `out` starting at element `at`.
void CopyFeature(const tensorflow::Feature& f, DataType type, Tensor& out, std::int64_t at) {
  const auto base = static_cast<std::size_t>(at);
  if (type == DataType::kFloat) {
    const auto& v = f.float_list().value();
    std::copy(v.begin(), v.end(), out.flat<float>().begin() + static_cast<std::ptrdiff_t>(base));
  } else if (type == DataType::kInt64) {
    const auto& v = f.int64_list().value();
    for (int i = 0; i < v.size(); ++i)
      out.flat<std::int64_t>()[base + static_cast<std::size_t>(i)] = v[i];
  } else {
    const auto& v = f.bytes_list().value();
    for (int i = 0; i < v.size(); ++i)
      out.flat<std::string>()[base + static_cast<std::size_t>(i)] = v[i];
  }
}

void CopyDefault(const Tensor& def, Tensor& out, std::int64_t at) {
  const auto n = def.num_elements();
  (void)DispatchAll(def.dtype(), "ParseExample", [&]<typename T>() -> Status {
    auto src = def.flat<T>();
    auto dst = out.flat<T>();
    for (std::int64_t i = 0; i < n; ++i) {
      dst[static_cast<std::size_t>(at + i)] = src[static_cast<std::size_t>(i)];
    }
    return OkStatus();
  });
}

Status Parse(OpContext& ctx, const Tensor& serialized, const Spec& spec) {
  if (serialized.dtype() != DataType::kString || serialized.rank() > 1) {
    return InvalidArgument("Expected serialized to be a scalar or vector of strings, got " +
                           DataTypeName(serialized.dtype()) + " " +
                           ShapeString(serialized.shape()));
  }
  const bool scalar = serialized.rank() == 0;
  const std::int64_t batch = serialized.num_elements();
  std::vector<tensorflow::Example> examples(static_cast<std::size_t>(batch));
  for (std::int64_t b = 0; b < batch; ++b) {
    const std::string& bytes = serialized.flat<std::string>()[static_cast<std::size_t>(b)];
    if (!examples[static_cast<std::size_t>(b)].ParseFromString(bytes)) {
      return InvalidArgument("Could not parse example input, value: '" + bytes + "'");
    }
  }
  // Sparse outputs: indices [N, rank], values [N], dense_shape [rank] per key.
  std::vector<Tensor> sp_idx, sp_val, sp_shape;
  for (std::size_t k = 0; k < spec.sparse_keys.size(); ++k) {
    const DataType type = spec.sparse_types[k];
    std::int64_t total = 0, max_len = 0;
    std::vector<const tensorflow::Feature*> found(static_cast<std::size_t>(batch), nullptr);
    for (std::int64_t b = 0; b < batch; ++b) {
      const auto& fmap = examples[static_cast<std::size_t>(b)].features().feature();
      auto it = fmap.find(spec.sparse_keys[k]);
      if (it == fmap.end()) continue;
      const int n = FeatureSize(it->second, type);
      if (n < 0 && it->second.kind_case() != tensorflow::Feature::KIND_NOT_SET) {
        return InvalidArgument(ExampleError(spec.sparse_keys[k], b) +
                               "Data types don't match. Expected type: " + DataTypeName(type) +
                               ", Actual type: " + FeatureTypeName(it->second));
      }
      if (n <= 0) continue;
      found[static_cast<std::size_t>(b)] = &it->second;
      total += n;
      max_len = std::max<std::int64_t>(max_len, n);
    }
    const std::int64_t rank = scalar ? 1 : 2;
    Tensor idx(DataType::kInt64, {total, rank});
    Tensor val(type, {total});
    Tensor shape(DataType::kInt64, {rank});
    std::int64_t pos = 0;
    for (std::int64_t b = 0; b < batch; ++b) {
      const auto* f = found[static_cast<std::size_t>(b)];
      if (f == nullptr) continue;
      const int n = FeatureSize(*f, type);
      CopyFeature(*f, type, val, pos);
      for (int i = 0; i < n; ++i, ++pos) {
        auto row = idx.flat<std::int64_t>().subspan(static_cast<std::size_t>(pos * rank));
        if (scalar) {
          row[0] = i;
        } else {
          row[0] = b;
          row[1] = i;
        }
      }
    }
    if (scalar) {
      shape.flat<std::int64_t>()[0] = max_len;
    } else {
      shape.flat<std::int64_t>()[0] = batch;
      shape.flat<std::int64_t>()[1] = max_len;
    }
    sp_idx.push_back(std::move(idx));
    sp_val.push_back(std::move(val));
    sp_shape.push_back(std::move(shape));
  }
  // Dense outputs: [batch] + dense_shape (no batch dim for a scalar input).
  std::vector<Tensor> dense;
  for (std::size_t k = 0; k < spec.dense_keys.size(); ++k) {
    const DataType type = spec.dense_types[k];
    const AttrShape& ds = spec.dense_shapes[k];
    if (!ds.fully_defined()) {
      return Unimplemented("ParseExample: variable-length dense feature '" + spec.dense_keys[k] +
                           "' is not supported");
    }
    const std::int64_t per = NumElements(ds.dims);
    const Tensor& def = spec.dense_defaults[k];
    if (def.num_elements() != 0 && (def.num_elements() != per || def.dtype() != type)) {
      return InvalidArgument("dense_defaults[" + std::to_string(k) + "] for key '" +
                             spec.dense_keys[k] + "' must have " + std::to_string(per) +
                             " values of type " + DataTypeName(type));
    }
    Shape shape = ds.dims;
    if (!scalar) shape.insert(shape.begin(), batch);
    Tensor out(type, shape);
    for (std::int64_t b = 0; b < batch; ++b) {
      const auto& fmap = examples[static_cast<std::size_t>(b)].features().feature();
      auto it = fmap.find(spec.dense_keys[k]);
      const bool present =
          it != fmap.end() && it->second.kind_case() != tensorflow::Feature::KIND_NOT_SET;
      if (!present) {
        if (def.num_elements() == 0) {
          return InvalidArgument("Name: <unknown>, Feature: " + spec.dense_keys[k] +
                                 " (data type: " + DataTypeName(type) +
                                 ") is required but could not be found.");
        }
        CopyDefault(def, out, b * per);
        continue;
      }
      const int n = FeatureSize(it->second, type);
      if (n < 0) {
        return InvalidArgument(ExampleError(spec.dense_keys[k], b) +
                               "Data types don't match. Data type: " + FeatureTypeName(it->second) +
                               " but expected type: " + DataTypeName(type));
      }
      if (n != per) {
        return InvalidArgument(ExampleError(spec.dense_keys[k], b) + "Number of " +
                               ValuesName(type) + " values != expected.  Values size: " +
                               std::to_string(n) + " but output shape: " + ShapeString(ds.dims));
      }
      CopyFeature(it->second, type, out, b * per);
    }
    dense.push_back(std::move(out));
  }
  for (auto& t : sp_idx) ctx.outputs.push_back(std::move(t));
  for (auto& t : sp_val) ctx.outputs.push_back(std::move(t));
  for (auto& t : sp_shape) ctx.outputs.push_back(std::move(t));
  for (auto& t : dense) ctx.outputs.push_back(std::move(t));
  return OkStatus();
}

StatusOr<std::vector<std::string>> Strings(std::span<const Tensor> ts, const char* what) {
  std::vector<std::string> out;
  for (const Tensor& t : ts) {
    if (t.dtype() != DataType::kString)
      return InvalidArgument(std::string(what) + " must be strings");
    for (const auto& s : t.flat<std::string>()) out.push_back(s);
  }
  return out;
}

/// Inputs: serialized, names, sparse_keys[Nsparse], dense_keys[Ndense], dense_defaults[Ndense].
Status ParseExample(OpContext& ctx) {
  TFSK_ASSIGN_OR_RETURN(std::int64_t ns, ctx.node.GetInt("Nsparse"));
  TFSK_ASSIGN_OR_RETURN(std::int64_t nd, ctx.node.GetInt("Ndense"));
  if (ctx.num_inputs() != 2 + ns + 2 * nd) {
    return InvalidArgument("ParseExample expects " + std::to_string(2 + ns + 2 * nd) + " inputs");
  }
  Spec spec;
  auto in = ctx.inputs;
  const auto s = static_cast<std::size_t>(ns), d = static_cast<std::size_t>(nd);
  TFSK_ASSIGN_OR_RETURN(spec.sparse_keys, Strings(in.subspan(2, s), "sparse_keys"));
  TFSK_ASSIGN_OR_RETURN(spec.dense_keys, Strings(in.subspan(2 + s, d), "dense_keys"));
  spec.dense_defaults.assign(in.begin() + static_cast<std::ptrdiff_t>(2 + s + d), in.end());
  TFSK_ASSIGN_OR_RETURN(spec.sparse_types, ctx.node.GetTypeList("sparse_types"));
  TFSK_ASSIGN_OR_RETURN(spec.dense_types, ctx.node.GetTypeList("Tdense"));
  TFSK_ASSIGN_OR_RETURN(spec.dense_shapes, ctx.node.GetShapeList("dense_shapes"));
  if (spec.sparse_types.size() != s || spec.dense_types.size() != d ||
      spec.dense_shapes.size() != d) {
    return InvalidArgument("ParseExample attrs disagree with Nsparse/Ndense");
  }
  return Parse(ctx, ctx.input(0), spec);
}

/// Inputs: serialized, names, sparse_keys (1-D), dense_keys (1-D), ragged_keys (1-D),
/// dense_defaults[len(Tdense)].
Status ParseExampleV2(OpContext& ctx) {
  if (ctx.num_inputs() < 5) return InvalidArgument("ParseExampleV2 expects at least 5 inputs");
  Spec spec;
  TFSK_ASSIGN_OR_RETURN(spec.sparse_keys, Strings(ctx.inputs.subspan(2, 1), "sparse_keys"));
  TFSK_ASSIGN_OR_RETURN(spec.dense_keys, Strings(ctx.inputs.subspan(3, 1), "dense_keys"));
  if (ctx.input(4).num_elements() != 0) {
    return Unimplemented("ParseExampleV2 with ragged keys is not supported");
  }
  spec.dense_defaults.assign(ctx.inputs.begin() + 5, ctx.inputs.end());
  TFSK_ASSIGN_OR_RETURN(spec.sparse_types, ctx.node.GetTypeList("sparse_types"));
  TFSK_ASSIGN_OR_RETURN(spec.dense_types, ctx.node.GetTypeList("Tdense"));
  TFSK_ASSIGN_OR_RETURN(spec.dense_shapes, ctx.node.GetShapeList("dense_shapes"));
  if (spec.sparse_types.size() != spec.sparse_keys.size() ||
      spec.dense_types.size() != spec.dense_keys.size() ||
      spec.dense_shapes.size() != spec.dense_keys.size() ||
      spec.dense_defaults.size() != spec.dense_keys.size()) {
    return InvalidArgument(
        "ParseExampleV2 keys disagree with attrs sparse_types/Tdense/dense_shapes");
  }
  return Parse(ctx, ctx.input(0), spec);
}

}  // namespace

void RegisterParseExampleOps(KernelRegistry& r) {
  r.Register({"ParseExample", &ParseExample, {"Nsparse", "Ndense", "Tdense", "dense_shapes"}});
  r.Register({"ParseExampleV2", &ParseExampleV2, {"Tdense", "dense_shapes"}});
}

}  // namespace tfsk::serving::ops
