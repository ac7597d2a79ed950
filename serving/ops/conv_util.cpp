#include "serving/ops/conv_util.h"

#include <algorithm>
#include <vector>

namespace tfsk::serving::ops {

StatusOr<Window> WindowFor(std::int64_t in, std::int64_t k, std::int64_t stride,
                           std::int64_t dilation, const std::string& padding,
                           std::int64_t explicit_before, std::int64_t explicit_after) {
  if (stride <= 0 || dilation <= 0) return InvalidArgument("strides and dilations must be > 0");
  const std::int64_t eff_k = (k - 1) * dilation + 1;
  Window w;
  if (padding == "VALID") {
    w.out = in >= eff_k ? (in - eff_k) / stride + 1 : 0;
  } else if (padding == "SAME") {
    w.out = (in + stride - 1) / stride;
    const std::int64_t needed = std::max<std::int64_t>((w.out - 1) * stride + eff_k - in, 0);
    w.pad_before = needed / 2;
  } else if (padding == "EXPLICIT") {
    const std::int64_t padded = in + explicit_before + explicit_after;
    w.out = padded >= eff_k ? (padded - eff_k) / stride + 1 : 0;
    w.pad_before = explicit_before;
  } else {
    return InvalidArgument("Unknown padding '" + padding + "'");
  }
  return w;
}

StatusOr<std::pair<std::int64_t, std::int64_t>> SpatialPair(const NodeInfo& node, const char* attr,
                                                            std::int64_t fallback) {
  auto v = node.GetIntList(attr);
  if (!v.ok()) {
    if (fallback > 0) return std::pair{fallback, fallback};
    return v.status();
  }
  return SpatialPairOf(*v, std::string(attr) + " attr");
}

StatusOr<std::pair<std::int64_t, std::int64_t>> SpatialPairOf(std::span<const std::int64_t> v,
                                                              const std::string& what) {
  if (v.size() != 4) {
    return InvalidArgument(what + " must specify 4 dimensions, got " + std::to_string(v.size()));
  }
  if (v[0] != 1 || v[3] != 1) {
    return Unimplemented(what + " in the batch and depth dimensions is not supported");
  }
  return std::pair{v[1], v[2]};
}

Status CheckNhwc(const OpContext& ctx) {
  const std::string format = ctx.node.StringOr("data_format", "NHWC");
  if (format == "NHWC") return OkStatus();
  // TensorFlow's CPU kernels reject NCHW too (its layout optimizer converts only on GPUs by
  // default), so a channels_first model fails the same way under TF Serving; say it as TF does.
  const std::string& op = ctx.node.op;
  if (op == "Conv2D") {
    return Unimplemented(
        "The Conv2D op currently only supports the NHWC tensor format on the CPU. The op was "
        "given the format: " +
        format);
  }
  if (op == "MaxPool" || op == "MaxPoolV2" || op == "AvgPool") {
    return InvalidArgument(std::string("Default ") + (op == "AvgPool" ? "Avg" : "Max") +
                           "PoolingOp only supports NHWC on device type CPU");
  }
  return Unimplemented(op + " only supports data_format NHWC on CPU, got " + format);
}

Status CheckConv2DOperands(const OpContext& ctx) {
  TFSK_RETURN_IF_ERROR(CheckNumInputs(ctx, 2));
  TFSK_RETURN_IF_ERROR(CheckNhwc(ctx));
  const Tensor& x = ctx.input(0);
  const Tensor& f = ctx.input(1);
  if (x.rank() != 4) return InvalidArgument("input must be 4-dimensional" + ShapeString(x.shape()));
  if (f.rank() != 4) {
    return InvalidArgument("filter must be 4-dimensional: " + ShapeString(f.shape()));
  }
  if (x.dtype() != f.dtype())
    return InvalidArgument(ctx.node.op + " input and filter types differ");
  return OkStatus();
}

StatusOr<WindowTaps> ConvTaps(const NodeInfo& node, std::int64_t h, std::int64_t w,
                              std::int64_t kh, std::int64_t kw) {
  WindowTaps taps;
  taps.h = h;
  taps.w = w;
  taps.kh = kh;
  taps.kw = kw;
  TFSK_ASSIGN_OR_RETURN(taps.strides, SpatialPair(node, "strides", 0));
  TFSK_ASSIGN_OR_RETURN(taps.dilations, SpatialPair(node, "dilations", 1));
  TFSK_ASSIGN_OR_RETURN(std::string padding, node.GetString("padding"));
  std::vector<std::int64_t> ep(8, 0);
  if (padding == "EXPLICIT") {
    TFSK_ASSIGN_OR_RETURN(ep, node.GetIntList("explicit_paddings"));
    if (ep.size() != 8) return InvalidArgument("explicit_paddings must have 8 values");
  }
  TFSK_ASSIGN_OR_RETURN(taps.wy, WindowFor(h, kh, taps.strides.first, taps.dilations.first,
                                           padding, ep[2], ep[3]));
  TFSK_ASSIGN_OR_RETURN(taps.wx, WindowFor(w, kw, taps.strides.second, taps.dilations.second,
                                           padding, ep[4], ep[5]));
  return taps;
}

}  // namespace tfsk::serving::ops
