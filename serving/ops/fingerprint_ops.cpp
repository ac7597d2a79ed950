// Fingerprint (method "farmhash64"): one 8-byte fingerprint per slice along dimension 0, as
// TensorFlow's kernel (tf.fingerprint). Output uint8 [dim0, 8], each row the little-endian
// bytes of FarmHash Fingerprint64 (fingerprint64.h). A numeric row is fingerprinted as its raw
// bytes; a string row of one element is that string's fingerprint, and a row of several strings
// is the fingerprint of the concatenated little-endian fingerprints of its strings. A string
// row with no elements (shape [n, 0]) gets the fingerprint of no bytes, as a numeric one does.

#include <cstring>
#include <string>
#include <string_view>

#include "serving/ops/fingerprint64.h"
#include "serving/ops/op_families.h"
#include "serving/ops/op_util.h"

namespace tfsk::serving::ops {
namespace {

constexpr std::size_t kFingerprintSize = sizeof(std::uint64_t);

/// Writes `fp` little-endian into out[0..8).
void PutFingerprint(std::uint64_t fp, std::uint8_t* out) {
  for (std::size_t i = 0; i < kFingerprintSize; ++i) {
    out[i] = static_cast<std::uint8_t>(fp >> (8 * i));
  }
}

bool Supported(DataType dtype) {
  return dtype == DataType::kString ||
         (DataTypeSize(dtype) > 0 && dtype != DataType::kResource && dtype != DataType::kVariant);
}

Status Fingerprint(OpContext& ctx) {
  TFSK_RETURN_IF_ERROR(CheckNumInputs(ctx, 2));
  const Tensor& data = ctx.input(0);
  const Tensor& method_t = ctx.input(1);
  if (!Supported(data.dtype())) {
    return InvalidArgument("Data type not supported: " + DataTypeName(data.dtype()));
  }
  if (method_t.rank() != 0 || method_t.dtype() != DataType::kString) {
    return InvalidArgument("`method` should be a scalar string: " + ShapeString(method_t.shape()));
  }
  const std::string& method = method_t.flat<std::string>()[0];
  if (method != "farmhash64") return InvalidArgument("Unsupported fingerprint method: " + method);
  if (data.rank() < 1) {
    return InvalidArgument("`data` should have at least one dimension: " +
                           ShapeString(data.shape()));
  }
  const std::int64_t rows = data.dim(0);
  const std::int64_t per_row = rows == 0 ? 0 : data.num_elements() / rows;
  Tensor out(DataType::kUint8, {rows, static_cast<std::int64_t>(kFingerprintSize)});
  std::uint8_t* o = out.flat<std::uint8_t>().data();
  const auto row_count = static_cast<std::size_t>(rows);
  const auto row_elems = static_cast<std::size_t>(per_row);

  if (data.dtype() == DataType::kString) {
    auto in = data.flat<std::string>();
    std::string fingerprints(row_elems * kFingerprintSize, '\0');
    for (std::size_t r = 0; r < row_count; ++r) {
      if (row_elems == 1) {
        PutFingerprint(Fingerprint64(in[r]), o + r * kFingerprintSize);
        continue;
      }
      for (std::size_t j = 0; j < row_elems; ++j) {
        PutFingerprint(Fingerprint64(in[r * row_elems + j]),
                       reinterpret_cast<std::uint8_t*>(fingerprints.data()) + j * kFingerprintSize);
      }
      PutFingerprint(Fingerprint64(fingerprints), o + r * kFingerprintSize);
    }
  } else {
    const auto bytes = data.bytes();
    const std::size_t row_bytes = row_elems * DataTypeSize(data.dtype());
    const char* base = reinterpret_cast<const char*>(bytes.data());
    for (std::size_t r = 0; r < row_count; ++r) {
      PutFingerprint(Fingerprint64(std::string_view(base + r * row_bytes, row_bytes)),
                     o + r * kFingerprintSize);
    }
  }
  ctx.outputs.push_back(std::move(out));
  return OkStatus();
}

}  // namespace

void RegisterFingerprintOps(KernelRegistry& r) { r.Register({"Fingerprint", &Fingerprint, {}}); }

}  // namespace tfsk::serving::ops
