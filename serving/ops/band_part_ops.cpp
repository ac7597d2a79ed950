// MatrixBandPart (tf.linalg.band_part): keeps a band around the diagonal of the innermost
// matrices, zeroes the rest. Keras builds causal attention masks with it.

#include "serving/ops/op_util.h"

namespace tfsk::serving::ops {
namespace {

StatusOr<std::int64_t> BandLimit(const Tensor& t, const char* what, std::int64_t dim,
                                 const char* dim_name) {
  if (t.rank() != 0)
    return InvalidArgument(std::string(what) + " must be scalar, got shape " +
                           ShapeString(t.shape()));
  TFSK_ASSIGN_OR_RETURN(auto v, IndexValues(t, what));
  if (v[0] > dim) {
    return InvalidArgument(std::string(what) + " must be negative or less or equal to number of " +
                           dim_name + " (" + std::to_string(dim) +
                           ") got: " + std::to_string(v[0]));
  }
  return v[0];
}

Status MatrixBandPart(OpContext& ctx) {
  TFSK_RETURN_IF_ERROR(CheckNumInputs(ctx, 3));
  const Tensor& x = ctx.input(0);
  if (x.rank() < 2)
    return InvalidArgument("input must be at least 2-dim, received shape: " +
                           ShapeString(x.shape()));
  const std::int64_t m = x.dim(x.rank() - 2), n = x.dim(x.rank() - 1);
  TFSK_ASSIGN_OR_RETURN(std::int64_t lower, BandLimit(ctx.input(1), "num_lower", m, "rows"));
  TFSK_ASSIGN_OR_RETURN(std::int64_t upper, BandLimit(ctx.input(2), "num_upper", n, "columns"));
  return DispatchAll(x.dtype(), ctx.node.op, [&]<typename T>() -> Status {
    Tensor out(x.dtype(), x.shape());
    auto src = x.flat<T>();
    auto dst = out.flat<T>();
    for (std::size_t i = 0; i < src.size(); ++i) {
      const auto row = static_cast<std::int64_t>(i) / n % m;
      const auto col = static_cast<std::int64_t>(i) % n;
      const bool keep = (lower < 0 || row - col <= lower) && (upper < 0 || col - row <= upper);
      dst[i] = keep ? src[i] : T{};
    }
    ctx.outputs.push_back(std::move(out));
    return OkStatus();
  });
}

}  // namespace

void RegisterBandPartOps(KernelRegistry& r) { r.Register({"MatrixBandPart", &MatrixBandPart, {}}); }

}  // namespace tfsk::serving::ops
