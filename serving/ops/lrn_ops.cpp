// LRN (local response normalisation across depth, NHWC), as in AlexNet/GoogLeNet-era exports.

#include <cmath>

#include "serving/ops/op_util.h"

namespace tfsk::serving::ops {
namespace {

/// LRN: x / (bias + alpha * sum of squares over the depth_radius neighbourhood in depth)^beta.
Status Lrn(OpContext& ctx) {
  TFSK_RETURN_IF_ERROR(CheckNumInputs(ctx, 1));
  const Tensor& x = ctx.input(0);
  if (x.rank() != 4) return InvalidArgument("in must be 4-dimensional");
  const std::int64_t radius = ctx.node.IntOr("depth_radius", 5);
  const auto f = [&](const char* attr, float fallback) {
    auto v = ctx.node.GetFloat(attr);
    return v.ok() ? *v : fallback;
  };
  const float bias = f("bias", 1.0f), alpha = f("alpha", 1.0f), beta = f("beta", 0.5f);
  const std::int64_t c = x.dim(3);
  return DispatchFloat(x.dtype(), ctx.node.op, [&]<typename T>() -> Status {
    Tensor out(x.dtype(), x.shape());
    auto src = x.flat<T>();
    auto dst = out.flat<T>();
    const std::int64_t rows = c == 0 ? 0 : x.num_elements() / c;
    for (std::int64_t r = 0; r < rows; ++r) {
      const T* in = src.data() + r * c;
      for (std::int64_t k = 0; k < c; ++k) {
        T sq = 0;
        for (std::int64_t j = std::max<std::int64_t>(0, k - radius);
             j <= std::min(c - 1, k + radius); ++j)
          sq += in[j] * in[j];
        dst[static_cast<std::size_t>(r * c + k)] =
            in[k] /
            std::pow(static_cast<T>(bias) + static_cast<T>(alpha) * sq, static_cast<T>(beta));
      }
    }
    ctx.outputs.push_back(std::move(out));
    return OkStatus();
  });
}

}  // namespace

void RegisterLrnOps(KernelRegistry& r) { r.Register({"LRN", &Lrn, {}}); }

}  // namespace tfsk::serving::ops
