// Unique: the distinct values of a vector in order of first appearance, and for every input
// element the index of its value in that list (out_idx int32 or int64).

#include <unordered_map>

#include "serving/ops/op_util.h"

namespace tfsk::serving::ops {
namespace {

Status Unique(OpContext& ctx) {
  TFSK_RETURN_IF_ERROR(CheckNumInputs(ctx, 1));
  const Tensor& x = ctx.input(0);
  if (x.rank() != 1) return InvalidArgument("unique expects a 1D vector.");
  auto out_idx = ctx.node.GetType("out_idx");
  const DataType itype = out_idx.ok() ? *out_idx : DataType::kInt32;
  if (itype != DataType::kInt32 && itype != DataType::kInt64) {
    return InvalidArgument("Unique out_idx must be int32 or int64, got " + DataTypeName(itype));
  }
  return DispatchAll(x.dtype(), ctx.node.op, [&]<typename T>() -> Status {
    auto src = x.flat<T>();
    std::unordered_map<T, std::int64_t> first;
    std::vector<T> values;
    Tensor idx(itype, x.shape());
    for (std::size_t i = 0; i < src.size(); ++i) {
      auto [it, fresh] = first.emplace(src[i], static_cast<std::int64_t>(values.size()));
      if (fresh) values.push_back(src[i]);
      if (itype == DataType::kInt64)
        idx.flat<std::int64_t>()[i] = it->second;
      else
        idx.flat<std::int32_t>()[i] = static_cast<std::int32_t>(it->second);
    }
    Tensor y(x.dtype(), {static_cast<std::int64_t>(values.size())});
    std::copy(values.begin(), values.end(), y.flat<T>().begin());
    ctx.outputs.push_back(std::move(y));
    ctx.outputs.push_back(std::move(idx));
    return OkStatus();
  });
}

}  // namespace

void RegisterUniqueOps(KernelRegistry& r) { r.Register({"Unique", &Unique, {}}); }

}  // namespace tfsk::serving::ops
