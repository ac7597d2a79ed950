// Neural-network elementwise ops: BiasAdd, Relu, Relu6, LeakyRelu, Elu, Selu, Softplus,
// Sigmoid, Tanh, Softmax, LogSoftmax.

#include <cmath>

#include "serving/ops/op_util.h"

namespace tfsk::serving::ops {
namespace {

Status BiasAdd(OpContext& ctx) {
  TFSK_RETURN_IF_ERROR(CheckNumInputs(ctx, 2));
  const Tensor& x = ctx.input(0);
  const Tensor& bias = ctx.input(1);
  const std::string format = ctx.node.StringOr("data_format", "NHWC");
  if (x.rank() < 2) {
    return InvalidArgument("Input tensor must be at least 2D: " + ShapeString(x.shape()));
  }
  if (bias.rank() != 1) {
    return InvalidArgument("Biases must be 1D: " + ShapeString(bias.shape()));
  }
  const bool nchw = format == "NCHW";
  const int channel_dim = nchw ? 1 : x.rank() - 1;
  if (x.dim(channel_dim) != bias.dim(0)) {
    return InvalidArgument("Must provide as many biases as the channel dimension of the input "
                           "tensor: " + ShapeString(bias.shape()) + " vs. " + ShapeString(x.shape()));
  }
  if (x.dtype() != bias.dtype()) return InvalidArgument("BiasAdd inputs must have the same type");
  return DispatchNumeric(x.dtype(), ctx.node.op, [&]<typename T>() -> Status {
    Tensor out(x.dtype(), x.shape());
    const std::int64_t c = bias.dim(0);
    if (c == 0 || x.num_elements() == 0) {
      ctx.outputs.push_back(std::move(out));
      return OkStatus();
    }
    auto b = ArrayOf<T>(bias);
    if (!nchw) {
      // NHWC: the buffer is a (rows x C) matrix; add the bias to every row.
      const std::int64_t rows = x.num_elements() / c;
      using Mat = Eigen::Array<T, Eigen::Dynamic, Eigen::Dynamic, Eigen::RowMajor>;
      Eigen::Map<const Mat> in(x.flat<T>().data(), rows, c);
      Eigen::Map<Mat> o(out.flat<T>().data(), rows, c);
      o = in.rowwise() + b.transpose();
    } else {
      // NCHW: each (n, c) plane of H*W elements gets bias[c].
      const std::int64_t plane = x.num_elements() / (x.dim(0) * c);
      auto in = x.flat<T>();
      auto o = out.flat<T>();
      for (std::int64_t i = 0; i < x.num_elements(); ++i) {
        o[static_cast<std::size_t>(i)] = in[static_cast<std::size_t>(i)] + b[(i / plane) % c];
      }
    }
    ctx.outputs.push_back(std::move(out));
    return OkStatus();
  });
}

/// Elementwise float op: out = f(array expression of x, node).
template <typename F>
Status FloatMap(OpContext& ctx, F f) {
  TFSK_RETURN_IF_ERROR(CheckNumInputs(ctx, 1));
  const Tensor& x = ctx.input(0);
  return DispatchFloat(x.dtype(), ctx.node.op, [&]<typename T>() -> Status {
    Tensor out(x.dtype(), x.shape());
    MutableArrayOf<T>(out) = f(ArrayOf<T>(x), T{});
    ctx.outputs.push_back(std::move(out));
    return OkStatus();
  });
}

Status Relu(OpContext& ctx) {
  TFSK_RETURN_IF_ERROR(CheckNumInputs(ctx, 1));
  const Tensor& x = ctx.input(0);
  return DispatchNumeric(x.dtype(), ctx.node.op, [&]<typename T>() -> Status {
    Tensor out(x.dtype(), x.shape());
    MutableArrayOf<T>(out) = ArrayOf<T>(x).max(T(0));
    ctx.outputs.push_back(std::move(out));
    return OkStatus();
  });
}

Status Relu6(OpContext& ctx) {
  return FloatMap(ctx, [](const auto& x, auto z) {
    using T = decltype(z);
    return x.max(T(0)).min(T(6));
  });
}

Status LeakyRelu(OpContext& ctx) {
  const float alpha = ctx.node.GetFloat("alpha").ok() ? *ctx.node.GetFloat("alpha") : 0.2f;
  return FloatMap(ctx, [alpha](const auto& x, auto z) {
    using T = decltype(z);
    return (x > T(0)).select(x, x * static_cast<T>(alpha));
  });
}

Status Elu(OpContext& ctx) {
  return FloatMap(ctx, [](const auto& x, auto z) {
    using T = decltype(z);
    return (x > T(0)).select(x, x.exp() - T(1));
  });
}

Status Selu(OpContext& ctx) {
  return FloatMap(ctx, [](const auto& x, auto z) {
    using T = decltype(z);
    const T scale = T(1.0507009873554804934193349852946);
    const T alpha = T(1.6732632423543772848170429916717);
    return (x > T(0)).select(scale * x, scale * alpha * (x.exp() - T(1)));
  });
}

Status Softplus(OpContext& ctx) {
  return FloatMap(ctx, [](const auto& x, auto z) {
    using T = decltype(z);
    // log(1 + e^x) computed stably: max(x, 0) + log1p(e^-|x|).
    return x.max(T(0)) + (-x.abs()).exp().log1p();
  });
}

Status Sigmoid(OpContext& ctx) {
  return FloatMap(ctx, [](const auto& x, auto z) {
    using T = decltype(z);
    return T(1) / (T(1) + (-x).exp());
  });
}

Status Tanh(OpContext& ctx) {
  return FloatMap(ctx, [](const auto& x, auto) { return x.tanh(); });
}

/// Softmax over the last dimension (log-space when `log` is set), max-shifted for stability.
template <bool kLog>
Status Softmax(OpContext& ctx) {
  TFSK_RETURN_IF_ERROR(CheckNumInputs(ctx, 1));
  const Tensor& x = ctx.input(0);
  if (x.rank() < 1) {
    return InvalidArgument("logits must have >= 1 dimension, got " + ShapeString(x.shape()));
  }
  return DispatchFloat(x.dtype(), ctx.node.op, [&]<typename T>() -> Status {
    Tensor out(x.dtype(), x.shape());
    const std::int64_t c = x.dim(x.rank() - 1);
    if (c > 0 && x.num_elements() > 0) {
      using Mat = Eigen::Array<T, Eigen::Dynamic, Eigen::Dynamic, Eigen::RowMajor>;
      const std::int64_t rows = x.num_elements() / c;
      Eigen::Map<const Mat> in(x.flat<T>().data(), rows, c);
      Eigen::Map<Mat> o(out.flat<T>().data(), rows, c);
      // Row reductions go through temporaries: Eigen evaluates partial reductions lazily,
      // which would alias with the in-place updates of `o`.
      const Eigen::Array<T, Eigen::Dynamic, 1> max = in.rowwise().maxCoeff();
      o = in.colwise() - max;
      const Eigen::Array<T, Eigen::Dynamic, 1> sum = o.exp().rowwise().sum();
      if constexpr (kLog) {
        o.colwise() -= sum.log();
      } else {
        o = o.exp();
        o.colwise() /= sum;
      }
    }
    ctx.outputs.push_back(std::move(out));
    return OkStatus();
  });
}

}  // namespace

void RegisterNnOps(KernelRegistry& r) {
  r.Register({"BiasAdd", &BiasAdd, {}});
  r.Register({"BiasAddV1", &BiasAdd, {}});
  r.Register({"Relu", &Relu, {}});
  r.Register({"Relu6", &Relu6, {}});
  r.Register({"LeakyRelu", &LeakyRelu, {}});
  r.Register({"Elu", &Elu, {}});
  r.Register({"Selu", &Selu, {}});
  r.Register({"Softplus", &Softplus, {}});
  r.Register({"Sigmoid", &Sigmoid, {}});
  r.Register({"Tanh", &Tanh, {}});
  r.Register({"Softmax", &Softmax<false>, {}});
  r.Register({"LogSoftmax", &Softmax<true>, {}});
}

}  // namespace tfsk::serving::ops
