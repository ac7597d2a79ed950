// Basic array ops: Const, Identity/IdentityN/Snapshot/StopGradient, Placeholder(WithDefault),
// NoOp, Shape/Size/Rank, Fill, ZerosLike/OnesLike, Cast, Select/SelectV2.

#include "serving/ops/broadcast.h"
#include "serving/ops/op_util.h"

namespace tfsk::serving::ops {
namespace {

Status Const(OpContext& ctx) {
  TFSK_ASSIGN_OR_RETURN(Tensor value, ctx.node.GetTensor("value"));
  ctx.outputs.push_back(std::move(value));
  return OkStatus();
}

Status Identity(OpContext& ctx) {
  TFSK_RETURN_IF_ERROR(CheckNumInputs(ctx, 1));
  ctx.outputs.push_back(ctx.ForwardInput(0));
  return OkStatus();
}

Status IdentityN(OpContext& ctx) {
  for (int i = 0; i < ctx.num_inputs(); ++i) ctx.outputs.push_back(ctx.ForwardInput(i));
  return OkStatus();
}

Status NoOp(OpContext&) { return OkStatus(); }

Status Placeholder(OpContext& ctx) {
  auto dtype = ctx.node.GetType("dtype");
  return InvalidArgument("You must feed a value for placeholder tensor '" + ctx.node.name +
                         "' with dtype " + (dtype.ok() ? DataTypeName(*dtype) : "unknown"));
}

Status PlaceholderWithDefault(OpContext& ctx) { return Identity(ctx); }

// `s` as a 1-D int32 (default) or int64 tensor, per the node's out_type.
Tensor ShapeTensor(const OpContext& ctx, const Shape& s) {
  const DataType out_type = ctx.node.GetType("out_type").ok() ? *ctx.node.GetType("out_type")
                                                                : DataType::kInt32;
  Tensor out(out_type, {static_cast<std::int64_t>(s.size())});
  for (std::size_t i = 0; i < s.size(); ++i) {
    if (out_type == DataType::kInt64) {
      out.flat<std::int64_t>()[i] = s[i];
    } else {
      out.flat<std::int32_t>()[i] = static_cast<std::int32_t>(s[i]);
    }
  }
  return out;
}

Status ShapeOf(OpContext& ctx) {
  TFSK_RETURN_IF_ERROR(CheckNumInputs(ctx, 1));
  ctx.outputs.push_back(ShapeTensor(ctx, ctx.input(0).shape()));
  return OkStatus();
}

// tf.shape_n: one shape per input.
Status ShapeN(OpContext& ctx) {
  if (ctx.num_inputs() == 0) return InvalidArgument("ShapeN expects at least one input");
  for (int i = 0; i < ctx.num_inputs(); ++i) {
    ctx.outputs.push_back(ShapeTensor(ctx, ctx.input(i).shape()));
  }
  return OkStatus();
}

Status Size(OpContext& ctx) {
  TFSK_RETURN_IF_ERROR(CheckNumInputs(ctx, 1));
  const auto out_type = ctx.node.GetType("out_type");
  const std::int64_t n = ctx.input(0).num_elements();
  ctx.outputs.push_back(out_type.ok() && *out_type == DataType::kInt64
                            ? Tensor::Scalar<std::int64_t>(n)
                            : Tensor::Scalar<std::int32_t>(static_cast<std::int32_t>(n)));
  return OkStatus();
}

Status Rank(OpContext& ctx) {
  TFSK_RETURN_IF_ERROR(CheckNumInputs(ctx, 1));
  ctx.outputs.push_back(Tensor::Scalar<std::int32_t>(ctx.input(0).rank()));
  return OkStatus();
}

Status Fill(OpContext& ctx) {
  TFSK_RETURN_IF_ERROR(CheckNumInputs(ctx, 2));
  if (ctx.input(0).rank() != 1) {
    return InvalidArgument("dims must be a vector, got shape " + ShapeString(ctx.input(0).shape()));
  }
  if (ctx.input(1).num_elements() != 1 || ctx.input(1).rank() != 0) {
    return InvalidArgument("value must be a scalar, got shape " + ShapeString(ctx.input(1).shape()));
  }
  TFSK_ASSIGN_OR_RETURN(auto dims, IndexValues(ctx.input(0), "dims"));
  for (auto d : dims) {
    if (d < 0) return InvalidArgument("Fill dimensions must be >= 0, got " + JoinInts(dims));
  }
  const Tensor& v = ctx.input(1);
  return DispatchAll(v.dtype(), ctx.node.op, [&]<typename T>() -> Status {
    Tensor out(v.dtype(), dims);
    for (T& e : out.flat<T>()) e = v.flat<T>()[0];
    ctx.outputs.push_back(std::move(out));
    return OkStatus();
  });
}

template <int kValue>
Status FilledLike(OpContext& ctx) {
  TFSK_RETURN_IF_ERROR(CheckNumInputs(ctx, 1));
  const Tensor& x = ctx.input(0);
  return DispatchNumericOrBool(x.dtype(), ctx.node.op, [&]<typename T>() -> Status {
    Tensor out(x.dtype(), x.shape());
    for (T& e : out.flat<T>()) e = static_cast<T>(kValue);
    ctx.outputs.push_back(std::move(out));
    return OkStatus();
  });
}

Status Cast(OpContext& ctx) {
  TFSK_RETURN_IF_ERROR(CheckNumInputs(ctx, 1));
  TFSK_ASSIGN_OR_RETURN(DataType to, ctx.node.GetType("DstT"));
  const Tensor& x = ctx.input(0);
  if (x.dtype() == to) {
    ctx.outputs.push_back(x);
    return OkStatus();
  }
  return DispatchNumericOrBool(x.dtype(), ctx.node.op, [&]<typename From>() -> Status {
    return DispatchNumericOrBool(to, ctx.node.op, [&]<typename To>() -> Status {
      Tensor out(to, x.shape());
      MutableArrayOf<To>(out) = ArrayOf<From>(x).template cast<To>();
      ctx.outputs.push_back(std::move(out));
      return OkStatus();
    });
  });
}

/// Select (v1): `condition` has the shape of x, or is a vector selecting whole rows of x.
Status Select(OpContext& ctx) {
  TFSK_RETURN_IF_ERROR(CheckNumInputs(ctx, 3));
  const Tensor& c = ctx.input(0);
  const Tensor& x = ctx.input(1);
  const Tensor& y = ctx.input(2);
  if (x.shape() != y.shape() || x.dtype() != y.dtype()) {
    return InvalidArgument("'then' and 'else' must have the same size.  but received: " +
                           ShapeString(x.shape()) + " vs. " + ShapeString(y.shape()));
  }
  if (c.dtype() != DataType::kBool) return InvalidArgument("condition must be bool");
  const bool rows = c.shape() != x.shape();
  if (rows && !(c.rank() == 1 && x.rank() >= 1 && c.dim(0) == x.dim(0)) && c.rank() != 0) {
    return InvalidArgument("'condition' must be a scalar, a vector matching 'then' dim 0, or have "
                           "the shape of 'then': " + ShapeString(c.shape()) + " vs. " +
                           ShapeString(x.shape()));
  }
  const std::int64_t n = x.num_elements();
  const std::int64_t row = (rows && c.rank() == 1 && c.dim(0) > 0) ? n / c.dim(0) : 1;
  return DispatchAll(x.dtype(), ctx.node.op, [&]<typename T>() -> Status {
    Tensor out(x.dtype(), x.shape());
    auto cv = c.flat<bool>();
    auto xv = x.flat<T>();
    auto yv = y.flat<T>();
    auto ov = out.flat<T>();
    for (std::int64_t i = 0; i < n; ++i) {
      const bool pick = c.rank() == 0 ? cv[0] : cv[static_cast<std::size_t>(rows ? i / row : i)];
      ov[static_cast<std::size_t>(i)] = pick ? xv[static_cast<std::size_t>(i)] : yv[static_cast<std::size_t>(i)];
    }
    ctx.outputs.push_back(std::move(out));
    return OkStatus();
  });
}

/// SelectV2 broadcasts condition, then and else together.
Status SelectV2(OpContext& ctx) {
  TFSK_RETURN_IF_ERROR(CheckNumInputs(ctx, 3));
  const Tensor& c = ctx.input(0);
  const Tensor& x = ctx.input(1);
  const Tensor& y = ctx.input(2);
  if (c.dtype() != DataType::kBool) return InvalidArgument("condition must be bool");
  if (x.dtype() != y.dtype()) return InvalidArgument("'then' and 'else' must have the same type");
  TFSK_ASSIGN_OR_RETURN(auto bc, MakeBroadcast<3>({&c.shape(), &x.shape(), &y.shape()}));
  return DispatchAll(x.dtype(), ctx.node.op, [&]<typename T>() -> Status {
    Tensor out(x.dtype(), bc.out);
    auto cv = c.flat<bool>();
    auto xv = x.flat<T>();
    auto yv = y.flat<T>();
    auto ov = out.flat<T>();
    bc.ForEach([&](std::int64_t i, const std::array<std::int64_t, 3>& off) {
      ov[static_cast<std::size_t>(i)] = cv[static_cast<std::size_t>(off[0])]
                                            ? xv[static_cast<std::size_t>(off[1])]
                                            : yv[static_cast<std::size_t>(off[2])];
    });
    ctx.outputs.push_back(std::move(out));
    return OkStatus();
  });
}

}  // namespace

void RegisterArrayOps(KernelRegistry& r) {
  r.Register({"Const", &Const, {"value", "dtype"}});
  r.Register({"Identity", &Identity, {}});
  r.Register({"Snapshot", &Identity, {}});
  r.Register({"StopGradient", &Identity, {}});
  r.Register({"IdentityN", &IdentityN, {}});
  r.Register({"NoOp", &NoOp, {}});
  r.Register({"Placeholder", &Placeholder, {"dtype"}});
  r.Register({"PlaceholderWithDefault", &PlaceholderWithDefault, {"dtype"}});
  r.Register({"Shape", &ShapeOf, {}});
  r.Register({"ShapeN", &ShapeN, {}});
  r.Register({"Size", &Size, {}});
  r.Register({"Rank", &Rank, {}});
  r.Register({"Fill", &Fill, {}});
  r.Register({"ZerosLike", &FilledLike<0>, {}});
  r.Register({"OnesLike", &FilledLike<1>, {}});
  r.Register({"Cast", &Cast, {"DstT"}});
  r.Register({"Select", &Select, {}});
  r.Register({"SelectV2", &SelectV2, {}});
}

}  // namespace tfsk::serving::ops
