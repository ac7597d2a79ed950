// Ops Keras preprocessing layers export: Bucketize (Discretization) and Bincount /
// DenseBincount (CategoryEncoding: counts, weighted sums or multi-hot).

#include <algorithm>

#include "serving/ops/op_util.h"

namespace tfsk::serving::ops {
namespace {

Status Bucketize(OpContext& ctx) {
  TFSK_RETURN_IF_ERROR(CheckNumInputs(ctx, 1));
  const Tensor& x = ctx.input(0);
  TFSK_ASSIGN_OR_RETURN(std::vector<float> bounds, ctx.node.GetFloatList("boundaries"));
  if (!std::is_sorted(bounds.begin(), bounds.end()))
    return InvalidArgument("Expected sorted boundaries");
  return DispatchNumeric(x.dtype(), ctx.node.op, [&]<typename T>() -> Status {
    Tensor out(DataType::kInt32, x.shape());
    auto src = x.flat<T>();
    auto dst = out.flat<std::int32_t>();
    // The bucket is the number of boundaries <= the value.
    for (std::size_t i = 0; i < src.size(); ++i) {
      const auto v = static_cast<double>(src[i]);
      dst[i] = static_cast<std::int32_t>(std::upper_bound(bounds.begin(), bounds.end(), v,
                                                          [](double a, float b) { return a < b; }) -
                                         bounds.begin());
    }
    ctx.outputs.push_back(std::move(out));
    return OkStatus();
  });
}

/// Counts (or weight sums, or presence when `binary`) of the values of each row of `arr`
/// (1-D: one row) into `size` bins; values >= size are dropped, negative ones are an error.
Status Count(OpContext& ctx, const Tensor& arr, const Tensor& size_t_, const Tensor& weights,
             bool binary) {
  if (size_t_.rank() != 0)
    return InvalidArgument("Shape must be rank 0 but is rank " + std::to_string(size_t_.rank()));
  TFSK_ASSIGN_OR_RETURN(auto size_v, IndexValues(size_t_, "size"));
  const std::int64_t size = size_v[0];
  if (size < 0) return InvalidArgument("size (" + std::to_string(size) + ") must be non-negative");
  if (arr.rank() > 2)
    return InvalidArgument("Shape must be at most rank 2 but is rank " +
                           std::to_string(arr.rank()));
  const bool weighted = weights.num_elements() > 0;
  if (weighted && weights.shape() != arr.shape()) {
    return InvalidArgument(
        "Weights and arr must have the same shape. Arr shape: " + ShapeString(arr.shape()) +
        " Weights shape: " + ShapeString(weights.shape()));
  }
  TFSK_ASSIGN_OR_RETURN(auto values, IndexValues(arr, "arr"));
  for (auto v : values) {
    if (v < 0) return InvalidArgument("Input arr must be non-negative!");
  }
  const std::int64_t rows = arr.rank() == 2 ? arr.dim(0) : 1;
  const std::int64_t cols = arr.rank() == 0 ? 1 : arr.dim(arr.rank() - 1);
  const Shape shape = arr.rank() == 2 ? Shape{rows, size} : Shape{size};
  return DispatchNumeric(weights.dtype(), ctx.node.op, [&]<typename T>() -> Status {
    Tensor out(weights.dtype(), shape);
    auto o = out.flat<T>();
    std::fill(o.begin(), o.end(), T(0));
    for (std::int64_t r = 0; r < rows; ++r) {
      for (std::int64_t c = 0; c < cols; ++c) {
        const auto i = static_cast<std::size_t>(r * cols + c);
        if (values[i] >= size) continue;
        T& bin = o[static_cast<std::size_t>(r * size + values[i])];
        if (binary)
          bin = T(1);
        else
          bin = static_cast<T>(bin + (weighted ? weights.flat<T>()[i] : T(1)));
      }
    }
    ctx.outputs.push_back(std::move(out));
    return OkStatus();
  });
}

Status Bincount(OpContext& ctx) {
  TFSK_RETURN_IF_ERROR(CheckNumInputs(ctx, 3));
  if (ctx.input(0).rank() > 1)
    return InvalidArgument("Bincount expects a 1-D arr, got " + ShapeString(ctx.input(0).shape()));
  return Count(ctx, ctx.input(0), ctx.input(1), ctx.input(2), false);
}

Status DenseBincount(OpContext& ctx) {
  TFSK_RETURN_IF_ERROR(CheckNumInputs(ctx, 3));
  return Count(ctx, ctx.input(0), ctx.input(1), ctx.input(2),
               ctx.node.BoolOr("binary_output", false));
}

}  // namespace

void RegisterBucketOps(KernelRegistry& r) {
  r.Register({"Bucketize", &Bucketize, {"boundaries"}});
  r.Register({"Bincount", &Bincount, {}});
  r.Register({"DenseBincount", &DenseBincount, {}});
}

}  // namespace tfsk::serving::ops
