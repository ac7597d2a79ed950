// StringToHashBucketFast: each string to Fingerprint64(string) mod num_buckets, as TensorFlow
// does for Keras' Hashing layer, hashed categorical feature columns and extra OOV buckets.

#include "serving/ops/fingerprint64.h"
#include "serving/ops/op_families.h"
#include "serving/ops/op_util.h"

namespace tfsk::serving::ops {
namespace {

Status StringToHashBucketFast(OpContext& ctx) {
  TFSK_RETURN_IF_ERROR(CheckNumInputs(ctx, 1));
  const Tensor& input = ctx.input(0);
  if (input.dtype() != DataType::kString) {
    return InvalidArgument("StringToHashBucketFast expects a string tensor, got " +
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
    o[i] = static_cast<std::int64_t>(Fingerprint64(in[i]) % static_cast<std::uint64_t>(buckets));
  }
  ctx.outputs.push_back(std::move(out));
  return OkStatus();
}

}  // namespace

void RegisterHashBucketOps(KernelRegistry& r) {
  r.Register({"StringToHashBucketFast", &StringToHashBucketFast, {"num_buckets"}});
}

}  // namespace tfsk::serving::ops
