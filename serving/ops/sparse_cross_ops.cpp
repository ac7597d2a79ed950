// Feature crosses of wide & deep models (tf.feature_column.crossed_column, Keras
// HashedCrossing): SparseCross (TF1 estimators: strings joined by "_X_", or hashed when
// out_type is int64), SparseCrossV2 (strings joined by `sep`) and SparseCrossHashed (hashed,
// num_buckets input; strong_hash keys SipHash-2-4 with `salt`). Each batch row crosses the features
// of every input in that row — the cartesian product, last input fastest — into one row of the
// output SparseTensor. Hashes are FarmHash Fingerprint64 chained with TensorFlow's
// FingerprintCat64, so bucket ids match the ones the model was trained with.

#include <algorithm>
#include <array>
#include <cstring>
#include <limits>

#include "serving/ops/fingerprint64.h"
#include "serving/ops/op_families.h"
#include "serving/ops/op_util.h"
#include "serving/ops/string_hashes.h"

namespace tfsk::serving::ops {
namespace {

/// TensorFlow's FingerprintCat64 (tensorflow/core/platform/fingerprint.h): an order-dependent
/// combination of two fingerprints.
std::uint64_t FingerprintCat64(std::uint64_t fp1, std::uint64_t fp2) {
  constexpr std::uint64_t kMul = 0xc6a4a7935bd1e995ULL;
  const auto shift_mix = [](std::uint64_t v) { return v ^ (v >> 47); };
  std::uint64_t result = fp1 ^ kMul;
  result ^= shift_mix(fp2 * kMul) * kMul;
  result *= kMul;
  result = shift_mix(result) * kMul;
  return shift_mix(result);
}

enum class Flavor {
  kV1,      // SparseCross: hash_key attr seeds the chain; int64 features hash to themselves
  kHashed,  // SparseCrossHashed: the first feature seeds the chain
};

/// One input column: a 2-D SparseTensor (values grouped by batch row) or a dense matrix.
struct Column {
  const Tensor* values = nullptr;  // sparse values, or the dense matrix
  bool dense = false;
  std::vector<std::int64_t> start, count;  // per batch row (sparse)

