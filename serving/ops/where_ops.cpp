// Where with one input: the int64 coordinates of the true (non-zero) elements, in row-major
// order, as an [num_true, rank] matrix. (The three-input form is Select/SelectV2.)

#include "serving/ops/op_util.h"

namespace tfsk::serving::ops {
namespace {

Status Where(OpContext& ctx) {
  TFSK_RETURN_IF_ERROR(CheckNumInputs(ctx, 1));
  const Tensor& x = ctx.input(0);
  const int rank = x.rank();
  std::vector<std::int64_t> hits;
  TFSK_RETURN_IF_ERROR(DispatchNumericOrBool(x.dtype(), ctx.node.op, [&]<typename T>() -> Status {
    auto v = x.flat<T>();
    for (std::size_t i = 0; i < v.size(); ++i) {
      if (v[i] != T{}) hits.push_back(static_cast<std::int64_t>(i));
    }
    return OkStatus();
  }));
  const auto strides = RowMajorStrides(x.shape());
  Tensor out(DataType::kInt64, {static_cast<std::int64_t>(hits.size()), rank});
  auto o = out.flat<std::int64_t>();
  std::size_t pos = 0;
  for (std::int64_t flat : hits) {
    for (int d = 0; d < rank; ++d) {
      o[pos++] = flat / strides[static_cast<std::size_t>(d)];
      flat %= strides[static_cast<std::size_t>(d)];
    }
  }
  ctx.outputs.push_back(std::move(out));
  return OkStatus();
}

}  // namespace

void RegisterWhereOps(KernelRegistry& r) { r.Register({"Where", &Where, {}}); }

}  // namespace tfsk::serving::ops
