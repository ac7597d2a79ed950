// The string hash-bucket ops: each string to hash(string) mod num_buckets, as TensorFlow does.
// StringToHashBucketFast hashes with FarmHash Fingerprint64 (Keras' Hashing layer, hashed
// categorical feature columns, extra OOV buckets); StringToHashBucketStrong with SipHash-2-4
// under the two-element `key` attr (lookup tables with a StrongHashSpec, tf.Transform's keyed
// hash_strings); the deprecated StringToHashBucket with TensorFlow's legacy Hash64.

#include <string_view>

#include "serving/ops/fingerprint64.h"
#include "serving/ops/op_families.h"
#include "serving/ops/op_util.h"
#include "serving/ops/string_hashes.h"

namespace tfsk::serving::ops {
namespace {

template <typename Hash>
Status HashToBuckets(OpContext& ctx, Hash&& hash) {
  TFSK_RETURN_IF_ERROR(CheckNumInputs(ctx, 1));
  const Tensor& input = ctx.input(0);
  if (input.dtype() != DataType::kString) {
    return InvalidArgument(ctx.node.op + " expects a string tensor, got " +
                           DataTypeName(input.dtype()));
  }
  TFSK_ASSIGN_OR_RETURN(std::int64_t buckets, ctx.node.GetInt("num_buckets"));
  if (buckets < 1) {
    return InvalidArgument("num_buckets must be at least 1, got " + std::to_string(buckets));
  }
  Tensor out(DataType::kInt64, input.shape());
  auto in = input.flat<std::string>();
  auto o = out.flat<std::int64_t>();
  for (std::size_t i = 0; i < in.size(); ++i) {
    o[i] = static_cast<std::int64_t>(hash(in[i]) % static_cast<std::uint64_t>(buckets));
  }
  ctx.outputs.push_back(std::move(out));
  return OkStatus();
}

Status StringToHashBucketFast(OpContext& ctx) {
  return HashToBuckets(ctx, [](std::string_view s) { return Fingerprint64(s); });
}

Status StringToHashBucketStrong(OpContext& ctx) {
  TFSK_ASSIGN_OR_RETURN(std::vector<std::int64_t> key, ctx.node.GetIntList("key"));
  if (key.size() != 2) return InvalidArgument("Key must have 2 elements");
  // The attr's int64 values are the key's two uint64 halves, bit for bit.
  const auto k0 = static_cast<std::uint64_t>(key[0]);
  const auto k1 = static_cast<std::uint64_t>(key[1]);
  return HashToBuckets(ctx, [k0, k1](std::string_view s) { return SipHash24(k0, k1, s); });
}

Status StringToHashBucket(OpContext& ctx) {
  return HashToBuckets(ctx, [](std::string_view s) { return LegacyHash64(s); });
}

}  // namespace

void RegisterHashBucketOps(KernelRegistry& r) {
  r.Register({"StringToHashBucketFast", &StringToHashBucketFast, {"num_buckets"}});
  r.Register({"StringToHashBucketStrong", &StringToHashBucketStrong, {"num_buckets", "key"}});
  r.Register({"StringToHashBucket", &StringToHashBucket, {"num_buckets"}});
}

}  // namespace tfsk::serving::ops
