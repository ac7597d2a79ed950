// Random ops: RandomUniform, RandomStandardNormal, TruncatedNormal. Only variable initializers use
// them in serving graphs, so a per-thread engine suffices (seeds are not reproduced bit-exactly).

#include <random>

#include "serving/ops/op_util.h"

namespace tfsk::serving::ops {
namespace {

std::mt19937_64& Engine() {
  thread_local std::mt19937_64 engine{std::random_device{}()};
  return engine;
}

enum class Dist { kUniform, kNormal, kTruncated };

template <Dist kD>
Status Random(OpContext& ctx) {
  TFSK_RETURN_IF_ERROR(CheckNumInputs(ctx, 1));
  TFSK_ASSIGN_OR_RETURN(Shape shape, IndexValues(ctx.input(0), "shape"));
  for (auto d : shape) {
    if (d < 0) return InvalidArgument("Dimension " + std::to_string(d) + " must be >= 0");
  }
  TFSK_ASSIGN_OR_RETURN(DataType dtype, ctx.node.GetType("dtype"));
  return DispatchFloat(dtype, ctx.node.op, [&]<typename T>() -> Status {
    Tensor out(dtype, shape);
    auto& engine = Engine();
    std::uniform_real_distribution<T> uniform(T(0), T(1));
    std::normal_distribution<T> normal(T(0), T(1));
    for (T& v : out.flat<T>()) {
      if constexpr (kD == Dist::kUniform) {
        v = uniform(engine);
      } else if constexpr (kD == Dist::kNormal) {
        v = normal(engine);
      } else {
        do v = normal(engine);  // resample outside two standard deviations
        while (v < T(-2) || v > T(2));
      }
    }
    ctx.outputs.push_back(std::move(out));
    return OkStatus();
  });
}

}  // namespace

void RegisterRandomOps(KernelRegistry& r) {
  r.Register({"RandomUniform", &Random<Dist::kUniform>, {"dtype"}});
  r.Register({"RandomStandardNormal", &Random<Dist::kNormal>, {"dtype"}});
  r.Register({"TruncatedNormal", &Random<Dist::kTruncated>, {"dtype"}});
}

}  // namespace tfsk::serving::ops
