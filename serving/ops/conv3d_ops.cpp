// Conv3D (NDHWC; VALID/SAME, strides, dilations) via im2col + Eigen GEMM, and MaxPool3D /
// AvgPool3D (NDHWC; AvgPool3D averages only the in-bounds part of each window, as TensorFlow).

#include <Eigen/Core>
#include <array>
#include <limits>

#include "serving/ops/conv_util.h"

namespace tfsk::serving::ops {
namespace {

using Triple = std::array<std::int64_t, 3>;

/// A 5-element NDHWC list attr as its (d, h, w) values; missing gives `fallback` when > 0.
StatusOr<Triple> Spatial3(const NodeInfo& node, const char* attr, std::int64_t fallback) {
  auto v = node.GetIntList(attr);
  if (!v.ok()) {
    if (fallback > 0) return Triple{fallback, fallback, fallback};
    return v.status();
  }
  if (v->size() != 5) {
    return InvalidArgument(std::string(attr) + " attr must specify 5 dimensions, got " +
                           std::to_string(v->size()));
  }
  if ((*v)[0] != 1 || (*v)[4] != 1) {
    return Unimplemented(std::string(attr) + " in the batch and depth dimensions is not supported");
  }
  return Triple{(*v)[1], (*v)[2], (*v)[3]};
}

struct Geometry {
  std::int64_t n = 0, c = 0;
  Triple in{}, k{}, stride{}, dil{};
  std::array<Window, 3> win{};
  std::int64_t out_pixels() const { return win[0].out * win[1].out * win[2].out; }
};

StatusOr<Geometry> Geometry3(const OpContext& ctx, const Tensor& x, const Triple& k,
                             const Triple& stride, const Triple& dil) {
  const std::string format = ctx.node.StringOr("data_format", "NDHWC");
  if (format != "NDHWC")
    return Unimplemented(ctx.node.op + " only supports data_format NDHWC on CPU, got " + format);
  if (x.rank() != 5) return InvalidArgument("input must be 5-dimensional" + ShapeString(x.shape()));
  TFSK_ASSIGN_OR_RETURN(std::string padding, ctx.node.GetString("padding"));
  Geometry g;
  g.n = x.dim(0);
  g.c = x.dim(4);
  g.k = k;
  g.stride = stride;
  g.dil = dil;
  for (int i = 0; i < 3; ++i) {
    const auto ui = static_cast<std::size_t>(i);
    g.in[ui] = x.dim(i + 1);
    TFSK_ASSIGN_OR_RETURN(g.win[ui],
                          WindowFor(g.in[ui], k[ui], stride[ui], dil[ui], padding, 0, 0));
  }
  return g;
}

/// Calls f(out_pixel, tap, input_pixel) for every in-bounds (output pixel, kernel tap) pair;
/// pixels count over (batch, d, h, w), taps over (kd, kh, kw).
template <typename F>
void ForEachTap(const Geometry& g, F&& f) {
  std::int64_t opix = 0;
  for (std::int64_t b = 0; b < g.n; ++b) {
    for (std::int64_t od = 0; od < g.win[0].out; ++od) {
      for (std::int64_t oh = 0; oh < g.win[1].out; ++oh) {
        for (std::int64_t ow = 0; ow < g.win[2].out; ++ow, ++opix) {
          for (std::int64_t kd = 0; kd < g.k[0]; ++kd) {
            const std::int64_t id = od * g.stride[0] + kd * g.dil[0] - g.win[0].pad_before;
            if (id < 0 || id >= g.in[0]) continue;
            for (std::int64_t kh = 0; kh < g.k[1]; ++kh) {
              const std::int64_t ih = oh * g.stride[1] + kh * g.dil[1] - g.win[1].pad_before;
              if (ih < 0 || ih >= g.in[1]) continue;
              for (std::int64_t kw = 0; kw < g.k[2]; ++kw) {
                const std::int64_t iw = ow * g.stride[2] + kw * g.dil[2] - g.win[2].pad_before;
                if (iw < 0 || iw >= g.in[2]) continue;
                f(opix, (kd * g.k[1] + kh) * g.k[2] + kw,
                  ((b * g.in[0] + id) * g.in[1] + ih) * g.in[2] + iw);
              }
            }
          }
        }
      }
    }
  }
}

Status Conv3D(OpContext& ctx) {
  TFSK_RETURN_IF_ERROR(CheckNumInputs(ctx, 2));
  const Tensor& x = ctx.input(0);
  const Tensor& f = ctx.input(1);
  if (f.rank() != 5)
    return InvalidArgument("filter must be 5-dimensional: " + ShapeString(f.shape()));
  if (x.dtype() != f.dtype()) return InvalidArgument("Conv3D input and filter types differ");
  TFSK_ASSIGN_OR_RETURN(Triple stride, Spatial3(ctx.node, "strides", 0));
  TFSK_ASSIGN_OR_RETURN(Triple dil, Spatial3(ctx.node, "dilations", 1));
  TFSK_ASSIGN_OR_RETURN(Geometry g,
                        Geometry3(ctx, x, Triple{f.dim(0), f.dim(1), f.dim(2)}, stride, dil));
  if (f.dim(3) != g.c) {
    return InvalidArgument("Input depth must be equal to filter depth: " + std::to_string(g.c) +
                           " vs " + std::to_string(f.dim(3)));
  }
  const std::int64_t oc = f.dim(4);
  return DispatchFloat(x.dtype(), ctx.node.op, [&]<typename T>() -> Status {
    Tensor out(x.dtype(), {g.n, g.win[0].out, g.win[1].out, g.win[2].out, oc});
    const std::int64_t rows = g.n * g.out_pixels();
    const std::int64_t cols = g.k[0] * g.k[1] * g.k[2] * g.c;
    if (rows == 0 || oc == 0) {
      ctx.outputs.push_back(std::move(out));
      return OkStatus();
    }
    using Mat = Eigen::Matrix<T, Eigen::Dynamic, Eigen::Dynamic, Eigen::RowMajor>;
    Mat patches = Mat::Zero(rows, cols);
    const T* in = x.flat<T>().data();
    ForEachTap(g, [&](std::int64_t opix, std::int64_t tap, std::int64_t ipix) {
      std::copy(in + ipix * g.c, in + (ipix + 1) * g.c, patches.data() + opix * cols + tap * g.c);
    });
    Eigen::Map<const Mat> filter(f.flat<T>().data(), cols, oc);
    Eigen::Map<Mat> result(out.flat<T>().data(), rows, oc);
    result.noalias() = patches * filter;
    ctx.outputs.push_back(std::move(out));
    return OkStatus();
  });
}

template <bool kMax>
Status Pool3D(OpContext& ctx) {
  TFSK_RETURN_IF_ERROR(CheckNumInputs(ctx, 1));
  const Tensor& x = ctx.input(0);
  TFSK_ASSIGN_OR_RETURN(Triple k, Spatial3(ctx.node, "ksize", 0));
  TFSK_ASSIGN_OR_RETURN(Triple stride, Spatial3(ctx.node, "strides", 0));
  TFSK_ASSIGN_OR_RETURN(Geometry g, Geometry3(ctx, x, k, stride, Triple{1, 1, 1}));
  return DispatchFloat(x.dtype(), ctx.node.op, [&]<typename T>() -> Status {
    Tensor out(x.dtype(), {g.n, g.win[0].out, g.win[1].out, g.win[2].out, g.c});
    auto o = out.flat<T>();
    std::fill(o.begin(), o.end(), kMax ? std::numeric_limits<T>::lowest() : T(0));
    std::vector<std::int64_t> count(static_cast<std::size_t>(g.n * g.out_pixels()), 0);
    const T* in = x.flat<T>().data();
    ForEachTap(g, [&](std::int64_t opix, std::int64_t, std::int64_t ipix) {
      T* dst = o.data() + opix * g.c;
      const T* src = in + ipix * g.c;
      for (std::int64_t ch = 0; ch < g.c; ++ch) {
        if constexpr (kMax)
          dst[ch] = std::max(dst[ch], src[ch]);
        else
          dst[ch] += src[ch];
      }
      ++count[static_cast<std::size_t>(opix)];
    });
    if constexpr (!kMax) {
      for (std::size_t p = 0; p < count.size(); ++p) {
        for (std::int64_t ch = 0; ch < g.c && count[p] > 0; ++ch) {
          o[p * static_cast<std::size_t>(g.c) + static_cast<std::size_t>(ch)] /=
              static_cast<T>(count[p]);
        }
      }
    }
    ctx.outputs.push_back(std::move(out));
    return OkStatus();
  });
}

}  // namespace

void RegisterConv3DOps(KernelRegistry& r) {
  r.Register({"Conv3D", &Conv3D, {"strides", "padding"}});
  r.Register({"MaxPool3D", &Pool3D<true>, {"ksize", "strides", "padding"}});
  r.Register({"AvgPool3D", &Pool3D<false>, {"ksize", "strides", "padding"}});
}

}  // namespace tfsk::serving::ops
