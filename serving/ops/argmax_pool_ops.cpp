// MaxPoolWithArgmax (NHWC, VALID/SAME): the max of each window and the flat index of where it
// came from — ((b * height + y) * width + x) * channels + c with include_batch_in_index, else
// without the b term. The first element of a window is taken, then only a strictly greater one,
// as TensorFlow's CPU kernel does (so ties keep the earlier pixel and a leading NaN sticks).
// Targmax int64 is TensorFlow's CPU kernel; int32 (its GPU kernel's alternative) is accepted too.

#include <limits>

#include "serving/ops/conv_util.h"

namespace tfsk::serving::ops {
namespace {

Status MaxPoolWithArgmax(OpContext& ctx) {
  TFSK_RETURN_IF_ERROR(CheckNumInputs(ctx, 1));
  const Tensor& x = ctx.input(0);
  TFSK_ASSIGN_OR_RETURN(auto k, SpatialPair(ctx.node, "ksize", 0));
  TFSK_ASSIGN_OR_RETURN(auto s, SpatialPair(ctx.node, "strides", 0));
  if (k.first <= 0 || k.second <= 0 || s.first <= 0 || s.second <= 0)
    return InvalidArgument("Sliding window ksize and strides must be positive");
  TFSK_ASSIGN_OR_RETURN(std::string padding, ctx.node.GetString("padding"));
  if (padding != "VALID" && padding != "SAME")
    return InvalidArgument("padding must be VALID or SAME, got " + padding);
  if (x.rank() != 4) return InvalidArgument("input must be 4-dimensional" + ShapeString(x.shape()));
  DataType targmax = DataType::kInt64;
  if (ctx.node.HasAttr("Targmax")) {
    TFSK_ASSIGN_OR_RETURN(targmax, ctx.node.GetType("Targmax"));
  }
  if (targmax != DataType::kInt64 && targmax != DataType::kInt32)
    return InvalidArgument("Targmax must be int32 or int64, got " + DataTypeName(targmax));
  const bool with_batch = ctx.node.BoolOr("include_batch_in_index", false);
  const std::int64_t n = x.dim(0), h = x.dim(1), w = x.dim(2), c = x.dim(3);
  TFSK_ASSIGN_OR_RETURN(Window wy, WindowFor(h, k.first, s.first, 1, padding, 0, 0));
  TFSK_ASSIGN_OR_RETURN(Window wx, WindowFor(w, k.second, s.second, 1, padding, 0, 0));
  const WindowTaps taps{h, w, k.first, k.second, s, {1, 1}, wy, wx};
  return DispatchNumeric(x.dtype(), ctx.node.op, [&]<typename T>() -> Status {
    const Shape shape{n, wy.out, wx.out, c};
    Tensor out(x.dtype(), shape);
    std::vector<std::int64_t> argmax(static_cast<std::size_t>(out.num_elements()), -1);
    const T* in = x.flat<T>().data();
    T* o = out.flat<T>().data();
    for (std::int64_t b = 0; b < n; ++b) {
      for (std::int64_t oy = 0; oy < wy.out; ++oy) {
        for (std::int64_t ox = 0; ox < wx.out; ++ox) {
          const std::int64_t at = ((b * wy.out + oy) * wx.out + ox) * c;
          for (std::int64_t ch = 0; ch < c; ++ch) o[at + ch] = std::numeric_limits<T>::lowest();
          taps.ForEach(oy, ox, [&](std::int64_t, std::int64_t, std::int64_t iy, std::int64_t ix) {
            const std::int64_t pixel = ((with_batch ? b * h : 0) + iy) * w + ix;
            const T* v = in + ((b * h + iy) * w + ix) * c;
            for (std::int64_t ch = 0; ch < c; ++ch) {
              auto& index = argmax[static_cast<std::size_t>(at + ch)];
              if (o[at + ch] < v[ch] || index == -1) {
                o[at + ch] = v[ch];
                index = pixel * c + ch;
              }
            }
          });
        }
      }
    }
    Tensor indices(targmax, shape);
    if (targmax == DataType::kInt64) {
      std::copy(argmax.begin(), argmax.end(), indices.flat<std::int64_t>().data());
    } else {
      std::int32_t* p = indices.flat<std::int32_t>().data();
      for (std::int64_t v : argmax) *p++ = static_cast<std::int32_t>(v);
    }
    ctx.outputs.push_back(std::move(out));
    ctx.outputs.push_back(std::move(indices));
    return OkStatus();
  });
}

}  // namespace

void RegisterArgmaxPoolOps(KernelRegistry& r) {
  r.Register({"MaxPoolWithArgmax", &MaxPoolWithArgmax, {"ksize", "strides", "padding"}});
}

}  // namespace tfsk::serving::ops
