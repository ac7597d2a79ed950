// FusedBatchNorm, FusedBatchNormV2 and FusedBatchNormV3: per-channel normalisation over every
// other dim, in inference form (is_training=false: the given mean/variance) and in training
// form (batch statistics, which some exports keep because Keras traced the layer in training
// mode). 4-D (NHWC/NCHW) and 5-D (NDHWC/NCDHW) inputs, as TensorFlow's CPU kernel.

#include <cmath>
#include <limits>

#include "serving/ops/op_util.h"

namespace tfsk::serving::ops {
namespace {

float FloatAttrOr(const NodeInfo& node, const char* attr, float fallback) {
  auto v = node.GetFloat(attr);
  return v.ok() ? *v : fallback;
}

/// Where the channels are: `plane` consecutive elements share a channel, channels cycle with
/// period `channels` (plane == 1 for channel-last layouts).
struct Layout {
  std::int64_t channels = 0;
  std::int64_t plane = 1;
};

StatusOr<Layout> LayoutOf(const Tensor& x, const std::string& format) {
  if (x.rank() != 4 && x.rank() != 5) {
    return InvalidArgument("input must be 4 or 5-dimensional" + ShapeString(x.shape()));
  }
  Layout l;
  if (format == "NHWC" || format == "NDHWC") {
    l.channels = x.dim(x.rank() - 1);
  } else if (format == "NCHW" || format == "NCDHW") {
    l.channels = x.dim(1);
    for (int d = 2; d < x.rank(); ++d) l.plane *= x.dim(d);
  } else {
    return InvalidArgument("Invalid data format " + format);
  }
  return l;
}

/// TensorFlow's checks: `what` must be a vector, of `channels` elements when `check_size`
/// (`size_name` names it in that message).
Status CheckVector(const Tensor& t, const std::string& what, const std::string& size_name,
                   std::int64_t channels, bool check_size) {
  if (t.rank() != 1)
    return InvalidArgument(what + " must be 1-dimensional" + ShapeString(t.shape()));
  if (check_size && t.num_elements() != channels) {
    return InvalidArgument(size_name +
                           " must have the same number of elements as the channels of x, got " +
                           std::to_string(t.num_elements()) + " and " + std::to_string(channels));
  }
  return OkStatus();
}

/// Calls f(i, k) for every flat element i with its channel k, without a division per element:
/// elements are [outer, channels, plane] in both layouts (plane == 1 when channel-last).
template <typename F>
void ForEachChannel(const Layout& l, std::int64_t n, F&& f) {
  const std::int64_t outer = l.channels == 0 ? 0 : n / (l.channels * l.plane);
  std::int64_t i = 0;
  for (std::int64_t o = 0; o < outer; ++o) {
    for (std::int64_t k = 0; k < l.channels; ++k) {
      for (std::int64_t p = 0; p < l.plane; ++p, ++i)
        f(static_cast<std::size_t>(i), static_cast<std::size_t>(k));
    }
  }
}

template <typename T>
Status Run(OpContext& ctx, const Layout& l, bool training, T eps, T avg_factor, bool v3) {
  const Tensor& x = ctx.input(0);
  auto scale = ctx.input(1).flat<T>();
  auto offset = ctx.input(2).flat<T>();
  const Tensor& in_mean = ctx.input(3);
  const Tensor& in_var = ctx.input(4);
  const std::int64_t c = l.channels;
  const std::int64_t n = x.num_elements();
  const auto uc = static_cast<std::size_t>(c);
  std::vector<T> mean(uc), var(uc);
  auto xs = x.flat<T>();
  if (training && n > 0) {
    // Batch statistics: biased variance normalises; the running-variance output is
    // Bessel-corrected, like TensorFlow's.
    std::vector<double> sum(uc, 0), sq(uc, 0);
    ForEachChannel(l, n, [&](std::size_t i, std::size_t k) { sum[k] += xs[i]; });
    const double count = static_cast<double>(n / c);
    for (std::size_t k = 0; k < uc; ++k) mean[k] = static_cast<T>(sum[k] / count);
    ForEachChannel(l, n, [&](std::size_t i, std::size_t k) {
      const double d = static_cast<double>(xs[i]) - mean[k];
      sq[k] += d * d;
    });
    for (std::size_t k = 0; k < uc; ++k) var[k] = static_cast<T>(sq[k] / count);
  } else if (!training) {
    for (std::size_t k = 0; k < uc; ++k) {
      mean[k] = in_mean.flat<T>()[k];
      var[k] = in_var.flat<T>()[k];
    }
  }
  std::vector<T> factor(uc);
  for (std::size_t k = 0; k < uc; ++k) factor[k] = scale[k] / std::sqrt(var[k] + eps);
  Tensor y(x.dtype(), x.shape());
  auto ys = y.flat<T>();
  ForEachChannel(l, n, [&](std::size_t i, std::size_t k) {
    ys[i] = (xs[i] - mean[k]) * factor[k] + offset[k];
  });
  Tensor out_mean(x.dtype(), {c}), out_var(x.dtype(), {c}), saved_mean(x.dtype(), {c}),
      saved_var(x.dtype(), {c});
  const T nan = std::numeric_limits<T>::quiet_NaN();
  const double rest = c > 0 ? static_cast<double>(n / c) : 0;
  const T bessel = static_cast<T>(rest > 1 ? rest / (rest - 1) : rest);
  for (std::size_t k = 0; k < uc; ++k) {
    saved_mean.flat<T>()[k] = mean[k];
    saved_var.flat<T>()[k] = var[k];
    if (n == 0) {  // TensorFlow reports NaN statistics for an empty batch
      out_mean.flat<T>()[k] = nan;
      out_var.flat<T>()[k] = nan;
    } else if (!training) {
      out_mean.flat<T>()[k] = mean[k];
      out_var.flat<T>()[k] = var[k];
    } else if (avg_factor == T(1)) {
      out_mean.flat<T>()[k] = mean[k];
      out_var.flat<T>()[k] = var[k] * bessel;
    } else {
      const T keep = T(1) - avg_factor;
      out_mean.flat<T>()[k] = keep * in_mean.flat<T>()[k] + avg_factor * mean[k];
      out_var.flat<T>()[k] = keep * in_var.flat<T>()[k] + avg_factor * bessel * var[k];
    }
  }
  ctx.outputs.push_back(std::move(y));
  ctx.outputs.push_back(std::move(out_mean));
  ctx.outputs.push_back(std::move(out_var));
  ctx.outputs.push_back(std::move(saved_mean));
  ctx.outputs.push_back(std::move(saved_var));
  if (v3) ctx.outputs.push_back(Tensor::Scalar<T>(T(0)));  // the CPU kernel's placeholder
  return OkStatus();
}

template <bool kV3>
Status FusedBatchNorm(OpContext& ctx) {
  TFSK_RETURN_IF_ERROR(CheckNumInputs(ctx, 5));
  const Tensor& x = ctx.input(0);
  const bool training = ctx.node.BoolOr("is_training", true);
  const float eps = FloatAttrOr(ctx.node, "epsilon", 0.0001f);
  const float avg = FloatAttrOr(ctx.node, "exponential_avg_factor", 1.0f);
  TFSK_ASSIGN_OR_RETURN(Layout l, LayoutOf(x, ctx.node.StringOr("data_format", "NHWC")));
  for (int i = 1; i < 5; ++i) {
    if (ctx.input(i).dtype() != x.dtype()) {
      return Unimplemented(ctx.node.op + " with x of type " + DataTypeName(x.dtype()) +
                           " and statistics of type " + DataTypeName(ctx.input(i).dtype()) +
                           " is not supported");
    }
  }
  // Running statistics are read in inference and when averaging them with the batch's.
  const bool stats_used = !training || avg != 1.0f;
  const std::string prefix =
      training ? "When exponential_avg_factor != 1, " : "When is_training=false, ";
  TFSK_RETURN_IF_ERROR(CheckVector(ctx.input(1), "scale", "scale", l.channels, true));
  TFSK_RETURN_IF_ERROR(CheckVector(ctx.input(2), "offset", "offset", l.channels, true));
  TFSK_RETURN_IF_ERROR(
      CheckVector(ctx.input(3), "estimated_mean", prefix + "mean", l.channels, stats_used));
  TFSK_RETURN_IF_ERROR(
      CheckVector(ctx.input(4), "estimated_variance", prefix + "variance", l.channels, stats_used));
  return DispatchFloat(x.dtype(), ctx.node.op, [&]<typename T>() {
    return Run<T>(ctx, l, training, static_cast<T>(eps), static_cast<T>(avg), kV3);
  });
}

}  // namespace

void RegisterBatchNormOps(KernelRegistry& r) {
  r.Register({"FusedBatchNorm", &FusedBatchNorm<false>, {}});
  r.Register({"FusedBatchNormV2", &FusedBatchNorm<false>, {}});
  r.Register({"FusedBatchNormV3", &FusedBatchNorm<true>, {}});
}

}  // namespace tfsk::serving::ops
