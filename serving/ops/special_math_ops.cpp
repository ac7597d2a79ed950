// Special functions on float/double, as TensorFlow computes them (it uses the same Eigen
// implementations): Lgamma, Digamma, the regularized incomplete gamma functions Igamma (lower,
// P(a, x)) and Igammac (upper, Q(a, x)) with broadcasting, and the exponentially scaled modified
// Bessel functions BesselI0e / BesselI1e (tf.math.bessel_i0e, tf.math.special.bessel_i1e), the
// inverse normal CDF Ndtri and Erfinv (TensorFlow computes erfinv(x) as ndtri((x + 1) / 2) / √2).
// The only file that includes Eigen's (unsupported, header-only) SpecialFunctions module.

#include <unsupported/Eigen/SpecialFunctions>

#include "serving/ops/binary_op.h"
#include "serving/ops/unary_op.h"

namespace tfsk::serving::ops {
namespace {

Status Lgamma(OpContext& ctx) {
  return FloatUnary(ctx, [](const auto& x) { return x.lgamma(); });
}
Status Digamma(OpContext& ctx) {
  return FloatUnary(ctx, [](const auto& x) { return x.digamma(); });
}
Status BesselI0e(OpContext& ctx) {
  return FloatUnary(ctx, [](const auto& x) { return Eigen::bessel_i0e(x); });
}
Status BesselI1e(OpContext& ctx) {
  return FloatUnary(ctx, [](const auto& x) { return Eigen::bessel_i1e(x); });
}

Status Ndtri(OpContext& ctx) {
  return FloatUnary(ctx, [](const auto& x) { return x.ndtri(); });
}
Status Erfinv(OpContext& ctx) {
  return FloatUnary(ctx, [](const auto& x) {
    using T = typename std::decay_t<decltype(x)>::Scalar;
    return (x * T(0.5) + T(0.5)).ndtri() * T(M_SQRT1_2);
  });
}

struct IgammaOp {
  template <class T>
  static T Apply(const T& a, const T& x) {
    return Eigen::numext::igamma(a, x);
  }
  template <class A, class B>
  static auto Expr(const A& a, const B& x) {
    return a.binaryExpr(x, [](auto p, auto q) { return Apply(p, q); });
  }
};
struct IgammacOp {
  template <class T>
  static T Apply(const T& a, const T& x) {
    return Eigen::numext::igammac(a, x);
  }
  template <class A, class B>
  static auto Expr(const A& a, const B& x) {
    return a.binaryExpr(x, [](auto p, auto q) { return Apply(p, q); });
  }
};

}  // namespace

void RegisterSpecialMathOps(KernelRegistry& r) {
  r.Register({"Lgamma", &Lgamma, {}});
  r.Register({"Digamma", &Digamma, {}});
  r.Register({"BesselI0e", &BesselI0e, {}});
  r.Register({"BesselI1e", &BesselI1e, {}});
  r.Register({"Ndtri", &Ndtri, {}});
  r.Register({"Erfinv", &Erfinv, {}});
  r.Register({"Igamma", &FloatBinary<IgammaOp>, {}});
  r.Register({"Igammac", &FloatBinary<IgammacOp>, {}});
}

}  // namespace tfsk::serving::ops
