// GatherNd: slices of params addressed by the last dim of indices (tf.gather_nd).

#include "serving/ops/nd_index.h"
#include "serving/ops/op_util.h"

namespace tfsk::serving::ops {
namespace {

Status GatherNd(OpContext& ctx) {
  TFSK_RETURN_IF_ERROR(CheckNumInputs(ctx, 2));
  const Tensor& params = ctx.input(0);
  const Tensor& indices_t = ctx.input(1);
  TFSK_ASSIGN_OR_RETURN(NdSlices nd,
                        ResolveNdSlices(indices_t, params.shape(), "params", "param shape"));
  Shape shape = nd.batch;
  shape.insert(shape.end(), params.shape().begin() + nd.depth, params.shape().end());
  const std::int64_t slice = nd.slice;
  return DispatchAll(params.dtype(), ctx.node.op, [&]<typename T>() -> Status {
    Tensor out(params.dtype(), shape);
    auto src = params.flat<T>();
    auto dst = out.flat<T>();
    for (std::size_t i = 0; i < nd.offsets.size(); ++i) {
      auto from = src.begin() + static_cast<std::ptrdiff_t>(nd.offsets[i]);
      std::copy(from, from + static_cast<std::ptrdiff_t>(slice),
                dst.begin() + static_cast<std::ptrdiff_t>(static_cast<std::int64_t>(i) * slice));
    }
    ctx.outputs.push_back(std::move(out));
    return OkStatus();
  });
}

}  // namespace

void RegisterGatherNdOps(KernelRegistry& r) { r.Register({"GatherNd", &GatherNd, {}}); }

}  // namespace tfsk::serving::ops