  std::int64_t Count(std::int64_t b) const {
    return dense ? values->dim(1) : count[static_cast<std::size_t>(b)];
  }
  std::int64_t Index(std::int64_t b, std::int64_t n) const {
    return dense ? b * values->dim(1) + n : start[static_cast<std::size_t>(b)] + n;
  }
  std::string Text(std::int64_t b, std::int64_t n) const {
    const auto i = static_cast<std::size_t>(Index(b, n));
    if (values->dtype() == DataType::kString) return values->flat<std::string>()[i];
    return std::to_string(values->flat<std::int64_t>()[i]);
  }
  /// The feature's hash. `strong` (SparseCrossHashed's strong_hash) is the SipHash key, or null.
  std::uint64_t Hash(std::int64_t b, std::int64_t n, Flavor flavor,
                     const std::array<std::uint64_t, 2>* strong) const {
    const auto i = static_cast<std::size_t>(Index(b, n));
    const auto hash = [&](std::string_view bytes) {
      return strong ? SipHash24((*strong)[0], (*strong)[1], bytes) : Fingerprint64(bytes);
    };
    if (values->dtype() == DataType::kString) return hash(values->flat<std::string>()[i]);
    const std::int64_t v = values->flat<std::int64_t>()[i];
    if (flavor == Flavor::kHashed && (strong != nullptr || !dense)) {
      // TensorFlow's keyed columns hash sizeof(DataType) = 4 bytes of the int64 (its low half
      // on a little-endian host) — kept so bucket ids match trained models.
      char bytes[sizeof(v)];
      std::memcpy(bytes, &v, sizeof(v));
      return hash(std::string_view(bytes, 4));
    }
    return static_cast<std::uint64_t>(v);
  }
};

struct CrossInputs {
  std::vector<Column> columns;
  std::int64_t batch = 0;
  int extra = 0;  // index of the first input after the dense ones
};

/// Reads and checks indices[N], values[N], shapes[N], dense_inputs[K] (TensorFlow's
/// ValidateInput) and groups every sparse input's values by batch row.
StatusOr<CrossInputs> ReadInputs(const OpContext& ctx, int extra_inputs, bool check_types) {
  const int n = static_cast<int>(ctx.node.IntOr("N", -1));
  auto dense_types = ctx.node.GetTypeList("dense_types");
  const int k = dense_types.ok() ? static_cast<int>(dense_types->size()) : 0;
  if (n < 0 || ctx.num_inputs() != 3 * n + k + extra_inputs) {
    return InvalidArgument(ctx.node.op + " expects 3 * N + len(dense_types) + " +
                           std::to_string(extra_inputs) + " inputs, got " +
                           std::to_string(ctx.num_inputs()));
  }
  // SparseCross's internal_type string refuses int64 features (TensorFlow checks only there).
  auto internal_type = ctx.node.GetType("internal_type");
  const bool strings_only =
      check_types && internal_type.ok() && *internal_type == DataType::kString;
  CrossInputs in;
  for (int i = 0; i < n; ++i) {
    const Tensor& idx = ctx.input(i);
    if (check_types && idx.dtype() != DataType::kInt64) {
      return InvalidArgument("Input indices should be of type int64 but received " +
                             DataTypeName(idx.dtype()));
    }
    if (idx.rank() != 2) {
      return InvalidArgument("Input indices should be a matrix but received shape " +
                             ShapeString(idx.shape()) + " at position " + std::to_string(i));
    }
    if (idx.dim(1) != 2) {
      return InvalidArgument("Expected D2 of index to be 2 got " + std::to_string(idx.dim(1)) +
                             " at position " + std::to_string(i));
    }
  }
  const auto check_values = [&](const Tensor& v, const std::string& what) -> Status {
    if (v.dtype() != DataType::kString && v.dtype() != DataType::kInt64) {
      return InvalidArgument(what + " must be int64 or string, got " + DataTypeName(v.dtype()));
    }
    if (strings_only && v.dtype() == DataType::kInt64) {
      return InvalidArgument(what + " should be of internal type string but received int64");
    }
    return OkStatus();
  };
  for (int i = 0; i < n; ++i) {
    const Tensor& v = ctx.input(n + i);
    TFSK_RETURN_IF_ERROR(check_values(v, "Input values"));
    if (v.rank() != 1) {
      return InvalidArgument("Input values should be a vector but received shape " +
                             ShapeString(v.shape()) + " at position " + std::to_string(i));
    }
    if (ctx.input(i).dim(0) != v.dim(0)) {
      return InvalidArgument("Expected size of values to be " +
                             std::to_string(ctx.input(i).dim(0)) + " got " +
                             std::to_string(v.dim(0)) + " at position " + std::to_string(i));
    }
  }
  for (int i = 0; i < n; ++i) {
    const Tensor& s = ctx.input(2 * n + i);
    if (check_types && s.dtype() != DataType::kInt64) {
      return InvalidArgument("Input shape should be of type int64 but received " +
                             DataTypeName(s.dtype()));
    }
    if (s.rank() != 1) {
      return InvalidArgument("Input shapes should be a vector but received shape " +
                             ShapeString(s.shape()) + " at position " + std::to_string(i));
    }
    if (s.num_elements() != 2) {
      return InvalidArgument("shape should imply a 2D tensor, but got " + ShapeString(s.shape()) +
                             " at position " + std::to_string(i));
    }
  }
  for (int i = 0; i < k; ++i) {
    const Tensor& d = ctx.input(3 * n + i);
    TFSK_RETURN_IF_ERROR(check_values(d, "Dense inputs"));
    if (d.rank() != 2) {
      return InvalidArgument("Dense inputs should be a matrix but received shape " +
                             ShapeString(d.shape()) + " at position " + std::to_string(i));
    }
  }
  TFSK_ASSIGN_OR_RETURN(auto first_shape,
                        n > 0 ? IndexValues(ctx.input(2 * n), "shapes")
                              : StatusOr<std::vector<std::int64_t>>(std::vector<std::int64_t>{}));
  in.batch = n > 0 ? first_shape[0] : (k > 0 ? ctx.input(3 * n).dim(0) : 0);
  for (int i = 0; i < n; ++i) {
    TFSK_ASSIGN_OR_RETURN(auto shape, IndexValues(ctx.input(2 * n + i), "shapes"));
    if (shape[0] != in.batch) {
      return InvalidArgument("Expected batch size " + std::to_string(in.batch) + " got " +
                             std::to_string(shape[0]) + " at position " + std::to_string(i));
    }
  }
  for (int i = 0; i < k; ++i) {
    if (ctx.input(3 * n + i).dim(0) != in.batch) {
      return InvalidArgument("Expected batch size " + std::to_string(in.batch) + " got " +
                             std::to_string(ctx.input(3 * n + i).dim(0)) + " at dense tensor " +
                             std::to_string(i));
    }
  }
  if (in.batch < 0)
    return InvalidArgument("Batch size must not be negative, got " + std::to_string(in.batch));
  for (int i = 0; i < n; ++i) {
    Column c;
    c.values = &ctx.input(n + i);
    TFSK_ASSIGN_OR_RETURN(auto idx, IndexValues(ctx.input(i), "indices"));
    // Rows are taken in order: each batch row's entries are the next run whose row index is b
    // (TensorFlow's ExtractFeatureData; entries out of order are skipped the same way).
    std::size_t row = 0;
    const std::size_t rows = idx.size() / 2;
    for (std::int64_t b = 0; b < in.batch; ++b) {
      c.start.push_back(static_cast<std::int64_t>(row));
      std::int64_t count = 0;
      for (; row < rows && idx[row * 2] == b; ++row) ++count;
      c.count.push_back(count);
    }
    in.columns.push_back(std::move(c));
  }
  for (int i = 0; i < k; ++i) {
    Column c;
    c.values = &ctx.input(3 * n + i);
    c.dense = true;
    in.columns.push_back(std::move(c));
  }
  in.extra = 3 * n + k;
  return in;
}

/// Runs the cross: `make(b, choice)` builds the output value of one combination.
template <typename T, typename Make>
Status EmitCross(OpContext& ctx, const CrossInputs& in, Make make) {
  std::vector<std::int64_t> per_row(static_cast<std::size_t>(in.batch), 0);
  std::int64_t total = 0, widest = 0;
  for (std::int64_t b = 0; b < in.batch; ++b) {
    std::int64_t c = in.columns.empty() ? 0 : 1;
    for (const Column& col : in.columns) c *= col.Count(b);
    per_row[static_cast<std::size_t>(b)] = c;
    total += c;
    widest = std::max(widest, c);
  }
  Tensor indices(DataType::kInt64, {total, 2});
  Tensor values(DataTypeOf<T>::value, {total});
  auto idx = indices.flat<std::int64_t>();
  auto val = values.flat<T>();
  std::size_t at = 0;
  std::vector<std::int64_t> choice(in.columns.size());
  for (std::int64_t b = 0; b < in.batch; ++b) {
    std::fill(choice.begin(), choice.end(), 0);
    for (std::int64_t j = 0; j < per_row[static_cast<std::size_t>(b)]; ++j, ++at) {
      idx[at * 2] = b;
      idx[at * 2 + 1] = j;
      val[at] = make(b, choice);
      // Next combination: the last column moves fastest.
      for (std::size_t c = choice.size(); c-- > 0;) {
        if (++choice[c] < in.columns[c].Count(b)) break;
        choice[c] = 0;
      }
    }
  }
  ctx.outputs.push_back(std::move(indices));
  ctx.outputs.push_back(std::move(values));
  ctx.outputs.push_back(Tensor(DataType::kInt64, {2}));
  ctx.outputs.back().flat<std::int64_t>()[0] = in.batch;
  ctx.outputs.back().flat<std::int64_t>()[1] = widest;
  return OkStatus();
}

Status CrossStrings(OpContext& ctx, const CrossInputs& in, const std::string& sep) {
  return EmitCross<std::string>(ctx, in, [&](std::int64_t b, const std::vector<std::int64_t>& ch) {
    std::string s;
    for (std::size_t c = 0; c < ch.size(); ++c) {
      if (c) s += sep;
      s += in.columns[c].Text(b, ch[c]);
    }
    return s;
  });
}

/// The chained fingerprint of one combination, reduced to [0, num_buckets) (or to
/// [0, int64 max) when num_buckets is 0, so it stays non-negative).
Status CrossHashes(OpContext& ctx, const CrossInputs& in, Flavor flavor, std::uint64_t hash_key,
                   std::int64_t num_buckets, const std::array<std::uint64_t, 2>* strong = nullptr) {
  return EmitCross<std::int64_t>(ctx, in, [&](std::int64_t b, const std::vector<std::int64_t>& ch) {
    std::uint64_t h =
        flavor == Flavor::kV1 ? hash_key : in.columns[0].Hash(b, ch[0], flavor, strong);
    for (std::size_t c = flavor == Flavor::kV1 ? 0 : 1; c < ch.size(); ++c) {
      h = FingerprintCat64(h, in.columns[c].Hash(b, ch[c], flavor, strong));
    }
    const auto modulus = num_buckets > 0
                             ? static_cast<std::uint64_t>(num_buckets)
                             : static_cast<std::uint64_t>(std::numeric_limits<std::int64_t>::max());
    return static_cast<std::int64_t>(h % modulus);
  });
}

Status SparseCross(OpContext& ctx) {
  TFSK_ASSIGN_OR_RETURN(CrossInputs in, ReadInputs(ctx, 0, true));
  auto out_type = ctx.node.GetType("out_type");
  if (out_type.ok() && *out_type == DataType::kInt64) {
    return CrossHashes(ctx, in, Flavor::kV1,
                       static_cast<std::uint64_t>(ctx.node.IntOr("hash_key", 0)),
                       ctx.node.IntOr("num_buckets", 0));
  }
  return CrossStrings(ctx, in, "_X_");
}

Status SparseCrossV2(OpContext& ctx) {
  TFSK_ASSIGN_OR_RETURN(CrossInputs in, ReadInputs(ctx, 1, false));
  const Tensor& sep = ctx.input(in.extra);
  if (sep.rank() != 0 || sep.dtype() != DataType::kString) {
    return InvalidArgument("Input separator should be a scalar. Received: " + sep.DebugString());
  }
  return CrossStrings(ctx, in, sep.flat<std::string>()[0]);
}

Status SparseCrossHashed(OpContext& ctx) {
  TFSK_ASSIGN_OR_RETURN(CrossInputs in, ReadInputs(ctx, 3, false));
  const Tensor& buckets = ctx.input(in.extra);
  const Tensor& strong = ctx.input(in.extra + 1);
  const Tensor& salt = ctx.input(in.extra + 2);
  if (buckets.dtype() != DataType::kInt64 || buckets.num_elements() != 1) {
    return InvalidArgument("num_buckets must be an int64 scalar, got " + buckets.DebugString());
  }
  if (strong.dtype() != DataType::kBool || strong.num_elements() != 1) {
    return InvalidArgument("strong_hash must be a bool scalar, got " + strong.DebugString());
  }
  if (salt.dtype() != DataType::kInt64) {
    return InvalidArgument("salt must be int64, got " + DataTypeName(salt.dtype()));
  }
  if (salt.num_elements() != 2) {
    return InvalidArgument("Input \"salt\" must have length 2 but has length " +
                           std::to_string(salt.num_elements()));
  }
  // The salt is the SipHash key; without strong_hash it is not used.
  const std::array<std::uint64_t, 2> key = {
      static_cast<std::uint64_t>(salt.flat<std::int64_t>()[0]),
      static_cast<std::uint64_t>(salt.flat<std::int64_t>()[1])};
  return CrossHashes(ctx, in, Flavor::kHashed, 0, buckets.flat<std::int64_t>()[0],
                     strong.flat<bool>()[0] ? &key : nullptr);
}

}  // namespace

void RegisterSparseCrossOps(KernelRegistry& r) {
  r.Register({"SparseCross", &SparseCross, {}});
  r.Register({"SparseCrossV2", &SparseCrossV2, {}});
  r.Register({"SparseCrossHashed", &SparseCrossHashed, {}});
}

}  // namespace tfsk::serving::ops
